// The applicant status read model, written by the workflow's publishStatus activity.
import type { OpenRequest, Status, StatusUpdate } from '../workflows/status';
import type { Pool } from './pool';

export interface StatusView {
  applicationId: string;
  status: Status;
  phase: string;
  text: string;
  openRequests: OpenRequest[];
  updatedAt: string;
  history: { status: Status; phase: string; text: string; at: string }[];
}

/**
 * Upserts the current status and appends to the history. The workflow numbers its writes: a write older than
 * the stored one (a late activity attempt) changes nothing, and a repeat of the same write (a retry) neither.
 * An accepted write of a milestone phase also records the milestone in case_milestones (migration 0017), at the
 * time its history line gets; least() keeps the earliest, so the row equals the history's first occurrence.
 */
export async function saveStatus(pool: Pool, update: StatusUpdate): Promise<void> {
  await pool.query(
    `WITH current AS (
       INSERT INTO application_status (application_id, status, phase, status_text, open_requests, updated_at, seq)
       VALUES ($1, $2, $3, $4, $5, now(), coalesce($6::bigint, 0))
       ON CONFLICT (application_id) DO UPDATE
         SET status = EXCLUDED.status, phase = EXCLUDED.phase, status_text = EXCLUDED.status_text,
             open_requests = EXCLUDED.open_requests, version = application_status.version + 1, updated_at = now(),
             seq = greatest(application_status.seq, EXCLUDED.seq)
       WHERE $6::bigint IS NULL OR application_status.seq < $6::bigint
       RETURNING application_id),
     milestone AS (
       INSERT INTO case_milestones (application_id, leika_id, ars, submitted_at, office_at, notice_at, final_at)
       SELECT a.id, a.leika_id, a.ars, a.created_at,
              CASE WHEN $3::text IN ('in-review', 'participation') THEN now() END,
              CASE WHEN $3::text = 'notice-delivered' THEN now() END,
              CASE WHEN $3::text = 'final' THEN now() END
         FROM applications a
        WHERE a.id = $1 AND NOT a.test AND EXISTS (SELECT 1 FROM current)
          AND $3::text IN ('in-review', 'participation', 'notice-delivered', 'final')
       ON CONFLICT (application_id) DO UPDATE
         SET office_at = least(case_milestones.office_at, EXCLUDED.office_at),
             notice_at = least(case_milestones.notice_at, EXCLUDED.notice_at),
             final_at = least(case_milestones.final_at, EXCLUDED.final_at))
     INSERT INTO status_history (application_id, status, phase, status_text)
     SELECT $1, $2, $3, $4
      WHERE EXISTS (SELECT 1 FROM current)
        AND NOT EXISTS (SELECT 1 FROM (SELECT status, phase FROM status_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1) last
                         WHERE last.status = $2 AND last.phase = $3)`,
    [
      update.applicationId,
      update.status,
      update.phase,
      update.text,
      JSON.stringify(update.openRequests),
      update.seq ?? null,
    ],
  );
}

/** The status read model of one application with its history: one indexed query (status polls are frequent). */
export async function loadStatus(pool: Pool, applicationId: string): Promise<StatusView | undefined> {
  const { rows } = await pool.query(
    `SELECT s.status, s.phase, s.status_text, s.open_requests, s.updated_at,
            COALESCE((SELECT json_agg(json_build_object('status', h.status, 'phase', h.phase,
                                                        'text', h.status_text, 'at', h.at) ORDER BY h.id)
                        FROM status_history h WHERE h.application_id = s.application_id), '[]') AS history
       FROM application_status s WHERE s.application_id = $1`,
    [applicationId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    applicationId,
    status: row.status,
    phase: row.phase,
    text: row.status_text,
    openRequests: row.open_requests,
    updatedAt: row.updated_at.toISOString(),
    history: (row.history as { status: Status; phase: string; text: string; at: string }[]).map((h) => ({
      status: h.status,
      phase: h.phase,
      text: h.text,
      at: new Date(h.at).toISOString(),
    })),
  };
}
