// The faults of the chaos run, each at a moment drawn from the run's PRNG: worker processes killed with
// SIGKILL and restarted, the API killed and restarted, PostgreSQL restarted, GewerbePro down for a while,
// and one office misconfigured (its postal address) until an administrator fixes it.
import type { ApiClient } from './api';
import type { ChaosHub } from './hub';
import { MISCONFIGURED_OFFICE } from './plan';
import type { Random } from './prng';
import type { ChaosSize } from './sizes';

export interface FaultLog {
  at: number;
  what: string;
}

export interface FaultState {
  /** Faults that could not be brought about or undone. */
  failed: string[];
  fachverfahrenDown: boolean;
  misconfigured: boolean;
  /** The misconfiguration was fixed; incidents may be retried. */
  fixed: boolean;
  log: FaultLog[];
  workerKills: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs every fault of the size at its drawn moment; resolves when all are over. */
export async function runFaults(
  hub: ChaosHub,
  api: ApiClient,
  size: ChaosSize,
  random: Random,
  state: FaultState,
  say: (m: string) => void,
): Promise<void> {
  const t0 = Date.now();
  const [from, to] = size.faultWindowMs;
  const moment = () => random.int(from, to);
  const note = (what: string) => {
    state.log.push({ at: Date.now() - t0, what });
    if (what.startsWith('FAULT FAILED')) state.failed.push(what);
    say(`fault +${((Date.now() - t0) / 1000).toFixed(0)} s: ${what}`);
  };
  const at = async (ms: number, fn: () => Promise<void>) => {
    await sleep(Math.max(0, t0 + ms - Date.now()));
    // A fault that cannot be brought about (a part that does not come back) is reported, not thrown.
    await fn().catch((error: unknown) => note(`FAULT FAILED: ${String(error)}`));
  };
  // Worker kills are spread over the window so that each hits different cases.
  const killMoments = Array.from({ length: size.workerKills }, moment).sort((a, b) => a - b);
  // The notice reads the office's address, so the misconfiguration must meet cases being decided: it comes in
  // the first third of the window, while most cases are still open (later, on a fast machine, a run can end
  // with no case left to meet it).
  const misconfigAt = from + (moment() - from) / 3;
  const originalAddress = (
    await hub.pool.query<{ address: string }>('SELECT address FROM offices WHERE id = $1', [
      MISCONFIGURED_OFFICE,
    ])
  ).rows[0]!.address;
  // Direct SQL: the configuration portal may refuse an unstructured address, but old data can still have one.
  const setAddress = async (address: string) => {
    for (;;) {
      try {
        await hub.pool.query('UPDATE offices SET address = $2 WHERE id = $1', [
          MISCONFIGURED_OFFICE,
          address,
        ]);
        return;
      } catch {
        await sleep(1_000); // PostgreSQL may be restarting
      }
    }
  };

  await Promise.all([
    (async () => {
      for (const ms of killMoments) {
        await at(ms, async () => {
          const i = random.int(0, hub.workers.length - 1);
          const pid = hub.workers[i]?.child.pid;
          await hub.workers[i]?.kill();
          state.workerKills += 1;
          note(`SIGKILL worker-${i} (pid ${pid})`);
          await sleep(random.int(500, 5_000));
          await hub.startWorker(i);
          note(`worker-${i} restarted (pid ${hub.workers[i]?.child.pid})`);
        });
      }
    })(),
    at(moment(), async () => {
      note('SIGKILL API');
      await hub.restartApi();
      note('API restarted');
    }),
    at(moment(), async () => {
      note('PostgreSQL stopping');
      await hub.restartPostgres();
      note('PostgreSQL restarted');
    }),
    at(moment(), async () => {
      state.fachverfahrenDown = true;
      note(`GewerbePro killed, down for ${size.fachverfahrenDownMs / 1000} s`);
      await hub.fachverfahrenDown(size.fachverfahrenDownMs);
      state.fachverfahrenDown = false;
      note('GewerbePro back');
    }),
    at(misconfigAt, async () => {
      state.misconfigured = true;
      await setAddress('Rathaus');
      note(`office ${MISCONFIGURED_OFFICE}: postal address "Rathaus" (no postal code, no city)`);
      await sleep(size.misconfiguredMs);
      // The administrator fixes it after the misconfiguration met a case (an incident), or gives up waiting.
      const giveUpAt = Date.now() + 4 * size.misconfiguredMs;
      while (Date.now() < giveUpAt) {
        const open = await api.call(
          'GET',
          `/api/v1/admin/incidents?office=${MISCONFIGURED_OFFICE}&state=open`,
        );
        if ((open.body?.items ?? []).length > 0) break;
        await sleep(2_000);
      }
      await setAddress(originalAddress);
      state.misconfigured = false;
      state.fixed = true;
      note(`office ${MISCONFIGURED_OFFICE}: address fixed`);
    }),
  ]);
}
