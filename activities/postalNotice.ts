// The postal path of a notice (§ 41 (2) VwVfG): the hub hands the notice to the office's print-and-post channel
// (its mail system, as a hybrid-mail or Poststelle inbox), when the binding has one.
import { getApplication } from '../db/applications';
import { readDocument } from '../db/mailbox';
import { appendProtocol } from '../db/protocol';
import type { RouteDecision } from '../workflows/caseTypes';
import { sendMail } from './adapters/smtp';
import type { ActivityDeps } from './deps';

export function createPostalNoticeActivities({ pool, integrations }: ActivityDeps) {
  return {
    /** Sends the notice PDF to the office's mail system for printing and posting; null without such a channel. */
    async handOverForPosting({
      applicationId,
      route,
      documentIds,
    }: {
      applicationId: string;
      route: RouteDecision;
      documentIds: string[];
    }): Promise<{ handedOverAt: string | null }> {
      if (!route.mail || route.mail.adapter !== 'smtp' || !route.officeEmail) return { handedOverAt: null };
      const application = await getApplication(pool, applicationId);
      const applicant = (application?.applicant ?? {}) as { name?: string; postalAddress?: string };
      const pdfs = (await Promise.all(documentIds.map((id) => readDocument(pool, id)))).filter(
        (d) => d !== undefined && d.mediaType === 'application/pdf',
      );
      await sendMail({
        endpoint: route.mail.endpoint,
        from: integrations.mailFrom,
        to: route.officeEmail,
        messageId: `<${applicationId.replace(/[^A-Za-z0-9.-]/g, '.')}.postal-notice@drehscheibe>`,
        subject: `Postversand (§ 41 Abs. 2 VwVfG): ${applicationId}`,
        text:
          'Bitte drucken Sie das angehängte Dokument und geben Sie es heute zur Post an:\n' +
          `${applicant.name ?? ''}\n${applicant.postalAddress ?? '(keine Postanschrift angegeben: bitte beim Antragsteller erfragen)'}`,
        attachments: pdfs.map((d) => ({
          filename: d!.filename,
          contentType: d!.mediaType,
          content: d!.content,
        })),
      });
      await appendProtocol(pool, {
        applicationId,
        ars: route.ars,
        leikaId: route.leikaId,
        step: 'notify',
        outcome: 'ok',
        target: route.mail.systemId,
        detail: { postal: true, documents: documentIds },
      });
      return { handedOverAt: new Date().toISOString() };
    },
  };
}
