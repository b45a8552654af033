// Every error becomes an RFC 7807 problem: express's own, body parsing, database, unknown. Never HTML, never a stack.
import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problems';
import { toProblem } from './toProblem';

/** Maps anything thrown while answering a request to the problem the caller sees; undefined: internal. */
export function problemFor(error: unknown): Problem | undefined {
  // Domain, XML and constraint errors of the layers below: one mapping, api/toProblem.ts.
  const known = toProblem(error);
  if (known) return known;
  const e = (error ?? {}) as {
    type?: string;
    status?: number;
    message?: string;
    limit?: number;
    code?: string;
  };
  switch (e.type) {
    case 'entity.too.large':
      return new Problem(
        'payload-too-large',
        `The body exceeds ${e.limit ?? 'the limit of'} bytes${e.limit !== undefined && e.limit < 1024 * 1024 ? ' (the limit before authentication)' : ''}.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new Problem(
        'unsupported-media-type',
        `${e.message ?? 'Unsupported encoding'}; send UTF-8 JSON.`,
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return new Problem('invalid-request', e.message ?? 'The body was incomplete.');
  }
  // PostgreSQL data exceptions (class 22): a value our checks let through; the caller still gets 400, not 500.
  if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code))
    return new Problem(
      'invalid-request',
      `A value was not accepted by the database: ${e.message ?? e.code}.`,
    );
  if (e.status && e.status >= 400 && e.status < 500)
    return new Problem(
      e.status === 404 ? 'not-found' : e.status === 413 ? 'payload-too-large' : 'invalid-request',
      e.message ?? 'Bad request',
    );
  return undefined;
}

/** Writes `problem` as application/problem+json, or closes the connection if an answer has started. */
export function sendProblem(res: Response, problem: Problem, instance: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const doc = problem.toDocument(instance);
  if (doc.status === 503) res.setHeader('Retry-After', '5');
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}

/** The last middleware: answers every error as a problem; `onProblem` may record refusals (it must not throw). */
export function errorHandler(onProblem: (req: Request, res: Response, problem: Problem) => Promise<void>) {
  return async (error: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> => {
    const instance = safeInstance(req);
    const problem = problemFor(error);
    if (problem) {
      await onProblem(req, res, problem).catch(() => {});
      return sendProblem(res, problem, instance);
    }
    process.stderr.write(`[api] ${req.method} ${instance}: ${(error as Error)?.stack ?? String(error)}\n`);
    return sendProblem(res, new Problem('internal', 'An internal error occurred; it was logged.'), instance);
  };
}

// The instance echoes the path only, bounded: query strings may carry signatures.
function safeInstance(req: Request): string {
  return req.path.slice(0, 500);
}
