// Property tests (fast-check) of the request validators: whatever arrives, they answer a value or a 4xx
// Problem, never another exception; what they let through is text the database, XML and headers can carry.
import http from 'node:http';
import fc from 'fast-check';
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../api/problems';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonText } from '../../api/jsonBody';
import { checkedParameters, unsafeLineReason, unsafeTextReason } from '../../api/requestGuards';
import { attachmentDisposition } from '../../api/attachments';
import { assertValid } from '../../api/validate';
import { attachmentSchema } from '../../api/schemas/common';
import { submissionSchema } from '../../api/schemas/submission';
import type { RouteSpec } from '../../api/route';

const RUNS = { numRuns: 500 };

/** Strings that include NUL, controls and lone surrogates often. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc
    .array(
      fc.constantFrom('\u0000', '\ud800', '\udc00', '\r', '\n', '\u0085', 'a', 'ß', '😀', '"', '\\', '%'),
      {
        maxLength: 12,
      },
    )
    .map((a) => a.join('')),
);

/** Independent oracle: PostgreSQL text takes it (no NUL) and UTF-8 carries it unchanged (no lone surrogate). */
function storable(text: string): boolean {
  return !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;
}

function everyString(value: unknown, test: (s: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.every((v) => everyString(v, test));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).every(([k, v]) => test(k) && everyString(v, test));
  return true;
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object')
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

function problemOr<T>(fn: () => T): T | Problem {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
}

describe('JSON bodies', () => {
  it('nestsDeeperThan agrees with the real depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, max) => {
        expect(nestsDeeperThan(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
      RUNS,
    );
  });

  it('parses any JSON value unchanged or refuses it with 400 saying why', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        const result = problemOr(() => parseJsonText(text));
        if (result instanceof Problem) {
          expect(result.toDocument().status).toBe(400);
          expect(!everyString(value, storable) || depthOf(value) > MAX_JSON_DEPTH).toBe(true);
        } else expect(result).toEqual(JSON.parse(text));
      }),
      RUNS,
    );
  });

  it('never lets a NUL or a lone surrogate through, and never throws anything but a Problem on any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nastyString,
          nastyString.map((s) => JSON.stringify({ s, [s]: [s] })),
        ),
        (text) => {
          const result = problemOr(() => parseJsonText(text));
          if (!(result instanceof Problem)) expect(everyString(result, storable)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('refuses arbitrarily deep nesting without recursion', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 200_000 }), (depth) => {
        const result = problemOr(() => parseJsonText('['.repeat(depth) + ']'.repeat(depth)));
        expect(result).toBeInstanceOf(Problem);
      }),
      { numRuns: 30 },
    );
  });
});

describe('path and query parameters', () => {
  const spec = {
    path: '/x/:id',
    query: {
      q: { type: 'string', description: '' },
      limit: { type: 'integer', minimum: 1, maximum: 5000, description: '' },
      from: { type: 'string', format: 'date-time', description: '' },
    },
  } as unknown as RouteSpec<never>;
  const queryValue = fc.oneof(
    nastyString,
    fc.array(nastyString, { maxLength: 3 }),
    fc.dictionary(nastyString, nastyString),
  );

  it('answers checked values or a 400 Problem for any parameters', () => {
    fc.assert(
      fc.property(
        nastyString,
        fc.dictionary(fc.constantFrom('q', 'limit', 'from', 'other'), queryValue),
        (id, query) => {
          const req = { params: { id }, query } as unknown as Request;
          const result = problemOr(() => checkedParameters(spec, req));
          if (result instanceof Problem) {
            expect(result.toDocument().status).toBe(400);
            return;
          }
          expect(unsafeLineReason(result.params.id!)).toBeUndefined();
          for (const value of Object.values(result.query)) expect(unsafeLineReason(value!)).toBeUndefined();
          if (result.query.limit !== undefined) {
            expect(Number(result.query.limit)).toBeGreaterThanOrEqual(1);
            expect(Number(result.query.limit)).toBeLessThanOrEqual(5000);
          }
          if (result.query.from !== undefined)
            expect(new Date(result.query.from).toISOString()).toBe(result.query.from);
          expect(Object.keys(result.query).every((k) => k in spec.query!)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('accepts every well-formed single-line text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), (text) => {
        fc.pre(unsafeLineReason(text) === undefined);
        const req = { params: { id: text }, query: { q: text } } as unknown as Request;
        expect(checkedParameters(spec, req)).toEqual({ params: { id: text }, query: { q: text } });
      }),
      RUNS,
    );
  });
});

describe('attachment filenames', () => {
  it('the schema accepts exactly the names without separators and control characters', () => {
    fc.assert(
      fc.property(nastyString, (filename) => {
        fc.pre(filename.length >= 1 && filename.length <= 255 && unsafeTextReason(filename) === undefined);
        const accepted = !(
          problemOr(() =>
            assertValid(attachmentSchema, { filename, mediaType: 'application/pdf', contentBase64: '' }, 'a'),
          ) instanceof Problem
        );
        expect(accepted).toBe(!/[/\\]/.test(filename) && unsafeLineReason(filename) === undefined);
      }),
      RUNS,
    );
  });

  it('any stored name gives a valid header whose filename* decodes to the name', () => {
    fc.assert(
      fc.property(nastyString, (filename) => {
        const header = attachmentDisposition(filename);
        expect(() => http.validateHeaderValue('content-disposition', header)).not.toThrow();
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/);
        const exact = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(header)![1]!);
        if (unsafeTextReason(filename) === undefined) expect(exact).toBe(filename);
      }),
      RUNS,
    );
  });
});

describe('submission bodies', () => {
  it('any JSON answers a value or a 422 Problem listing paths', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record(
            { service: fc.string(), municipality: fc.string(), applicant: fc.jsonValue({ maxDepth: 2 }) },
            {
              requiredKeys: [],
            },
          ),
        ),
        (body) => {
          const result = problemOr(() => assertValid(submissionSchema, body, 'body'));
          if (result instanceof Problem) {
            expect(result.toDocument().status).toBe(422);
            expect(result.errors!.length).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });
});
