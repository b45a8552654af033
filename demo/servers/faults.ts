// Durability tests need a target that is down for a while; this switch lives on the target itself,
// so the hub sees a real 503 over a real socket.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

export interface Faults {
  /** Answers 503 while an outage is on or failures are still pending. */
  guard(req: Request, res: Response, next: NextFunction): void;
  /** `POST /_control/outage` with {on: boolean} and/or {failNext: n}; `GET` shows the state. */
  control: Router;
  /** How many calls were refused so far (tests assert that retries really happened). */
  refused(): number;
}

/** Creates the outage switch of one demo server. */
export function createFaults(): Faults {
  let outage = false;
  let failNext = 0;
  let refused = 0;
  const control = express.Router();
  const state = () => ({ on: outage, failNext, refused });
  control.get('/_control/outage', (_req, res) => void res.json(state()));
  control.post('/_control/outage', express.json(), (req, res) => {
    const body = (req.body ?? {}) as { on?: unknown; failNext?: unknown };
    if (body.on !== undefined && typeof body.on !== 'boolean')
      return void res.status(400).json({ error: 'on must be true or false' });
    if (body.failNext !== undefined && !(Number.isInteger(body.failNext) && (body.failNext as number) >= 0)) {
      return void res.status(400).json({ error: 'failNext must be a non-negative integer' });
    }
    if (body.on !== undefined) outage = body.on;
    if (body.failNext !== undefined) failNext = body.failNext as number;
    res.json(state());
  });
  return {
    control,
    refused: () => refused,
    guard(_req, res, next) {
      if (!outage && failNext === 0) return next();
      if (!outage) failNext -= 1;
      refused += 1;
      res
        .status(503)
        .set('Retry-After', '1')
        .json({ error: 'unavailable', detail: outage ? 'Simulated outage.' : 'Simulated failure.' });
    },
  };
}
