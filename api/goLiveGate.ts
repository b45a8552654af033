// Intake's go-live gate: a service takes real submissions only when live in the municipality, test
// submissions from state test on. Checked before anything is stored or a workflow starts.
import type { Pool } from '../db/pool';
import { goLiveState } from '../db/goLive';
import { Problem } from './problems';

/** Throws 422 service-not-live when the municipality's go-live state does not take this submission. */
export async function assertAcceptsSubmission(
  pool: Pool,
  ars: string,
  leikaId: string,
  test: boolean,
): Promise<void> {
  const state = await goLiveState(pool, ars, leikaId);
  if (state === 'live') return;
  if (test && state !== 'draft') return;
  const why = test
    ? 'is still a draft; test submissions are taken from state test on'
    : state === 'pilot'
      ? 'is in its pilot: only test submissions ("test": true) reach the office until it goes live'
      : `is in state ${state}; real submissions are taken once it is live`;
  throw new Problem(
    'service-not-live',
    `Service ${leikaId} in municipality ${ars} ${why} (GET /api/v1/admin/go-live/${ars}/${leikaId}).`,
  );
}
