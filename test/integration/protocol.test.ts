// Given the hash-chained transaction protocol, when many writers append at once, then verification in
// chain order reports it intact; when a row is changed or the tail removed, it says so; refusals of
// unauthenticated callers leave no rows; and rows written before chain order existed migrate.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestHub, freshDatabase, type TestHub } from '../support/testHub';
import { request } from '../support/http';
import { DEMO_TOKENS } from '../../demo/seed';
import { submit, tradeSubmission } from '../lifecycle/caseDriver';
import { createPool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { appendProtocol, verifyProtocol } from '../../db/protocol';

const MIGRATIONS = path.join(import.meta.dirname, '../../db/migrations');

/** Changes the protocol behind the triggers' back, as someone with database access could. */
async function tamper(databaseUrl: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE protocol DISABLE TRIGGER USER');
    await client.query(sql, params);
    await client.query('ALTER TABLE protocol ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('the transaction protocol', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  const verify = async () => (await hub.call('GET', '/api/v1/admin/protocol/verify')).body;

  it('reports a changed row and a removed tail', async () => {
    // given an intact protocol of a few rows
    for (let i = 0; i < 3; i++)
      await appendProtocol(hub.pool, { step: 'admin', outcome: 'ok', detail: { action: `test ${i}` } });
    expect(await verify()).toMatchObject({ intact: true });
    const { id: victim, outcome } = (
      await hub.pool.query<{ id: string; outcome: string }>(
        `SELECT id, outcome FROM protocol ORDER BY seq LIMIT 1 OFFSET 1`,
      )
    ).rows[0]!;
    // when one row in the middle of the chain is changed behind the triggers' back
    await tamper(hub.databaseUrl, `UPDATE protocol SET outcome = 'parked' WHERE id = $1`, [victim]);
    // then exactly that row is reported
    const changed = await verify();
    expect(changed.intact).toBe(false);
    expect(changed.broken).toEqual([Number(victim)]);
    // when it is put back and the last row removed instead, the head no longer matches the tail
    await tamper(hub.databaseUrl, `UPDATE protocol SET outcome = $2 WHERE id = $1`, [victim, outcome]);
    expect(await verify()).toMatchObject({ intact: true });
    const tail = (await hub.pool.query('SELECT id FROM protocol ORDER BY seq DESC LIMIT 1')).rows[0].id;
    await hub.pool.query('CREATE TABLE protocol_removed AS SELECT * FROM protocol WHERE id = $1', [tail]);
    await tamper(hub.databaseUrl, 'DELETE FROM protocol WHERE id = $1', [tail]);
    expect(await verify()).toMatchObject({ intact: false, broken: [], headMatches: false });
    // and when the row is restored exactly, the chain is intact again
    await tamper(hub.databaseUrl, 'INSERT INTO protocol SELECT * FROM protocol_removed');
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('writes no row for refused unauthenticated requests but counts them; authenticated refusals keep a row with ids only', async () => {
    // given the protocol's size and the counter
    const count = async () => (await hub.pool.query('SELECT count(*)::int AS n FROM protocol')).rows[0].n;
    const counted = async () => {
      const text = (await hub.call('GET', '/metrics')).body as string;
      return [...text.matchAll(/^drehscheibe_refused_unauthenticated_total\{[^}]*\} (\d+)/gm)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      );
    };
    const rowsBefore = await count();
    const countedBefore = await counted();
    // when anonymous callers, a wrong token and a probe of a non-existent path send attacker-chosen text
    const junk = { service: 'evil', note: 'x'.repeat(5000) };
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () =>
        request('POST', `${hub.apiUrl}/api/v1/submissions`, { body: junk }),
      ),
      request('POST', `${hub.apiUrl}/api/v1/submissions`, { body: junk, token: 'not-a-token' }),
      request('POST', `${hub.apiUrl}/api/v1/admin/rules`, { body: junk }),
      request('POST', `${hub.apiUrl}/no/such/path`, { body: junk }),
    ]);
    // then they are refused, counted, and the protocol did not grow
    expect(answers.map((a) => a.status)).toEqual([...Array(22).fill(401), 404]);
    expect(await count()).toBe(rowsBefore);
    expect((await counted()) - countedBefore).toBe(23);
    // when an authenticated portal sends the same junk, one row records who was refused for what, by ids
    const refused = await hub.call('POST', '/api/v1/submissions', { token: DEMO_TOKENS.portal, body: junk });
    expect(refused.status).toBe(422);
    expect(await count()).toBe(rowsBefore + 1);
    const row = (await hub.pool.query(`SELECT * FROM protocol ORDER BY seq DESC LIMIT 1`)).rows[0];
    expect(row).toMatchObject({ step: 'reject', outcome: 'refused', leika_id: null });
    expect(row.detail).toMatchObject({
      code: 'validation-failed',
      role: 'portal',
      route: '/api/v1/submissions',
    });
    expect(JSON.stringify(row.detail)).not.toMatch(/xxxx|evil/);
  });
  // Last: the 200 cases it starts go on writing after it ends.
  it('verifies intact after 200 concurrent submissions and administrators changing rules meanwhile, and while they are written', async () => {
    // given rule versions an administrator switches between while portals submit
    const rules = (await hub.call('GET', '/api/v1/admin/rules')).body.items.slice(0, 10);
    const before = (await hub.pool.query('SELECT count(*)::int AS n FROM protocol')).rows[0].n;
    // when 200 submissions, 40 activations and verifications run at once
    const submissions = Array.from({ length: 200 }, () => submit(hub, tradeSubmission()));
    const activations = rules.flatMap((r: any) =>
      Array.from({ length: 4 }, () => hub.call('POST', `/api/v1/admin/rules/${r.id}/activate`)),
    );
    const during = Array.from({ length: 5 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 400)).then(verify),
    );
    const submitted = await Promise.all(submissions);
    const activated = await Promise.all(activations);
    const duringResults = await Promise.all(during);
    // and the cases' workflows go on writing for a while
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await verify();
    // then every submission and activation was accepted and protocolled, and every verification says intact
    expect(new Set(submitted.map((c) => c.applicationId)).size).toBe(200);
    expect(activated.every((a: any) => a.status === 200)).toBe(true);
    const rows = await hub.pool.query<{ id: string; seq: string }>(
      'SELECT id, seq FROM protocol ORDER BY seq',
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(before + 200 + activations.length);
    for (const result of [...duringResults, after])
      expect(result).toMatchObject({ intact: true, broken: [] });
    expect(after.rows).toBeGreaterThanOrEqual(before + 240);
    // chain order is gap-free; how often it differs from id order is how often the old verification cried wolf
    expect(rows.rows.map((r) => Number(r.seq))).toEqual(rows.rows.map((_, i) => i + 1));
    const outOfIdOrder = rows.rows.filter(
      (r, i) => i > 0 && Number(r.id) < Number(rows.rows[i - 1]!.id),
    ).length;
    console.log(`[protocol] ${rows.rows.length} rows; ${outOfIdOrder} committed out of id order`);
  });
});

