// Throughput times from the status read model: submission -> office, office -> notice, notice -> final.
import type { Pool } from './pool';

export const STAGES = ['submission-office', 'office-notice', 'notice-final'] as const;
export type Stage = (typeof STAGES)[number];

export interface ThroughputFilter {
  ars?: string;
  leikaId?: string;
  /** Stage ends at or after / before (ISO). */
  from?: string;
  to?: string;
}

/**
 * One row per finished stage of a real (non-test) case: service, municipality, stage, seconds, end time.
 * A case reaches the office when it first enters review (or participation at level 4), its notice when
 * the notice is first delivered, final when the appeal period has passed. saveStatus keeps these milestones in
 * case_milestones (migration 0017), one narrow row per case, so this reads that table instead of scanning the
 * status history (the old scan: bench/throughputBaseline.ts). $1..$4: ars, leika, from, to.
 */
export const STAGES_SQL = `
  SELECT * FROM (
    SELECT leika_id, ars, 'submission-office' AS stage, office_at AS ended,
           extract(epoch FROM office_at - submitted_at)::float8 AS secs
      FROM case_milestones WHERE office_at IS NOT NULL AND ($1::text IS NULL OR ars = $1) AND ($2::text IS NULL OR leika_id = $2)
    UNION ALL
    SELECT leika_id, ars, 'office-notice', notice_at, extract(epoch FROM notice_at - office_at)::float8
      FROM case_milestones WHERE notice_at IS NOT NULL AND office_at IS NOT NULL
       AND ($1::text IS NULL OR ars = $1) AND ($2::text IS NULL OR leika_id = $2)
    UNION ALL
    SELECT leika_id, ars, 'notice-final', final_at, extract(epoch FROM final_at - notice_at)::float8
      FROM case_milestones WHERE final_at IS NOT NULL AND notice_at IS NOT NULL
       AND ($1::text IS NULL OR ars = $1) AND ($2::text IS NULL OR leika_id = $2)
  ) stages
  WHERE ($3::timestamptz IS NULL OR ended >= $3) AND ($4::timestamptz IS NULL OR ended < $4)`;

const params = (f: ThroughputFilter) => [f.ars ?? null, f.leikaId ?? null, f.from ?? null, f.to ?? null];

export interface ThroughputRow {
  leikaId: string;
  ars: string;
  stage: Stage;
  count: number;
  p50Seconds: number;
  p90Seconds: number;
}

/** p50/p90 per service, municipality and stage. */
export async function throughputSummary(pool: Pool, f: ThroughputFilter): Promise<ThroughputRow[]> {
  const r = await pool.query(
    `SELECT leika_id, ars, stage, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY secs) AS p90
       FROM (${STAGES_SQL}) s GROUP BY leika_id, ars, stage ORDER BY leika_id, ars, stage`,
    params(f),
  );
  return r.rows.map((row) => ({
    leikaId: row.leika_id,
    ars: row.ars.trim(),
    stage: row.stage,
    count: row.n,
    p50Seconds: row.p50,
    p90Seconds: row.p90,
  }));
}

export interface WeeklyPoint {
  stage: Stage;
  /** Monday of the ISO week (Europe/Berlin), YYYY-MM-DD. */
  week: string;
  count: number;
  p50Seconds: number;
  p90Seconds: number;
}

/** p50/p90 per stage and week in which the stage ended, over the filtered cases. */
export async function throughputWeekly(pool: Pool, f: ThroughputFilter): Promise<WeeklyPoint[]> {
  const r = await pool.query(
    `SELECT stage, to_char(date_trunc('week', ended AT TIME ZONE 'Europe/Berlin'), 'YYYY-MM-DD') AS week,
            count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY secs) AS p90
       FROM (${STAGES_SQL}) s GROUP BY stage, week ORDER BY stage, week`,
    params(f),
  );
  return r.rows.map((row) => ({
    stage: row.stage,
    week: row.week,
    count: row.n,
    p50Seconds: row.p50,
    p90Seconds: row.p90,
  }));
}

export interface BucketRow {
  leikaId: string;
  ars: string;
  stage: Stage;
  /** Count per bucket index: 0 = at most bounds[0], bounds.length = above every bound. */
  buckets: number[];
  count: number;
  sumSeconds: number;
}

/** Histogram counts (not cumulative) per service, municipality and stage, over all real cases. */
export async function throughputBuckets(pool: Pool, bounds: number[]): Promise<BucketRow[]> {
  const r = await pool.query(
    `SELECT leika_id, ars, stage, b, count(*)::int AS n, sum(secs) AS total FROM (
       -- Bounds below secs (le is inclusive): width_bucket counts those at or below, less one for a bound hit exactly.
       SELECT s.*, width_bucket(s.secs, $5::float8[]) - (s.secs = ANY ($5::float8[]))::int AS b FROM (${STAGES_SQL}) s
     ) x GROUP BY leika_id, ars, stage, b`,
    [...params({}), bounds],
  );
  const rows = new Map<string, BucketRow>();
  for (const row of r.rows) {
    const key = `${row.leika_id}|${row.ars}|${row.stage}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = {
        leikaId: row.leika_id,
        ars: row.ars.trim(),
        stage: row.stage,
        buckets: new Array(bounds.length + 1).fill(0),
        count: 0,
        sumSeconds: 0,
      };
      rows.set(key, entry);
    }
    entry.buckets[row.b] += row.n;
    entry.count += row.n;
    entry.sumSeconds += Number(row.total);
  }
  return [...rows.values()];
}
