// The throughput figures (/metrics histogram, dashboard summary) at many cases: read from the milestone read model
// (migration 0017) against the old scan of status_history (bench/throughputBaseline.ts, with the index it had),
// same data, same PostgreSQL, same run. Throwaway embedded PostgreSQL; cases seeded in SQL with realistic histories.
// Usage: npx tsx bench/throughputQuery.ts [cases=100000] [runs=5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate } from '../db/migrate';
import { createPool, type Pool } from '../db/pool';
import { throughputBuckets, throughputSummary } from '../db/throughput';
import { THROUGHPUT_BUCKETS } from '../api/throughputMetrics';
import { startEmbeddedPostgres } from '../platform/embeddedPostgres';
import { freePort } from '../platform/freePort';
import { figure } from './figure';
import { BASELINE_BUCKETS_SQL, BASELINE_INDEX_SQL, BASELINE_SUMMARY_SQL } from './throughputBaseline';

const [cases = 100_000, runs = 5] = process.argv.slice(2).map(Number);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(runs) || runs < 1)
  throw new Error('usage: npx tsx bench/throughputQuery.ts [cases >= 1] [runs >= 1]');
const log = (m: string) => process.stderr.write(`${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const LEIKA = [
  '99050012104000', // Gewerbeanmeldung
  '99050012104001',
  '99050012104002',
  '99050012104003',
  '99086004000001', // Sondernutzung
  '99086004000002',
  '99115004000000', // Personenstand
  '99115005000000',
  '99115006000000',
];

/**
 * A year of cases over 418 municipalities and nine services, at the stages a hub holds them: 8 % just received,
 * 37 % at the office (a third of those after a document request, so in-review twice), 30 % notice delivered and
 * in the appeal period, 25 % final; 5 % at level 4 (participation), 2 % test submissions. The history is inserted
 * in time order, so one case's lines lie apart on disk as in production.
 */
async function seed(pool: Pool): Promise<void> {
  await pool.query('SELECT setseed(0.42)');
  await pool.query(
    `CREATE TEMP TABLE plan AS
     SELECT 'A-TQ-' || lpad(g::text, 8, '0') AS id, ($2::text[])[1 + g % 9] AS leika_id,
            '14' || lpad((g * 7919 % 418)::text, 10, '0') AS ars,
            now() - random() * interval '365 days' AS created, random() AS progress,
            interval '10 minutes' + random() * interval '3 days' AS to_office, random() < 0.05 AS participation,
            random() < 0.33 AS documents, interval '1 day' + random() * interval '10 days' AS docs_wait,
            interval '5 days' + random() * interval '40 days' AS to_notice, random() < 0.02 AS test
       FROM generate_series(1, $1) g`,
    [cases, LEIKA],
  );
  await pool.query(
    `INSERT INTO applications (id, leika_id, ars, applicant, form_data, access_token_hash, request_hash, created_at, test, route)
     SELECT id, leika_id, ars,
            jsonb_build_object('name', 'Erika Mustermann ' || id, 'email', lower(id) || '@example.org',
                               'address', 'Musterstraße 1, 01445 Radebeul'),
            jsonb_build_object('gewerbe', repeat('Einzelhandel mit Waren aller Art ', 12), 'beginn', created::date),
            md5(id), md5(id || 'r'), created, test, jsonb_build_object('level', CASE WHEN participation THEN 4 ELSE 2 END)
       FROM plan`,
  );
  await pool.query(
    `INSERT INTO status_history (application_id, status, phase, status_text, at)
     SELECT id, v.status, v.phase, 'Ihr Antrag wird bearbeitet: ' || v.phase || '. Sie erhalten Nachricht im Postfach.', v.at
       FROM plan, LATERAL (SELECT CASE WHEN documents THEN docs_wait ELSE interval '0' END AS extra) d,
            LATERAL (VALUES
              ('SUBMITTED', 'submitted', created, true),
              ('RECEIVED', 'received', created + interval '2 minutes', true),
              ('PROCESSING', CASE WHEN participation THEN 'participation' ELSE 'in-review' END, created + to_office, progress >= 0.08),
              ('ACTION_REQUIRED', 'awaiting-documents', created + to_office + interval '1 hour', progress >= 0.08 AND documents),
              ('PROCESSING', 'supplement-received', created + to_office + docs_wait, progress >= 0.2 AND documents),
              ('PROCESSING', 'in-review', created + to_office + docs_wait + interval '1 minute', progress >= 0.2 AND documents),
              ('COMPLETED', 'notice-delivered', created + to_office + d.extra + to_notice, progress >= 0.45),
              ('COMPLETED', 'appeal-period', created + to_office + d.extra + to_notice + interval '1 minute', progress >= 0.45),
              ('COMPLETED', 'final', created + to_office + d.extra + to_notice + interval '31 days', progress >= 0.75)
            ) v(status, phase, at, reached)
      WHERE v.reached ORDER BY v.at`,
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-bench-throughput-'));
fs.chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres(path.join(dataDir, 'pg'), await freePort(), log);
const pool = createPool(postgres.url, 2);
try {
  await migrate(pool);
  let started = performance.now();
  await seed(pool);
  const history = Number((await pool.query('SELECT count(*) FROM status_history')).rows[0].count);
  log(
    `seeded ${cases} cases, ${history} history lines in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // The milestones of the seeded cases come from the history as they would on an upgrade: migration 0017 again.
  started = performance.now();
  const migration = new URL('../db/migrations/0017_case_milestones.sql', import.meta.url);
  await pool.query(fs.readFileSync(migration, 'utf8'));
  const backfill = performance.now() - started;
  await pool.query(BASELINE_INDEX_SQL);
  await pool.query('VACUUM ANALYZE');

  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const queries = {
    metricsOld: () => pool.query(BASELINE_BUCKETS_SQL, [null, null, null, null, THROUGHPUT_BUCKETS]),
    metricsNew: () => throughputBuckets(pool, THROUGHPUT_BUCKETS),
    summaryOld: () => pool.query(BASELINE_SUMMARY_SQL, [null, null, null, null]),
    summaryNew: () => throughputSummary(pool, {}),
  };
  const times: Record<keyof typeof queries, number[]> = {
    metricsOld: [],
    metricsNew: [],
    summaryOld: [],
    summaryNew: [],
  };
  // One warm-up each, then alternating, so both see the same cache and the same machine load.
  for (const fn of Object.values(queries)) await fn();
  for (let i = 0; i < runs; i++)
    for (const [name, fn] of Object.entries(queries))
      times[name as keyof typeof queries].push(await time(fn));

  const [oldRows, newRows] = [(await queries.summaryOld()).rows, await queries.summaryNew()];
  const count = (xs: { n?: number; count?: number }[]) => xs.reduce((s, x) => s + (x.n ?? x.count ?? 0), 0);
  if (count(oldRows) !== count(newRows) || count(newRows) === 0)
    throw new Error(`figures differ: ${count(oldRows)} stages (scan) vs ${count(newRows)} (read model)`);

  const p = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<
    keyof typeof queries,
    number
  >;
  process.stdout.write(
    `throughput queries over ${cases} cases (${history} history lines, ${count(newRows)} finished stages), ` +
      `p50 of ${runs} runs:\n` +
      `  /metrics histogram:  read model ${p.metricsNew.toFixed(1)} ms, status_history scan ${p.metricsOld.toFixed(1)} ms, ` +
      `ratio ${(p.metricsOld / p.metricsNew).toFixed(1)}\n` +
      `  dashboard summary:   read model ${p.summaryNew.toFixed(1)} ms, status_history scan ${p.summaryOld.toFixed(1)} ms, ` +
      `ratio ${(p.summaryOld / p.summaryNew).toFixed(1)}\n` +
      `  migration 0017 backfill: ${(backfill / 1000).toFixed(1)} s\n`,
  );
  figure({
    benchmark: `throughput /metrics query, ${cases} cases`,
    ours: `${p.metricsNew.toFixed(1)} ms p50 (read model)`,
    baseline: `${p.metricsOld.toFixed(1)} ms p50 (status_history scan)`,
    ratio: p.metricsOld / p.metricsNew,
  });
  figure({
    benchmark: `throughput dashboard summary, ${cases} cases`,
    ours: `${p.summaryNew.toFixed(1)} ms p50 (read model)`,
    baseline: `${p.summaryOld.toFixed(1)} ms p50 (status_history scan)`,
    ratio: p.summaryOld / p.summaryNew,
  });
} finally {
  await pool.end();
  await postgres.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
