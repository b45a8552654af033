// The caseworker's endpoints, scoped to the caller's municipality and office.
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import type { Principal } from '../auth';
import { problemSchema } from '../schemas/common';
import { decisionSchema, documentRequestSchema, taskCompletionSchema } from '../schemas/case';
import { asCaseAction, assertHandlingOffice, loadCase, statementExcerpt } from '../caseAccess';
import { assertDecisionFits } from '../procedureKinds';
import { getApplication } from '../../db/applications';
import { getTask, listTasks, type TaskRow } from '../../db/tasks';
import { listTaskPage, TASK_SORTS, type TaskSort } from '../../db/taskPage';
import { loadStatus } from '../../db/status';
import { listDocuments } from '../../db/mailbox';
import { listAttachments } from '../../db/attachments';
import { listDeliveries } from '../../db/deliveries';
import { listProtocol } from '../../db/protocol';
import {
  caseViewQuery,
  completeUserTaskUpdate,
  decideUpdate,
  requestDocumentsUpdate,
} from '../../workflows/applicationMessages';
import { formOutputProblems, type AnnouncedField } from '../../workflows/forms';

/** A task is visible to the operator and to caseworkers of the office it was assigned to (404 for everyone else). */
function assertOwnTask(principal: Principal, task: TaskRow | undefined, id: string): TaskRow {
  const visible = task && (principal.role === 'admin' || principal.officeIds.includes(task.officeId));
  if (!visible) throw new Problem('not-found', `No task ${id} in your office's task list.`);
  return task;
}

