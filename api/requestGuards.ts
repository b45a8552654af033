// Path and query parameters are validated like bodies: text the database and XML can carry, numbers that are numbers.
import type { Request } from 'express';
import type { QueryParam, RouteSpec } from './route';
import { Problem } from './problems';

/** Longest path or query value the API accepts; ids and filters are far shorter. */
export const MAX_PARAM_LENGTH = 500;

// C0 and C1 controls, DEL included: never part of an id, a filter, a filename or a header.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A surrogate half without its partner: not a Unicode scalar value, so not valid UTF-8 either.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored as text at all (PostgreSQL refuses NUL; UTF-8 cannot carry lone surrogates). */
export function unsafeTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** Single-line text (ids, filters, filenames): like unsafeTextReason, and no control characters at all. */
export function unsafeLineReason(text: string): string | undefined {
  return (
    unsafeTextReason(text) ??
    (CONTROL.test(text) ? 'contains a control character (e.g. CR, LF, tab)' : undefined)
  );
}

function checkValue(name: string, where: string, raw: unknown, spec?: QueryParam): string {
  if (typeof raw !== 'string')
    throw new Problem('invalid-request', `${where} parameter "${name}" must be given once, as plain text.`);
  if (raw.length > MAX_PARAM_LENGTH)
    throw new Problem('invalid-request', `${where} parameter "${name}" is longer than ${MAX_PARAM_LENGTH}.`);
  const reason = unsafeLineReason(raw);
  if (reason) throw new Problem('invalid-request', `${where} parameter "${name}" ${reason}.`);
  if (!spec) return raw;
  if (spec.type === 'integer') {
    const min = spec.minimum ?? 0;
    const max = spec.maximum ?? 1_000_000;
    if (!/^-?[0-9]{1,10}$/.test(raw) || Number(raw) < min || Number(raw) > max)
      throw new Problem(
        'invalid-request',
        `${where} parameter "${name}" must be a whole number from ${min} to ${max}, got "${raw.slice(0, 40)}".`,
      );
  }
  if (spec.format === 'date-time') {
    const time = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?$/i.test(raw)
      ? Date.parse(raw)
      : NaN;
    if (Number.isNaN(time))
      throw new Problem(
        'invalid-request',
        `${where} parameter "${name}" must be an ISO 8601 time such as 2026-07-01T00:00:00Z.`,
      );
    // Handed on normalised, so the database never parses a format of its own choosing.
    return new Date(time).toISOString();
  }
  if (spec.enum && !spec.enum.includes(raw))
    throw new Problem(
      'invalid-request',
      `${where} parameter "${name}" must be one of ${spec.enum.join(', ')}.`,
    );
  return raw;
}

/** Validates the path parameters and the query string against the route; answers only what was declared and given. */
export function checkedParameters(
  spec: RouteSpec<never>,
  req: Request,
): { params: Record<string, string>; query: Record<string, string | undefined> } {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.params ?? {}))
    params[name] = checkValue(name, 'Path', value);
  const query: Record<string, string | undefined> = {};
  const declared = spec.query ?? {};
  for (const [name, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const known = Object.hasOwn(declared, name) ? declared[name] : undefined;
    // Undeclared parameters are ignored, but never passed on unchecked.
    if (!known) continue;
    query[name] = checkValue(name, 'Query', value, known);
  }
  return { params, query };
}
