// Given a varied set of cases (test submissions, repeated phases, skipped stages, history written out of time
// order, cases from before migration 0017 and cases written through saveStatus), when the throughput figures are
// read from the milestone read model, then they equal the old status_history scan (bench/throughputBaseline.ts)
// row for row; and a retried or late status write never moves a milestone.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { saveStatus } from '../../db/status';
import { STAGES_SQL, throughputBuckets } from '../../db/throughput';
import { THROUGHPUT_BUCKETS } from '../../api/throughputMetrics';
import {
  BASELINE_BUCKETS_SQL,
  BASELINE_INDEX_SQL,
  BASELINE_STAGES_SQL,
} from '../../bench/throughputBaseline';
import { freshDatabase } from '../support/testHub';
import type { Status } from '../../workflows/status';

const MIGRATION = '0017_case_milestones.sql';
const ARS = ['146270210210', '146120000000', '147130000000'];
const LEIKA = ['99050012104000', '99086004000001', '99115004000000'];
const PHASES = [
  'received',
  'routed',
  'in-review',
  'participation',
  'awaiting-documents',
  'notice-delivered',
  'appeal-period',
  'final',
];

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertApplication(pool: Pool, id: string, i: number, created: Date, test: boolean) {
  await pool.query(
    `INSERT INTO applications (id, leika_id, ars, applicant, access_token_hash, request_hash, created_at, test)
     VALUES ($1, $2, $3, '{}', $1, $1, $4, $5)`,
    [id, LEIKA[i % LEIKA.length], ARS[Math.floor(i / 3) % ARS.length], created, test],
  );
}

/**
 * Cases as an older hub version left them: the status row and the history, no milestones. Phases are drawn at
 * random, so they repeat, skip the office or the notice, and some history lines carry an earlier time than the
 * line before them (the old scan took the minimum, whatever the order).
 */
async function seedLegacyCases(pool: Pool, count: number): Promise<void> {
  const next = random(17);
  for (let i = 0; i < count; i++) {
    const id = `A-OLD-${i}`;
    const created = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 120 * 86_400_000));
    await insertApplication(pool, id, i, created, next() < 0.15);
    let at = created.getTime();
    let last = 'submitted';
    const lines: [string, Date][] = [['submitted', created]];
    for (let n = Math.floor(next() * 9); n > 0; n--) {
      last = PHASES[Math.floor(next() * PHASES.length)]!;
      at += Math.floor(next() * 20 * 86_400_000) - (next() < 0.1 ? 30 * 86_400_000 : 0);
      lines.push([last, new Date(at)]);
    }
    await pool.query(
      `INSERT INTO application_status (application_id, status, phase, status_text) VALUES ($1, 'PROCESSING', $2, '')`,
      [id, last],
    );
    for (const [phase, when] of lines)
      await pool.query(
        `INSERT INTO status_history (application_id, status, phase, status_text, at) VALUES ($1, 'PROCESSING', $2, '', $3)`,
        [id, phase, when],
      );
  }
}

/** Stages that last exactly a histogram bound (le is inclusive: they count in that bucket). */
async function seedBoundaryCases(pool: Pool): Promise<void> {
  for (const [k, bound] of THROUGHPUT_BUCKETS.entries()) {
    const id = `A-EDGE-${k}`;
    const created = Date.UTC(2026, 2, 1);
    await insertApplication(pool, id, k, new Date(created), false);
    await pool.query(
      `INSERT INTO application_status (application_id, status, phase, status_text) VALUES ($1, 'COMPLETED', 'final', '')`,
      [id],
    );
    const lines: [string, number][] = [
      ['in-review', created + bound * 1000],
      ['notice-delivered', created + 2 * bound * 1000],
      ['final', created + 3 * bound * 1000],
    ];
    for (const [phase, at] of lines)
      await pool.query(
        `INSERT INTO status_history (application_id, status, phase, status_text, at) VALUES ($1, 'COMPLETED', $2, '', $3)`,
        [id, phase, new Date(at)],
      );
  }
}

/** Cases written as the workflow writes them: numbered writes, with retries and late attempts mixed in. */
async function seedLiveCases(pool: Pool, count: number): Promise<void> {
  const next = random(42);
  for (let i = 0; i < count; i++) {
    const id = `A-NEW-${i}`;
    await insertApplication(pool, id, i, new Date(Date.now() - 86_400_000), next() < 0.15);
    const writes: [number, string][] = [];
    for (let seq = 1, n = 1 + Math.floor(next() * 8); seq <= n; seq++)
      writes.push([seq, PHASES[Math.floor(next() * PHASES.length)]!]);
    for (const [k, [seq, phase]] of writes.entries()) {
      await write(pool, id, seq, phase);
      const r = next();
      if (r < 0.2)
        await write(pool, id, seq, phase); // a retry of the same write
      else if (r < 0.4 && k > 0) await write(pool, id, writes[k - 1]![0], writes[k - 1]![1]); // a late attempt
    }
  }
}

