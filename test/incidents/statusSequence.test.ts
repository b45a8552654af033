// Given the status read model, when an older write of the workflow arrives after a newer one (a late activity
// attempt), then it changes nothing; a repeated write (a retry) adds no history line.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { loadStatus, saveStatus } from '../../db/status';
import { freshDatabase } from '../support/testHub';

describe('status read model with sequence numbers', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
    await migrate(pool);
    await pool.query(
      `INSERT INTO applications (id, leika_id, ars, applicant, access_token_hash, request_hash)
       VALUES ('A-1', '99050012104000', '146270210210', '{}', 'h', 'r')`,
    );
  });
  afterAll(async () => pool?.end());

  const write = (seq: number, status: 'RECEIVED' | 'PROCESSING' | 'COMPLETED', phase: string) =>
    saveStatus(pool, { applicationId: 'A-1', status, phase, text: phase, openRequests: [], seq });

  test('an older write never moves the case backwards; a retry of the same write adds nothing', async () => {
    await write(1, 'RECEIVED', 'received');
    await write(3, 'COMPLETED', 'notice-delivered');
    await write(2, 'PROCESSING', 'in-review');
    await write(3, 'COMPLETED', 'notice-delivered');
    const status = await loadStatus(pool, 'A-1');
    expect(status).toMatchObject({ status: 'COMPLETED', phase: 'notice-delivered' });
    expect(status!.history.map((h) => h.phase)).toEqual(['received', 'notice-delivered']);
    await write(4, 'COMPLETED', 'final');
    expect((await loadStatus(pool, 'A-1'))!.phase).toBe('final');
  });
});
