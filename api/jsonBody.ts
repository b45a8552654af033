// JSON request bodies: read only after authentication, size-limited by who calls, depth-limited before parsing.
import express, { type Request, type Response } from 'express';
import { Problem } from './problems';
import { unsafeTextReason } from './requestGuards';

/** Bodies of callers with a valid token (inline attachments: 20 files of up to 10 MB as base64 need room). */
export const AUTHENTICATED_BODY_LIMIT = 25 * 1024 * 1024;
/** Bodies of public routes (signed callbacks): a payment confirmation is a few hundred bytes. */
export const ANONYMOUS_BODY_LIMIT = 16 * 1024;
/** Nesting depth of any JSON body; form data needs at most the envelope's 48 levels plus the body's two. */
export const MAX_JSON_DEPTH = 64;

const rawParsers = new Map<number, express.RequestHandler>();
function rawParser(limit: number): express.RequestHandler {
  let parser = rawParsers.get(limit);
  if (!parser) {
    parser = express.raw({ type: () => true, limit });
    rawParsers.set(limit, parser);
  }
  return parser;
}

/** True when brackets nest deeper than `max` (strings skipped); linear, so no parser ever recurses that deep. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The path of the first key or string value the hub cannot store, with the reason. */
export function firstUnsafeString(value: unknown, path = 'body'): string | undefined {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? `${path} ${reason}` : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUnsafeString(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason) return `a property name in ${path} ${keyReason}`;
      const found = firstUnsafeString(child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Parses JSON text under the hub's limits; throws 400 problems that say what to fix. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new Problem('invalid-request', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Problem('invalid-request', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const unsafe = firstUnsafeString(value);
  if (unsafe) throw new Problem('invalid-request', `${unsafe}; send text without it.`);
  return value;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and parses the body of `req` with `limit` bytes; sets req.body and returns it. */
export async function readJsonBody(req: Request, res: Response, limit: number): Promise<unknown> {
  if (!req.is('application/json') && !req.is('application/*+json'))
    throw new Problem('unsupported-media-type', 'Send the body as application/json.');
  const charset = /;\s*charset="?([^";]+)/i.exec(req.header('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new Problem('unsupported-media-type', `Send JSON in UTF-8, not ${charset}.`);
  await new Promise<void>((resolve, reject) =>
    rawParser(limit)(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
  );
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new Problem('invalid-request', 'The body is not valid UTF-8.');
  }
  req.body = parseJsonText(text);
  // Signed callbacks verify the bytes that were sent, not a re-serialisation.
  res.locals.rawBody = text;
  return req.body;
}
