// What reaches the applicant: mailbox messages and notification mails.
import {
  listDocuments,
  noticeRetrievedAt,
  postMessage,
  readDocument,
  storeDocument,
  type MailboxMessage,
} from '../db/mailbox';
import { getApplication } from '../db/applications';
import { appendProtocol } from '../db/protocol';
import { sendMail } from './adapters/smtp';
import type { ActivityDeps } from './deps';

export interface ApplicantMessage {
  /** Stable id from the workflow, so a retried activity posts once. */
  messageId: string;
  applicationId: string;
  kind: MailboxMessage['kind'];
  subject: string;
  body: string;
  documentIds?: string[];
  /** Also send an e-mail notification (without the documents: they are retrieved from the mailbox). */
  mail?: boolean;
  /** Attach the documents to the mail (notice sent after it was not retrieved). */
  attachDocuments?: boolean;
}

export function createApplicantActivities({ pool, integrations }: ActivityDeps) {
  async function documentsFor(ids: string[]) {
    const docs = await Promise.all(ids.map((id) => readDocument(pool, id)));
    return docs
      .filter((d) => d !== undefined)
      .map((d) => ({ filename: d.filename, contentType: d.mediaType, content: d.content }));
  }
  return {
    /** Posts to the applicant's mailbox and, if asked, notifies by mail. */
    async notifyApplicant(message: ApplicantMessage): Promise<void> {
      await postMessage(pool, {
        id: message.messageId,
        applicationId: message.applicationId,
        kind: message.kind,
        subject: message.subject,
        body: message.body,
        documentIds: message.documentIds,
      });
      if (message.mail && integrations.smtpUrl) {
        const application = await getApplication(pool, message.applicationId);
        const to = String(application?.applicant.email ?? '');
        await sendMail({
          endpoint: integrations.smtpUrl,
          from: integrations.mailFrom,
          to,
          messageId: `<${message.messageId.replace(/[^A-Za-z0-9.-]/g, '.')}@drehscheibe>`,
          subject: `${message.subject} (${message.applicationId})`,
          text: `${message.body}\n\nIhr Postfach: Aktenzeichen ${message.applicationId}`,
          attachments: message.attachDocuments ? await documentsFor(message.documentIds ?? []) : undefined,
        });
      }
      await appendProtocol(pool, {
        applicationId: message.applicationId,
        step: 'notify',
        outcome: 'ok',
        target: 'applicant',
        detail: {
          kind: message.kind,
          subject: message.subject,
          mail: Boolean(message.mail && integrations.smtpUrl),
        },
      });
    },
    /** Stores a document of the case (idempotent by id). */
    async storeCaseDocument(doc: {
      id: string;
      applicationId: string;
      kind: string;
      filename: string;
      mediaType: string;
      content: string;
      encoding: 'utf8' | 'base64';
    }): Promise<{ id: string; sha256: string }> {
      const stored = await storeDocument(pool, { ...doc, content: Buffer.from(doc.content, doc.encoding) });
      return { id: stored.id, sha256: stored.sha256 };
    },
    /** When the applicant retrieved the notice, as the mailbox recorded it (null: not yet). */
    async noticeRetrieval({
      applicationId,
    }: {
      applicationId: string;
    }): Promise<{ retrievedAt: string | null }> {
      return { retrievedAt: await noticeRetrievedAt(pool, applicationId) };
    },
    /** Ids of every document of the case, in filing order. */
    async listCaseDocumentIds({ applicationId }: { applicationId: string }): Promise<string[]> {
      return (await listDocuments(pool, applicationId)).map((d) => d.id);
    },
  };
}
