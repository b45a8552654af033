// Vendor systems authenticate the hub with a configured shared secret, as real ones do with API keys.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Express middleware: 401 unless `Authorization: Bearer <credential>` matches. */
export function requireBearer(credential: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '');
    if (match?.[1] && sameSecret(match[1].trim(), credential)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: 'unauthenticated',
      detail: 'Send Authorization: Bearer <credential> with the credential configured for this system.',
    });
  };
}
