// Downloads of the attachments filed with an application: for whoever sees the case, and for a participating
// office through its open statement task (it needs the plans it comments on, not the case).
import { route } from '../route';
import type { AppDeps } from '../deps';
import type { Pool } from '../../db/pool';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { loadCase } from '../caseAccess';
import { attachmentDisposition } from '../attachments';
import { getTask } from '../../db/tasks';
import { readAttachment } from '../../db/attachments';

async function attachmentReply(pool: Pool, applicationId: string, attachmentId: string) {
  const a = await readAttachment(pool, applicationId, attachmentId);
  if (!a) throw new Problem('not-found', `No attachment ${attachmentId} in application ${applicationId}.`);
  // nosniff is set on every answer (api/app.ts); the disposition is RFC 6266 with an ASCII fallback.
  return {
    raw: { contentType: a.mediaType, data: a.content },
    headers: { 'content-disposition': attachmentDisposition(a.filename) },
  };
}

const responses = {
  200: { description: 'The attachment', contentType: 'application/octet-stream' },
  404: { description: 'Unknown, or not visible to this token', schema: problemSchema },
};

export function attachmentRoutes({ pool }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/api/v1/applications/:id/attachments/:attachmentId',
      tag: 'caseworker',
      roles: ['applicant', 'caseworker', 'admin'],
      summary:
        'Download an attachment filed with the application (ids in the case view or the statement task)',
      responses,
      handler: async ({ params, principal }) => {
        const c = await loadCase(pool, params.id!, principal);
        return attachmentReply(pool, c.id, params.attachmentId!);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/tasks/:taskId/attachments/:attachmentId',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      summary: "Download an attachment of an open task's application (participating offices' statements)",
      responses,
      handler: async ({ params, principal }) => {
        const task = await getTask(pool, params.taskId!);
        const visible =
          task &&
          task.status === 'open' &&
          (principal.role === 'admin' || principal.officeIds.includes(task.officeId));
        if (!visible)
          throw new Problem('not-found', `No open task ${params.taskId} in your office's task list.`);
        return attachmentReply(pool, task.applicationId, params.attachmentId!);
      },
    }),
  ];
}