const write = (
  pool: Pool,
  applicationId: string,
  seq: number,
  phase: string,
  status: Status = 'PROCESSING',
) => saveStatus(pool, { applicationId, status, phase, text: phase, openRequests: [], seq });

async function stageRows(pool: Pool, sql: string, params: (string | null)[]): Promise<string[]> {
  const r = await pool.query(`SELECT leika_id, ars, stage, ended, secs FROM (${sql}) s`, params);
  return r.rows
    .map((row) => [row.leika_id, row.ars, row.stage, row.ended.toISOString(), row.secs].join('|'))
    .sort();
}

const FILTERS: [string, (string | null)[]][] = [
  ['everything', [null, null, null, null]],
  ['one municipality', [ARS[1]!, null, null, null]],
  ['one service', [null, LEIKA[2]!, null, null]],
  ['a time window', [null, null, '2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z']],
  ['all filters', [ARS[0]!, LEIKA[0]!, '2026-01-15T00:00:00Z', '2026-06-01T00:00:00Z']],
];

describe('throughput read model (migration 0017)', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
    await migrate(pool);
    // Back to the schema before 0017 (with the old scan's index), so 0017 meets a database holding data.
    await pool.query(`DROP TABLE case_milestones`);
    await pool.query(`DELETE FROM schema_migrations WHERE version = $1`, [MIGRATION]);
    await pool.query(BASELINE_INDEX_SQL);
    await seedLegacyCases(pool, 400);
    await seedBoundaryCases(pool);
    expect(await migrate(pool)).toEqual([MIGRATION]);
    await seedLiveCases(pool, 150);
  }, 120_000);
  afterAll(async () => pool?.end());

  it('holds a data set that reaches every stage, with and without filters', async () => {
    for (const [, params] of FILTERS) {
      const stages = new Set((await stageRows(pool, STAGES_SQL, params)).map((row) => row.split('|')[2]));
      expect([...stages].sort()).toEqual(['notice-final', 'office-notice', 'submission-office']);
    }
    // Test submissions reached every milestone too, so leaving them out is tested.
    const test = await pool.query(
      `SELECT h.phase, count(*)::int AS n FROM status_history h JOIN applications a ON a.id = h.application_id
        WHERE a.test AND h.phase IN ('in-review', 'notice-delivered', 'final') GROUP BY h.phase ORDER BY h.phase`,
    );
    expect(test.rows.map((r) => r.phase)).toEqual(['final', 'in-review', 'notice-delivered']);
    expect(test.rows.every((r) => r.n > 0)).toBe(true);
  });

  it.each(FILTERS)('gives the same stage rows as the status_history scan: %s', async (_name, params) => {
    const ours = await stageRows(pool, STAGES_SQL, params);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(await stageRows(pool, BASELINE_STAGES_SQL, params));
  });

  it('gives the same /metrics histogram as the status_history scan', async () => {
    const old = await pool.query(BASELINE_BUCKETS_SQL, [null, null, null, null, THROUGHPUT_BUCKETS]);
    const expected = new Map<string, { buckets: number[]; count: number; sum: number }>();
    for (const row of old.rows) {
      const key = `${row.leika_id}|${row.ars.trim()}|${row.stage}`;
      const e = expected.get(key) ?? { buckets: THROUGHPUT_BUCKETS.map(() => 0).concat(0), count: 0, sum: 0 };
      e.buckets[row.b] += row.n;
      e.count += row.n;
      e.sum += Number(row.total);
      expected.set(key, e);
    }
    const ours = await throughputBuckets(pool, THROUGHPUT_BUCKETS);
    expect(ours.length).toBe(expected.size);
    for (const row of ours) {
      const e = expected.get(`${row.leikaId}|${row.ars}|${row.stage}`)!;
      expect(row.buckets).toEqual(e.buckets);
      expect(row.count).toBe(e.count);
      expect(row.sumSeconds).toBeCloseTo(e.sum, 3);
    }
  });

  it('drops the old scan index and leaves the migration re-runnable without moving a milestone', async () => {
    const index = await pool.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'status_history_phase_idx'`);
    expect(index.rowCount).toBe(0);
    const before = await pool.query(`SELECT * FROM case_milestones ORDER BY application_id`);
    expect(before.rowCount).toBeGreaterThan(300);
    await pool.query(fs.readFileSync(new URL(`../../db/migrations/${MIGRATION}`, import.meta.url), 'utf8'));
    const after = await pool.query(`SELECT * FROM case_milestones ORDER BY application_id`);
    expect(after.rows).toEqual(before.rows);
  });
});

describe('milestones under retried and late status writes', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
    await migrate(pool);
  });
  afterAll(async () => pool?.end());

  const milestones = async (id: string) =>
    (
      await pool.query(
        `SELECT office_at, notice_at, final_at FROM case_milestones WHERE application_id = $1`,
        [id],
      )
    ).rows[0] as { office_at: Date | null; notice_at: Date | null; final_at: Date | null } | undefined;
  const firstAt = async (id: string, phase: string) =>
    (
      await pool.query(`SELECT min(at) AS at FROM status_history WHERE application_id = $1 AND phase = $2`, [
        id,
        phase,
      ])
    ).rows[0].at as Date | null;
  const pause = () => new Promise((r) => setTimeout(r, 15));

  it('keeps the first time of each milestone through retries, late attempts and repeated phases', async () => {
    await insertApplication(pool, 'A-1', 0, new Date(), false);
    await write(pool, 'A-1', 1, 'received');
    await write(pool, 'A-1', 2, 'in-review');
    const office = (await milestones('A-1'))!.office_at;
    expect(office).toEqual(await firstAt('A-1', 'in-review'));
    await pause();
    await write(pool, 'A-1', 2, 'in-review'); // retry
    await write(pool, 'A-1', 3, 'awaiting-documents');
    await pause();
    await write(pool, 'A-1', 4, 'in-review'); // the office reviews again after the documents came
    await write(pool, 'A-1', 2, 'in-review'); // a late attempt of the first review
    await write(pool, 'A-1', 5, 'notice-delivered', 'COMPLETED');
    const notice = (await milestones('A-1'))!.notice_at;
    await pause();
    await write(pool, 'A-1', 5, 'notice-delivered', 'COMPLETED'); // retry
    await write(pool, 'A-1', 6, 'appeal-period', 'COMPLETED');
    await write(pool, 'A-1', 7, 'final', 'COMPLETED');
    await pause();
    await write(pool, 'A-1', 7, 'final', 'COMPLETED'); // retry
    await write(pool, 'A-1', 5, 'notice-delivered', 'COMPLETED'); // late
    const m = (await milestones('A-1'))!;
    expect(m.office_at).toEqual(office);
    expect(m.notice_at).toEqual(notice);
    expect(m.notice_at!.getTime()).toBeGreaterThan(office!.getTime());
    expect(m.final_at).toEqual(await firstAt('A-1', 'final'));
  });

  it('sets no milestone for a phase whose write arrived after a newer one (it never became the status)', async () => {
    await insertApplication(pool, 'A-2', 1, new Date(), false);
    // No status row yet: the first write inserts it, with its milestone.
    await write(pool, 'A-2', 3, 'notice-delivered', 'COMPLETED');
    await write(pool, 'A-2', 2, 'in-review');
    const m = (await milestones('A-2'))!;
    expect(m.office_at).toBeNull();
    expect(m.notice_at).toEqual(await firstAt('A-2', 'notice-delivered'));
    expect(await firstAt('A-2', 'in-review')).toBeNull();
  });

  it('keeps no milestones for a test submission, and none before the office is reached', async () => {
    await insertApplication(pool, 'A-4', 3, new Date(), true);
    await write(pool, 'A-4', 1, 'received');
    await write(pool, 'A-4', 2, 'in-review');
    await write(pool, 'A-4', 3, 'final', 'COMPLETED');
    expect(await milestones('A-4')).toBeUndefined();
    await insertApplication(pool, 'A-5', 4, new Date(), false);
    await write(pool, 'A-5', 1, 'received');
    await write(pool, 'A-5', 2, 'awaiting-documents', 'ACTION_REQUIRED');
    expect(await milestones('A-5')).toBeUndefined();
  });

  it('counts participation (level 4) as reaching the office', async () => {
    await insertApplication(pool, 'A-3', 2, new Date(), false);
    await write(pool, 'A-3', 1, 'participation');
    await pause();
    await write(pool, 'A-3', 2, 'in-review');
    expect((await milestones('A-3'))!.office_at).toEqual(await firstAt('A-3', 'participation'));
  });
});
