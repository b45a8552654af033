// Incidents: cases paused at a step by an unexpected failure until an administrator retries or resolves them.
import type { Pool } from './pool';
import type { IncidentRecord } from '../workflows/incidents';

export type IncidentState = 'open' | 'retried' | 'resolved';

export interface IncidentRow {
  id: string;
  applicationId: string;
  workflowId: string;
  municipality: string | null;
  officeId: string | null;
  service: string | null;
  step: string;
  elementId: string | null;
  errorType: string;
  message: string;
  state: IncidentState;
  outcome: Record<string, unknown> | null;
  closedBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** What the incidents table receives: the workflow's record of the incident. */
export type NewIncident = IncidentRecord;

export interface IncidentFilter {
  municipality?: string;
  office?: string;
  service?: string;
  step?: string;
  state?: string;
  applicationId?: string;
  limit?: number;
}

const toIncident = (r: Record<string, any>): IncidentRow => ({
  id: r.id,
  applicationId: r.application_id,
  workflowId: r.workflow_id,
  municipality: r.ars?.trim() ?? null,
  officeId: r.office_id,
  service: r.leika_id,
  step: r.step,
  elementId: r.element_id,
  errorType: r.error_type,
  message: r.message,
  state: r.state,
  outcome: r.outcome,
  closedBy: r.closed_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
});

/** Idempotent by id (the workflow derives it), so a retried activity records one incident. */
export async function insertIncident(pool: Pool, incident: NewIncident): Promise<boolean> {
  const r = await pool.query(
    `INSERT INTO incidents (id, application_id, workflow_id, ars, office_id, leika_id, step, element_id, error_type, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
    [
      incident.id,
      incident.applicationId,
      incident.workflowId,
      incident.ars ?? null,
      incident.officeId ?? null,
      incident.leikaId ?? null,
      incident.step,
      incident.elementId ?? null,
      incident.errorType,
      incident.message,
    ],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Closes an open incident (no-op if already closed: the API and the workflow both record the outcome). */
export async function closeIncident(
  pool: Pool,
  id: string,
  state: Exclude<IncidentState, 'open'>,
  outcome: Record<string, unknown>,
  closedBy: string,
): Promise<boolean> {
  const r = await pool.query(
    `UPDATE incidents SET state = $2, outcome = $3, closed_by = $4, closed_at = now(), updated_at = now()
      WHERE id = $1 AND state = 'open'`,
    [id, state, JSON.stringify(outcome), closedBy],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function getIncident(pool: Pool, id: string): Promise<IncidentRow | undefined> {
  const r = await pool.query('SELECT * FROM incidents WHERE id = $1', [id]);
  return r.rows[0] && toIncident(r.rows[0]);
}

export async function listIncidents(pool: Pool, filter: IncidentFilter): Promise<IncidentRow[]> {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  add('ars = ?', filter.municipality);
  add('office_id = ?', filter.office);
  add('leika_id = ?', filter.service);
  add('step = ?', filter.step);
  add('state = ?', filter.state);
  add('application_id = ?', filter.applicationId);
  params.push(Math.min(Math.max(filter.limit ?? 500, 1), 5000));
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const r = await pool.query(
    `SELECT * FROM incidents ${where} ORDER BY created_at, id LIMIT $${params.length}`,
    params,
  );
  return r.rows.map(toIncident);
}

/** Open incidents per municipality, office, service and step (the Prometheus gauge). */
export async function countOpenIncidents(
  pool: Pool,
): Promise<{ municipality: string; office: string; service: string; step: string; count: number }[]> {
  const r = await pool.query(
    `SELECT coalesce(ars, '') AS ars, coalesce(office_id, '') AS office, coalesce(leika_id, '') AS service, step,
            count(*)::int AS n
       FROM incidents WHERE state = 'open' GROUP BY 1, 2, 3, 4`,
  );
  return r.rows.map((x) => ({
    municipality: x.ars.trim(),
    office: x.office,
    service: x.service,
    step: x.step,
    count: x.n,
  }));
}
