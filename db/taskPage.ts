// One page of an office's task list: filtered, sorted and counted in SQL, so 1,000 open tasks cost one page.
import type { Pool } from './pool';
import { toTask, type TaskRow } from './tasks';

export const TASK_SORTS = {
  createdAt: 't.created_at',
  dueAt: 't.due_at',
  title: 't.title',
  service: 's.name',
} as const;
export type TaskSort = keyof typeof TASK_SORTS;

export interface TaskPageFilter {
  officeIds?: string[];
  status?: string;
  leikaId?: string;
  applicationId?: string;
  /** Case-insensitive part of the title or the application id. */
  text?: string;
  sort: TaskSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A task row with its service's name, for lists. */
export type TaskListItem = TaskRow & { serviceName: string | null };

/** The tasks of a page and how many match in all; ties are broken by id so pages never overlap. */
export async function listTaskPage(
  pool: Pool,
  f: TaskPageFilter,
): Promise<{ items: TaskListItem[]; total: number }> {
  const where = `($1::text[] IS NULL OR t.office_id = ANY($1)) AND ($2::text IS NULL OR t.status = $2)
      AND ($3::text IS NULL OR t.leika_id = $3) AND ($4::text IS NULL OR t.application_id = $4)
      AND ($5::text IS NULL OR t.title ILIKE '%' || $5 || '%' OR t.application_id ILIKE '%' || $5 || '%')`;
  const params = [
    f.officeIds ?? null,
    f.status ?? null,
    f.leikaId ?? null,
    f.applicationId ?? null,
    f.text ?? null,
  ];
  // The sort column comes from a fixed table, never from the request text.
  const order = `${TASK_SORTS[f.sort]} ${f.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, t.id`;
  const [rows, count] = await Promise.all([
    pool.query(
      `SELECT t.*, s.name AS service_name
         FROM tasks t LEFT JOIN services s ON s.leika_id = t.leika_id
        WHERE ${where} ORDER BY ${order} LIMIT $6 OFFSET $7`,
      [...params, f.limit, f.offset],
    ),
    pool.query(`SELECT count(*)::int AS n FROM tasks t WHERE ${where}`, params),
  ]);
  return {
    total: count.rows[0].n,
    items: rows.rows.map((r) => ({ ...toTask(r), serviceName: r.service_name ?? null })),
  };
}