describe('migration 0008 of a protocol written before chain order existed', () => {
  it('re-links rows the old race left out of order, keeps a changed row reported, and chains on', async () => {
    // given a database migrated up to 0007 only
    const url = await freshDatabase();
    const pool = createPool(url, 4);
    try {
      await pool.query(
        'CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const file of fs.readdirSync(MIGRATIONS).sort()) {
        if (file >= '0008') break;
        await pool.query(fs.readFileSync(path.join(MIGRATIONS, file), 'utf8'));
        await pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      }
      // and rows as the old trigger chained them when ids were drawn out of lock order: the row with a
      // later id committed first, so the next two both link to it (a fork)
      const insert = (id: number | null, target: string) =>
        pool.query(
          `INSERT INTO protocol (${id === null ? '' : 'id, '}step, outcome, target, prev_hash, hash)
           VALUES (${id === null ? '' : `${id}, `}'admin', 'ok', $1, '', '')`,
          [target],
        );
      await insert(1000, 'first');
      await insert(500, 'second');
      await insert(null, 'third');
      await insert(null, 'changed later');
      const legacy = await pool.query(
        `SELECT id, prev_hash = coalesce(lag(hash) OVER (ORDER BY id), repeat('0', 64)) AS linked FROM protocol ORDER BY id`,
      );
      expect(legacy.rows.some((r) => !r.linked)).toBe(true);
      await tamper(url, `UPDATE protocol SET target = 'forged' WHERE target = 'changed later'`);
      const forged = Number((await pool.query(`SELECT id FROM protocol WHERE target = 'forged'`)).rows[0].id);
      // when migration 0008 runs
      expect((await migrate(pool))[0]).toBe('0008_protocol_chain_order.sql');
      // then only the changed row is reported, and new rows chain on after the migrated ones
      expect(await verifyProtocol(pool)).toEqual({ rows: 4, broken: [forged], headMatches: true });
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          appendProtocol(pool, { step: 'admin', outcome: 'ok', target: `new ${i}` }),
        ),
      );
      expect(await verifyProtocol(pool)).toEqual({ rows: 34, broken: [forged], headMatches: true });
      const seqs = await pool.query('SELECT seq FROM protocol ORDER BY seq');
      expect(seqs.rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    } finally {
      await pool.end();
    }
  });
});