export function caseworkerRoutes({ pool, temporal }: AppDeps) {
  const handle = (id: string) => temporal.workflow.getHandle(id);
  return [
    route({
      method: 'get',
      path: '/api/v1/tasks',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      summary: "Open tasks of the caller's office, filtered, sorted and paginated",
      query: {
        status: { type: 'string', description: 'open (default), completed, cancelled' },
        service: { type: 'string', description: 'LeiKa key' },
        applicationId: { type: 'string', description: 'one case' },
        q: { type: 'string', description: 'part of the task title or application id (case-insensitive)' },
        sort: { type: 'string', enum: Object.keys(TASK_SORTS), description: 'sort key (default createdAt)' },
        order: { type: 'string', enum: ['asc', 'desc'], description: 'sort order (default asc)' },
        limit: { type: 'integer', minimum: 1, maximum: 500, description: 'page size (default 500)' },
        offset: { type: 'integer', minimum: 0, maximum: 1_000_000, description: 'tasks to skip (default 0)' },
      },
      responses: { 200: { description: 'One page of tasks and the total count' } },
      handler: async ({ principal, query }) => {
        const limit = query.limit === undefined ? 500 : Number(query.limit);
        const offset = query.offset === undefined ? 0 : Number(query.offset);
        const page = await listTaskPage(pool, {
          officeIds: principal.role === 'caseworker' ? principal.officeIds : undefined,
          status: query.status ?? 'open',
          leikaId: query.service,
          applicationId: query.applicationId,
          text: query.q || undefined,
          sort: (query.sort ?? 'createdAt') as TaskSort,
          order: query.order === 'desc' ? 'desc' : 'asc',
          limit,
          offset,
        });
        return { body: { ...page, limit, offset } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/tasks/:taskId',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      summary: 'One task with its form fields',
      responses: {
        200: { description: 'Task' },
        404: { description: 'Not in your office', schema: problemSchema },
      },
      handler: async ({ principal, params }) => {
        const task = assertOwnTask(principal, await getTask(pool, params.taskId!), params.taskId!);
        // A participating office sees what its open statement needs; the case itself stays invisible to it.
        if (task.kind !== 'statement' || task.status !== 'open') return { body: task };
        return { body: { ...task, case: await statementExcerpt(pool, task.applicationId) } };
      },
    }),
    route<{ output: Record<string, unknown> }>({
      method: 'post',
      path: '/api/v1/tasks/:taskId/complete',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      body: taskCompletionSchema,
      summary: 'Complete a task with its form output (a Temporal update on the owning workflow)',
      responses: {
        200: { description: 'Completed' },
        409: { description: 'Refused by the case', schema: problemSchema },
      },
      handler: async ({ principal, params, body }) => {
        const task = assertOwnTask(principal, await getTask(pool, params.taskId!), params.taskId!);
        if (task.status !== 'open')
          throw new Problem('invalid-action', `Task ${task.id} is already ${task.status}.`);
        // The same check as the owning workflow's update validator, so what passes here enters the case.
        const problems = formOutputProblems(task.formFields as AnnouncedField[], body.output);
        if (problems.length > 0) {
          const errors = problems.map((p) => ({ path: `body.output.${p.field}`, message: p.message }));
          throw new Problem(
            'validation-failed',
            errors.map((e) => `${e.path} ${e.message}`).join('; '),
            errors,
          );
        }
        if ('decision' in body.output) {
          // A review form shared with applications may offer "rejected": an Anzeige cannot be rejected.
          const c = await getApplication(pool, task.applicationId);
          if (c?.route?.procedureKind === 'notification' && body.output.decision === 'rejected')
            assertDecisionFits('notification', 'rejected');
          const view = await handle(task.applicationId)
            .query(caseViewQuery)
            .catch(() => undefined);
          if (view?.openRequest)
            throw new Problem(
              'invalid-action',
              `The case waits for the applicant (request ${view.openRequest.requestId}, deadline ${view.openRequest.deadline}).`,
            );
        }
        const output = { ...body.output, decidedBy: principal.label };
        await asCaseAction('Completing the task', () =>
          handle(task.workflowId).executeUpdate(completeUserTaskUpdate, {
            args: [{ taskId: task.id, output }],
          }),
        );
        return { body: { completed: true, taskId: task.id } };
      },
    }),
    route<{ description: string; deadline: string }>({
      method: 'post',
      path: '/api/v1/applications/:id/document-requests',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      body: documentRequestSchema,
      summary: 'Request documents from the applicant with a deadline (Nachforderung)',
      responses: {
        201: { description: 'Requested' },
        409: { description: 'Refused by the case', schema: problemSchema },
      },
      handler: async ({ principal, params, body }) => {
        const c = await loadCase(pool, params.id!, principal);
        assertHandlingOffice(principal, c);
        const result = await asCaseAction('Document request', () =>
          handle(c.id).executeUpdate(requestDocumentsUpdate, {
            args: [{ ...body, requestedBy: principal.label }],
          }),
        );
        return { status: 201, body: result };
      },
    }),
    route<{ decision: 'approved' | 'rejected' | 'acknowledged'; reasons?: string }>({
      method: 'post',
      path: '/api/v1/applications/:id/decision',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      body: decisionSchema,
      summary:
        'Approve or reject (an Anzeige: acknowledge); the reasons (optional: a standard sentence otherwise) become the notice',
      responses: {
        200: { description: 'Decided' },
        422: {
          description: 'Approve/reject on an Anzeige, or acknowledge on an Antrag',
          schema: problemSchema,
        },
        409: { description: 'Refused by the case (e.g. waiting for the applicant)', schema: problemSchema },
      },
      handler: async ({ principal, params, body }) => {
        const c = await loadCase(pool, params.id!, principal);
        const route = assertHandlingOffice(principal, c);
        assertDecisionFits(route.procedureKind, body.decision);
        const result = await asCaseAction('Decision', () =>
          handle(c.id).executeUpdate(decideUpdate, {
            args: [{ decision: body.decision, reasons: body.reasons ?? '', decidedBy: principal.label }],
          }),
        );
        return { body: result };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/applications/:id',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      summary: 'The case as the office sees it, including its record (documents, deliveries, protocol)',
      responses: { 200: { description: 'Case' }, 404: { description: 'Unknown', schema: problemSchema } },
      handler: async ({ principal, params }) => {
        const c = await loadCase(pool, params.id!, principal);
        const [status, tasks, attachments, documents, deliveries, protocol] = await Promise.all([
          loadStatus(pool, c.id),
          listTasks(pool, { applicationId: c.id }),
          listAttachments(pool, c.id),
          listDocuments(pool, c.id),
          listDeliveries(pool, { applicationId: c.id }),
          listProtocol(pool, { applicationId: c.id }),
        ]);
        return { body: { ...c, status, tasks, record: { attachments, documents, deliveries, protocol } } };
      },
    }),
  ];
}
