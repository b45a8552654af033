// The throughput queries as they were before the milestone read model (migration 0017): three correlated scans of
// status_history per application. Kept as the baseline of bench/throughputQuery.ts and as the reference the
// equality test (test/db/throughputReadModel.test.ts) compares db/throughput.ts against.

/** The old stage rows (leika_id, ars, stage, ended, secs); $1..$4: ars, leika, from, to. */
export const BASELINE_STAGES_SQL = `
  WITH cases AS (
    SELECT a.id, a.leika_id, a.ars, a.created_at AS submitted,
           (SELECT min(h.at) FROM status_history h WHERE h.application_id = a.id AND h.phase IN ('in-review', 'participation')) AS office,
           (SELECT min(h.at) FROM status_history h WHERE h.application_id = a.id AND h.phase = 'notice-delivered') AS notice,
           (SELECT min(h.at) FROM status_history h WHERE h.application_id = a.id AND h.phase = 'final') AS final
      FROM applications a
     WHERE NOT a.test AND ($1::text IS NULL OR a.ars = $1) AND ($2::text IS NULL OR a.leika_id = $2)
  ), stages AS (
    SELECT leika_id, ars, 'submission-office' AS stage, office AS ended, extract(epoch FROM office - submitted)::float8 AS secs
      FROM cases WHERE office IS NOT NULL
    UNION ALL
    SELECT leika_id, ars, 'office-notice', notice, extract(epoch FROM notice - office)::float8
      FROM cases WHERE notice IS NOT NULL AND office IS NOT NULL
    UNION ALL
    SELECT leika_id, ars, 'notice-final', final, extract(epoch FROM final - notice)::float8
      FROM cases WHERE final IS NOT NULL AND notice IS NOT NULL
  )
  SELECT * FROM stages WHERE ($3::timestamptz IS NULL OR ended >= $3) AND ($4::timestamptz IS NULL OR ended < $4)`;

/** The old /metrics query (throughputBuckets): $1..$4 null, $5 the bucket bounds. */
export const BASELINE_BUCKETS_SQL = `SELECT leika_id, ars, stage, b, count(*)::int AS n, sum(secs) AS total FROM (
       SELECT s.*, (SELECT count(*)::int FROM unnest($5::float8[]) u WHERE u < s.secs) AS b FROM (${BASELINE_STAGES_SQL}) s
     ) x GROUP BY leika_id, ars, stage, b`;

/** The old dashboard summary (throughputSummary): p50/p90 per service, municipality and stage; $1..$4 as above. */
export const BASELINE_SUMMARY_SQL = `SELECT leika_id, ars, stage, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY secs) AS p90
       FROM (${BASELINE_STAGES_SQL}) s GROUP BY leika_id, ars, stage ORDER BY leika_id, ars, stage`;

/** The index the old scan used (migration 0014; dropped by 0017). */
export const BASELINE_INDEX_SQL =
  'CREATE INDEX IF NOT EXISTS status_history_phase_idx ON status_history (phase, application_id, at)';
