-- Throughput read model: when a case first reached the office, had its notice delivered and became final,
-- kept by saveStatus (db/status.ts) beside the current status, so /metrics and the dashboard read one row per
-- case instead of scanning status_history (docs/go-live.md, Throughput read model).
-- Re-runnable: the backfill only ever moves a milestone to an earlier recorded time.

ALTER TABLE application_status
  ADD COLUMN IF NOT EXISTS office_at timestamptz,
  ADD COLUMN IF NOT EXISTS notice_at timestamptz,
  ADD COLUMN IF NOT EXISTS final_at  timestamptz;

-- least() ignores NULL: a milestone is the earliest history time of its phases, as the old scan computed it.
UPDATE application_status s
   SET office_at = least(s.office_at, m.office), notice_at = least(s.notice_at, m.notice),
       final_at = least(s.final_at, m.final)
  FROM (SELECT application_id,
               min(at) FILTER (WHERE phase IN ('in-review', 'participation')) AS office,
               min(at) FILTER (WHERE phase = 'notice-delivered') AS notice,
               min(at) FILTER (WHERE phase = 'final') AS final
          FROM status_history
         WHERE phase IN ('in-review', 'participation', 'notice-delivered', 'final')
         GROUP BY application_id) m
 WHERE m.application_id = s.application_id
   AND (s.office_at IS DISTINCT FROM least(s.office_at, m.office)
        OR s.notice_at IS DISTINCT FROM least(s.notice_at, m.notice)
        OR s.final_at IS DISTINCT FROM least(s.final_at, m.final));

-- No new index: each query aggregates all real cases (a hash join of applications and application_status on
-- their keys), and a municipality filter goes through applications_ars_idx.
-- Only the old scan used it; every status_history insert paid for it.
DROP INDEX IF EXISTS status_history_phase_idx;
