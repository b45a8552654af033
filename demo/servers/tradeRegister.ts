// The trade register (Gewerberegister): lets re-registrations and deregistrations be checked
// against the business that is actually on file in the municipality.
import express from 'express';
import { requireBearer } from './bearer';
import { createFaults, type Faults } from './faults';
import { jsonErrors } from './jsonErrors';
import { listen, type RunningServer } from './listen';
import { nameKey } from './matchName';
import type { RegisterOptions } from './residentsRegister';
import { TRADES, type Trade } from './testPersons';

export interface TradeRegister extends RunningServer {
  faults: Faults;
}

/** Starts the demo trade register: `GET /trades?ars=&name=` (list) and `GET /trades/:id`. */
export async function startTradeRegister(
  options: RegisterOptions,
  trades: readonly Trade[] = TRADES,
): Promise<TradeRegister> {
  const faults = createFaults();
  const app = express();
  app.disable('x-powered-by');
  app.use(faults.control);
  app.use('/trades', faults.guard, requireBearer(options.credential));
  app.get('/trades', (req, res) => {
    const { ars, name } = req.query;
    if ((ars !== undefined && typeof ars !== 'string') || (name !== undefined && typeof name !== 'string')) {
      return void res
        .status(400)
        .json({ error: 'invalid-request', detail: 'ars and name may each be given once.' });
    }
    if (ars !== undefined && !/^\d{12}$/.test(ars)) {
      return void res
        .status(400)
        .json({ error: 'invalid-request', detail: `ars must be a 12-digit key, got "${ars}".` });
    }
    // A name matches the business name or the holder's name, as a substring: a clerk's search box.
    const wanted = name ? nameKey(name) : undefined;
    const matches = trades.filter(
      (t) =>
        (ars === undefined || t.ars === ars) &&
        (wanted === undefined ||
          nameKey(t.name).includes(wanted) ||
          nameKey(`${t.holder.givenName} ${t.holder.familyName}`).includes(wanted)),
    );
    res.json({ trades: matches });
  });
  app.get('/trades/:id', (req, res) => {
    const trade = trades.find((t) => t.id === req.params.id);
    if (!trade)
      return void res
        .status(404)
        .json({ error: 'not-found', detail: `Kein Gewerbe mit der Nummer ${req.params.id}.` });
    res.json(trade);
  });
  app.use(jsonErrors);
  const server = await listen(app, options.port ?? 0, 'trade register');
  return { ...server, faults };
}
