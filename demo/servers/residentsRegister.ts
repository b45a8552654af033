// The residents' register (Melderegister): the hub asks it whether an applicant is registered
// before a level-2 case goes to the office.
import express from 'express';
import { requireBearer } from './bearer';
import { createFaults, type Faults } from './faults';
import { jsonErrors } from './jsonErrors';
import { listen, type RunningServer } from './listen';
import { nameKey } from './matchName';
import { RESIDENTS, type Resident } from './testPersons';

export interface RegisterOptions {
  port?: number;
  credential: string;
}

export interface ResidentsRegister extends RunningServer {
  faults: Faults;
  /** How many lookups were answered (successful or 404), for tests that prove a check happened. */
  lookups(): number;
}

/** Starts the demo residents' register: `GET /residents?familyName=&givenName=&birthDate=`. */
export async function startResidentsRegister(
  options: RegisterOptions,
  residents: readonly Resident[] = RESIDENTS,
): Promise<ResidentsRegister> {
  const faults = createFaults();
  let lookups = 0;
  const app = express();
  app.disable('x-powered-by');
  app.use(faults.control);
  app.get('/residents', faults.guard, requireBearer(options.credential), (req, res) => {
    const { familyName, givenName, birthDate } = req.query;
    if (
      typeof familyName !== 'string' ||
      typeof givenName !== 'string' ||
      typeof birthDate !== 'string' ||
      !familyName ||
      !givenName
    ) {
      return void res.status(400).json({
        error: 'invalid-request',
        detail: 'Query familyName, givenName and birthDate (YYYY-MM-DD) are all required.',
      });
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
      return void res
        .status(400)
        .json({ error: 'invalid-request', detail: `birthDate must be YYYY-MM-DD, got "${birthDate}".` });
    }
    lookups += 1;
    const match = residents.find(
      (r) =>
        nameKey(r.familyName) === nameKey(familyName) &&
        nameKey(r.givenName) === nameKey(givenName) &&
        r.birthDate === birthDate,
    );
    if (!match)
      return void res
        .status(404)
        .json({ error: 'not-found', detail: 'Keine Person mit diesen Angaben im Melderegister.' });
    res.json(match);
  });
  app.use(jsonErrors);
  const server = await listen(app, options.port ?? 0, 'residents register');
  return { ...server, faults, lookups: () => lookups };
}
