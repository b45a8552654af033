-- Throughput read model: per real (non-test) case, when it first reached the office, had its notice delivered and
-- became final, with the case's service, municipality and submission time, so /metrics and the dashboard read one
-- narrow row per case instead of scanning status_history (docs/go-live.md, Throughput read model).
-- Kept by saveStatus (db/status.ts) in the statement that writes the status. A row appears with the first milestone.
-- No index beyond the key: every query reads all rows (a municipality filter too, on a table this narrow).
-- Re-runnable: the backfill only ever moves a milestone to an earlier recorded time.

CREATE TABLE IF NOT EXISTS case_milestones (
  application_id text PRIMARY KEY REFERENCES applications (id),
  leika_id       text NOT NULL,
  ars            char(12) NOT NULL,
  submitted_at   timestamptz NOT NULL,
  office_at      timestamptz,
  notice_at      timestamptz,
  final_at       timestamptz
);

-- least() ignores NULL: a milestone is the earliest history time of its phases, as the old scan computed it.
INSERT INTO case_milestones (application_id, leika_id, ars, submitted_at, office_at, notice_at, final_at)
SELECT a.id, a.leika_id, a.ars, a.created_at, m.office, m.notice, m.final
  FROM applications a
  JOIN (SELECT application_id,
               min(at) FILTER (WHERE phase IN ('in-review', 'participation')) AS office,
               min(at) FILTER (WHERE phase = 'notice-delivered') AS notice,
               min(at) FILTER (WHERE phase = 'final') AS final
          FROM status_history
         WHERE phase IN ('in-review', 'participation', 'notice-delivered', 'final')
         GROUP BY application_id) m ON m.application_id = a.id
 WHERE NOT a.test
ON CONFLICT (application_id) DO UPDATE
   SET office_at = least(case_milestones.office_at, EXCLUDED.office_at),
       notice_at = least(case_milestones.notice_at, EXCLUDED.notice_at),
       final_at = least(case_milestones.final_at, EXCLUDED.final_at)
 WHERE (case_milestones.office_at, case_milestones.notice_at, case_milestones.final_at)
       IS DISTINCT FROM (least(case_milestones.office_at, EXCLUDED.office_at),
                         least(case_milestones.notice_at, EXCLUDED.notice_at),
                         least(case_milestones.final_at, EXCLUDED.final_at));

-- Only the old scan used it; every status_history insert paid for it.
DROP INDEX IF EXISTS status_history_phase_idx;
