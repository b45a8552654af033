// The applicant's endpoints (access token of one application): status, mailbox, supplements, objection.
import crypto from 'node:crypto';
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema, statusSchema } from '../schemas/common';
import { objectionSchema, supplementSchema, type SupplementBody } from '../schemas/case';
import { asCaseAction, loadCase, ownApplication } from '../caseAccess';
import { attachmentDisposition, decodeAttachments } from '../attachments';
import { loadStatus } from '../../db/status';
import { readDocument, readMailbox, retrieveNoticeDocument, storeDocument } from '../../db/mailbox';
import {
  fileObjectionUpdate,
  noticeRetrievedSignal,
  submitSupplementUpdate,
} from '../../workflows/applicationMessages';

export function applicantRoutes({ pool, temporal }: AppDeps) {
  const handle = (id: string) => temporal.workflow.getHandle(id);
  return [
    route({
      method: 'get',
      path: '/api/v1/applications/:id/status',
      tag: 'applicant',
      roles: ['applicant', 'caseworker', 'admin'],
      summary: 'Current status, open requests and history (served from the read model)',
      responses: {
        200: { description: 'Status', schema: statusSchema },
        404: { description: 'Unknown application', schema: problemSchema },
      },
      handler: async ({ params, principal }) => {
        // An applicant's token names its one application: no need to load the case to check access.
        const id = principal.role === 'applicant' ? ownApplication(principal, params.id!) : params.id!;
        if (principal.role !== 'applicant') await loadCase(pool, id, principal);
        const status = await loadStatus(pool, id);
        if (!status) throw new Problem('not-found', `No status for application ${params.id} yet.`);
        return { body: status };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/applications/:id/messages',
      tag: 'applicant',
      roles: ['applicant', 'admin'],
      summary:
        "The applicant's mailbox; listing does not retrieve a notice (opening its document does, §41 (2a) VwVfG)",
      responses: { 200: { description: 'Messages with their documents' } },
      handler: async ({ params, principal }) => {
        const c = await loadCase(pool, params.id!, principal);
        // Only the applicant's own reading marks messages read; an administrator looking in changes nothing.
        const mailbox = await readMailbox(pool, c.id, { retrieve: principal.role === 'applicant' });
        return { body: { items: mailbox.messages } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/applications/:id/documents/:documentId',
      tag: 'applicant',
      roles: ['applicant', 'caseworker', 'admin'],
      summary:
        "Download one document of the case (notice PDF, supplements, ...); the applicant's opening of the notice retrieves it (§41 (2a) VwVfG)",
      responses: {
        200: { description: 'The document', contentType: 'application/octet-stream' },
        404: { description: 'Unknown', schema: problemSchema },
      },
      handler: async ({ params, principal }) => {
        const c = await loadCase(pool, params.id!, principal);
        const doc = await readDocument(pool, params.documentId!);
        if (!doc || doc.applicationId !== c.id)
          throw new Problem('not-found', `No document ${params.documentId} in application ${c.id}.`);
        if (principal.role === 'applicant') {
          const retrievedAt = await retrieveNoticeDocument(pool, c.id, params.documentId!);
          // The workflow gets the stored time; if the signal is lost it reads the mailbox before it decides.
          if (retrievedAt)
            await handle(c.id)
              .signal(noticeRetrievedSignal, { retrievedAt })
              .catch(() => {});
        }
        return {
          raw: { contentType: doc.mediaType, data: doc.content },
          headers: { 'content-disposition': attachmentDisposition(doc.filename) },
        };
      },
    }),
    route<SupplementBody>({
      method: 'post',
      path: '/api/v1/applications/:id/supplements',
      tag: 'applicant',
      roles: ['applicant'],
      body: supplementSchema,
      summary: 'Answer the open document request with documents',
      responses: {
        202: { description: 'Accepted; forwarded to the office' },
        409: { description: 'No open request', schema: problemSchema },
      },
      handler: async ({ params, principal, body }) => {
        const c = await loadCase(pool, params.id!, principal);
        const files = decodeAttachments(body.attachments, 'body.attachments');
        const stored = await Promise.all(
          files.map((f) =>
            storeDocument(pool, {
              id: `${c.id}/supplement/${crypto.randomUUID()}`,
              applicationId: c.id,
              kind: 'supplement',
              filename: f.filename,
              mediaType: f.mediaType,
              content: f.content,
            }),
          ),
        );
        const documentIds = stored.map((d) => d.id);
        try {
          await asCaseAction('Supplement', () =>
            handle(c.id).executeUpdate(submitSupplementUpdate, {
              args: [{ requestId: body.requestId, note: body.note ?? '', documentIds }],
            }),
          );
        } catch (error) {
          // Refused: the documents belong to nothing, so they do not stay in the case.
          await pool.query('DELETE FROM case_documents WHERE id = ANY($1)', [documentIds]);
          throw error;
        }
        return { status: 202, body: { accepted: true, documentIds } };
      },
    }),
    route<{ reasons: string }>({
      method: 'post',
      path: '/api/v1/applications/:id/objection',
      tag: 'applicant',
      roles: ['applicant'],
      body: objectionSchema,
      summary: 'File an objection (Widerspruch) within the appeal period',
      responses: {
        202: { description: 'Accepted' },
        409: { description: 'No notice, or the period is over', schema: problemSchema },
      },
      handler: async ({ params, principal, body }) => {
        const c = await loadCase(pool, params.id!, principal);
        const result = await asCaseAction('Objection', () =>
          handle(c.id).executeUpdate(fileObjectionUpdate, { args: [{ reasons: body.reasons }] }),
        );
        return { status: 202, body: result };
      },
    }),
  ];
}
