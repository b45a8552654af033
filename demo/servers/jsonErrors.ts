// Body-parser refusals (too large, malformed JSON) answered as JSON like every other refusal here.
import type { NextFunction, Request, Response } from 'express';

/** Express error handler: `{error, detail}` with the error's HTTP status (500 if none). */
export function jsonErrors(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  const code = typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
  res.status(code).json({
    error: code === 413 ? 'payload-too-large' : code < 500 ? 'invalid-request' : 'internal',
    detail: error instanceof Error ? error.message : String(error),
  });
}
