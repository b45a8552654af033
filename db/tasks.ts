// Caseworker tasks. The workflow that owns a task opens and closes it; the API lists them per office.
import type { Pool } from './pool';

export interface TaskRow {
  id: string;
  applicationId: string;
  ars: string;
  officeId: string;
  leikaId: string;
  workflowId: string;
  elementId: string;
  kind: string;
  title: string;
  formFields: unknown[];
  context: Record<string, unknown>;
  status: 'open' | 'completed' | 'cancelled';
  dueAt: string | null;
  output: Record<string, unknown> | null;
  createdAt: string;
  closedAt: string | null;
}

/** What a workflow gives when it opens a task; the rest is the task's state. */
export type NewTask = Omit<
  TaskRow,
  'formFields' | 'context' | 'status' | 'dueAt' | 'output' | 'createdAt' | 'closedAt'
> & {
  formFields?: unknown[];
  context?: Record<string, unknown>;
  dueAt?: string | null;
};

/** Maps a tasks row (also used by db/taskPage.ts). */
export const toTask = (r: Record<string, any>): TaskRow => ({
  id: r.id,
  applicationId: r.application_id,
  ars: r.ars.trim(),
  officeId: r.office_id,
  leikaId: r.leika_id,
  workflowId: r.workflow_id,
  elementId: r.element_id,
  kind: r.kind,
  title: r.title,
  formFields: r.form_fields,
  context: r.context,
  status: r.status,
  dueAt: r.due_at?.toISOString() ?? null,
  output: r.output,
  createdAt: r.created_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
});

/** Idempotent: the id comes from the workflow, so a retried activity does not open a second task. */
export async function openTask(pool: Pool, task: NewTask): Promise<void> {
  await pool.query(
    `INSERT INTO tasks (id, application_id, ars, office_id, leika_id, workflow_id, element_id, kind, title, form_fields, context, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
    [
      task.id,
      task.applicationId,
      task.ars,
      task.officeId,
      task.leikaId,
      task.workflowId,
      task.elementId,
      task.kind,
      task.title,
      JSON.stringify(task.formFields ?? []),
      JSON.stringify(task.context ?? {}),
      task.dueAt ?? null,
    ],
  );
}

export async function closeTask(
  pool: Pool,
  id: string,
  status: 'completed' | 'cancelled',
  output: Record<string, unknown> | null,
): Promise<void> {
  await pool.query(
    `UPDATE tasks SET status = $2, output = $3, closed_at = now() WHERE id = $1 AND status = 'open'`,
    [id, status, output && JSON.stringify(output)],
  );
}

export async function getTask(pool: Pool, id: string): Promise<TaskRow | undefined> {
  const r = await pool.query('SELECT * FROM tasks WHERE id = $1', [id]);
  return r.rows[0] && toTask(r.rows[0]);
}

export async function listTasks(
  pool: Pool,
  filter: { officeIds?: string[]; applicationId?: string; leikaId?: string; status?: string },
): Promise<TaskRow[]> {
  const r = await pool.query(
    `SELECT * FROM tasks WHERE ($1::text[] IS NULL OR office_id = ANY($1))
        AND ($2::text IS NULL OR application_id = $2) AND ($3::text IS NULL OR leika_id = $3) AND ($4::text IS NULL OR status = $4)
      ORDER BY created_at LIMIT 500`,
    [filter.officeIds ?? null, filter.applicationId ?? null, filter.leikaId ?? null, filter.status ?? null],
  );
  return r.rows.map(toTask);
}

/** Cancels every open task of a workflow (its process was cancelled); returns how many. */
export async function cancelTasksOfWorkflow(pool: Pool, workflowId: string): Promise<number> {
  const r = await pool.query(
    `UPDATE tasks SET status = 'cancelled', closed_at = now() WHERE workflow_id = $1 AND status = 'open'`,
    [workflowId],
  );
  return r.rowCount ?? 0;
}
