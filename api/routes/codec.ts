// The codec server: the Temporal Web UI and CLI send the encrypted payloads of a history here and get them back in
// clear, for hub administrators only. Temporal itself stores only ciphertext (platform/payloadCodec.ts).
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Payload } from '@temporalio/common';
import { route, type RouteSpec } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { authenticate, type Principal } from '../auth';
import { EncryptionCodec, PayloadKeyError } from '../../platform/payloadCodec';

/** HttpOnly cookie that carries the admin token for the browser UI, which cannot send an Authorization header. */
export const CODEC_COOKIE = 'drehscheibe_codec';
const COOKIE_SECONDS = 8 * 3600;

const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';
const payloadSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    metadata: {
      type: 'object',
      additionalProperties: { type: 'string', pattern: BASE64 },
      description: 'metadata values in base64',
    },
    data: { type: 'string', pattern: BASE64, description: 'payload bytes in base64' },
  },
} as const;
const payloadsSchema = {
  type: 'object',
  required: ['payloads'],
  properties: { payloads: { type: 'array', maxItems: 10_000, items: payloadSchema } },
} as const;

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

function cookieToken(req: Request): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== CODEC_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // malformed: treated as no cookie, so the request is refused with 401
    }
  }
  return undefined;
}

/**
 * CORS for the UI's origin (with credentials, so the cookie travels) and the cookie as a bearer token. Mounted on
 * /codec before the route table. Requests without Origin (CLI, curl) are not browsers and need no CORS.
 */
export function codecMiddleware({ config }: AppDeps) {
  const allowed = new Set(config.codec.corsOrigins);
  const urlencoded = express.urlencoded({ extended: false, limit: '4kb' });
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (origin !== undefined) {
      if (!allowed.has(origin)) {
        return next(
          new Problem(
            'forbidden',
            `Origin ${origin} may not call the codec server; add it to CODEC_CORS_ORIGINS.`,
          ),
        );
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Content-Type, X-Namespace, Authorization, Authorization-Extras',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      return void res.status(204).end();
    }
    const token = cookieToken(req);
    if (!req.header('authorization') && token) req.headers.authorization = `Bearer ${token}`;
    if (req.path === '/login' && req.method === 'POST') return urlencoded(req, res, next);
    next();
  };
}

/** Decoding reveals every case of the namespace: hub operators only, not administrators of one municipality. */
function assertHubAdmin(principal: Principal): void {
  if (principal.ars !== null)
    throw new Problem('forbidden', 'The codec server is for hub administrators, not municipal ones.');
}

const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Drehscheibe codec server</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:3em auto">
<h1>Codec server sign-in</h1>
<p>Paste a hub administrator token. The browser keeps it in an HttpOnly cookie for this codec server only
(8 hours), so the Temporal Web UI can decode payloads when its codec setting
"Include cross-origin credentials" is on. See docs/encryption.md.</p>
<form method="post" action="login"><input type="password" name="token" size="50" autocomplete="off" required>
<button type="submit">Sign in</button></form>
<form method="post" action="logout"><button type="submit">Sign out</button></form>
</body></html>`;

export function codecRoutes(deps: AppDeps): RouteSpec<never>[] {
  const { config, pool } = deps;
  const codec = new EncryptionCodec(config.codec.keys);
  const convert = (type: 'encode' | 'decode') =>
    route<{ payloads: JsonPayload[] }>({
      method: 'post',
      path: `/codec/${type}`,
      tag: 'operations',
      roles: ['admin'],
      body: payloadsSchema,
      summary:
        type === 'decode'
          ? 'Codec server for the Temporal Web UI and CLI: decrypt payloads (admin token as Bearer or codec cookie)'
          : 'Codec server for the Temporal Web UI and CLI: encrypt payloads with the current key',
      responses: {
        200: { description: 'The payloads, same order and JSON shape as sent', schema: payloadsSchema },
        400: { description: 'X-Namespace names another namespace', schema: problemSchema },
        401: { description: 'No or unknown token', schema: problemSchema },
        403: {
          description: 'Not a hub administrator, or a browser origin not allowed',
          schema: problemSchema,
        },
        422: { description: 'A payload does not decrypt with the configured keys', schema: problemSchema },
      },
      handler: async ({ principal, body, req }) => {
        assertHubAdmin(principal);
        const namespace = req.header('x-namespace');
        if (namespace !== undefined && namespace !== config.temporalNamespace) {
          throw new Problem(
            'invalid-request',
            `This codec server serves namespace "${config.temporalNamespace}", not "${namespace}".`,
          );
        }
        try {
          const payloads = await codec[type](body.payloads.map(fromJson));
          return { body: { payloads: payloads.map(toJson) } };
        } catch (error) {
          if (error instanceof PayloadKeyError) throw new Problem('payload-undecryptable', error.message);
          throw error;
        }
      },
    });
  return [
    convert('decode'),
    convert('encode'),
    route({
      method: 'get',
      path: '/codec/login',
      tag: 'operations',
      roles: 'public',
      summary: 'Sign-in page that stores an admin token in the codec cookie for the Temporal Web UI',
      responses: { 200: { description: 'HTML form', contentType: 'text/html' } },
      handler: async () => ({ raw: { contentType: 'text/html; charset=utf-8', data: LOGIN_PAGE } }),
    }),
    route({
      method: 'post',
      path: '/codec/login',
      tag: 'operations',
      roles: 'public',
      summary: 'Check an admin token (form field or JSON "token") and set the codec cookie',
      responses: {
        200: { description: 'Cookie set; the answer says for how long' },
        401: { description: 'Unknown token', schema: problemSchema },
        403: { description: 'Not a hub administrator', schema: problemSchema },
      },
      handler: async ({ req }) => {
        const token = (req.body as { token?: unknown } | undefined)?.token;
        if (typeof token !== 'string' || token === '')
          throw new Problem('invalid-request', 'Send the admin token in the field "token".');
        const principal = await authenticate(pool, `Bearer ${token}`);
        if (principal.role !== 'admin')
          throw new Problem(
            'forbidden',
            `The codec server needs an admin token; yours is ${principal.role}.`,
          );
        assertHubAdmin(principal);
        const secure = req.secure ? '; Secure' : '';
        return {
          body: { signedIn: true, expiresInSeconds: COOKIE_SECONDS },
          headers: {
            'Set-Cookie': `${CODEC_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/codec; Max-Age=${COOKIE_SECONDS}${secure}`,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/codec/logout',
      tag: 'operations',
      roles: 'public',
      summary: 'Delete the codec cookie',
      responses: { 204: { description: 'Cookie deleted' } },
      handler: async () => ({
        status: 204,
        headers: { 'Set-Cookie': `${CODEC_COOKIE}=; HttpOnly; SameSite=Strict; Path=/codec; Max-Age=0` },
      }),
    }),
  ] as RouteSpec<never>[];
}
