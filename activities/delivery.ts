// The rule processor's delivery step: envelope -> active rule -> validation -> adapter, each step protocolled.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { appendProtocol, payloadHash } from '../db/protocol';
import { beginAttempt, markDelivery } from '../db/deliveries';
import { getApplication } from '../db/applications';
import { listDocuments, readDocument } from '../db/mailbox';
import { systemCredentials } from '../db/routing';
import { applicationEnvelope, type MessageType } from '../rules/envelope';
import { deliveryKey, type RouteDecision, type TargetKind } from '../workflows/caseTypes';
import { pushHttp } from './adapters/http';
import { sendMail } from './adapters/smtp';
import { renderSummaryPdf } from './summaryPdf';
import { transformMessage } from './transformMessage';
import type { ActivityDeps } from './deps';

export interface DeliverInput {
  applicationId: string;
  messageType: MessageType;
  /** Distinguishes repeated messages of one type (supplement rounds). */
  round: number;
  target: TargetKind;
  route: RouteDecision;
  /** Case documents to include (supplement files, notice PDF, the record's documents). */
  documentIds?: string[];
  notice?: { text: string; decision: string; decidedAt: string };
  payload?: Record<string, unknown>;
}

export interface DeliverResult {
  deliveryId: string;
  ruleVersion: string;
  payloadSha256: string;
  alreadyDelivered: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  'mail-summary': 'text/plain; charset=utf-8',
};

export function createDeliveryActivities({ pool, integrations }: ActivityDeps) {
  async function attachments(applicationId: string, documentIds: string[]) {
    const rows = await pool.query(
      'SELECT filename, media_type, sha256, content FROM attachments WHERE application_id = $1 ORDER BY id',
      [applicationId],
    );
    const fromIntake = rows.rows.map((a) => ({
      filename: a.filename,
      mediaType: a.media_type,
      sha256: a.sha256,
      content: a.content as Buffer,
    }));
    const docs = (await listDocuments(pool, applicationId)).filter((d) => documentIds.includes(d.id));
    const fromCase = await Promise.all(
      docs.map(async (d) => ({
        filename: d.filename,
        mediaType: d.mediaType,
        sha256: d.sha256,
        title: d.kind,
        content: (await readDocument(pool, d.id))!.content,
      })),
    );
    return { fromIntake, fromCase };
  }

  return {
    /** Transforms, validates and sends one message to one target system of the case (at least once, idempotent). */
    async deliverMessage(input: DeliverInput): Promise<DeliverResult> {
      const { route } = input;
      const system = route[input.target];
      const id = deliveryKey(input);
      const base = { applicationId: input.applicationId, ars: route.ars, leikaId: route.leikaId };
      if (!system)
        throw ApplicationFailure.nonRetryable(
          `binding ${route.bindingId} has no ${input.target} system`,
          'NO_TARGET',
        );
      const row = await beginAttempt(pool, {
        id,
        applicationId: input.applicationId,
        systemId: system.systemId,
        target: input.target,
        messageType: input.messageType,
      });
      if (row.status === 'delivered')
        return {
          deliveryId: id,
          ruleVersion: row.ruleVersion ?? '',
          payloadSha256: row.payloadSha256 ?? '',
          alreadyDelivered: true,
        };

      const application = await getApplication(pool, input.applicationId);
      if (!application)
        throw ApplicationFailure.nonRetryable(`no application ${input.applicationId}`, 'UNKNOWN_APPLICATION');
      const files = await attachments(input.applicationId, input.documentIds ?? []);
      const meta = (f: {
        filename: string;
        mediaType: string;
        sha256: string;
        content: Buffer;
        title?: string;
      }) => ({
        filename: f.filename,
        mediaType: f.mediaType,
        sha256: f.sha256,
        size: f.content.length,
        title: f.title,
      });
      const envelope = applicationEnvelope({
        applicationId: input.applicationId,
        messageType: input.messageType,
        messageId: id,
        service: { leikaId: route.leikaId, name: route.serviceName },
        municipality: { ars: route.ars, name: route.municipalityName },
        office: { id: route.officeId, name: route.officeName, email: route.officeEmail ?? undefined },
        implementationLevel: route.level,
        submittedAt: application.createdAt,
        applicant: application.applicant as { name: string; email: string },
        formData: application.formData ?? {},
        attachments: files.fromIntake.map(meta),
        documents: files.fromCase.map(meta),
        notice: input.notice,
        // An application submitted as an XML document travels with it, as text, for rules that read it.
        payload: application.xmlDocument
          ? { ...input.payload, submittedXml: application.xmlDocument }
          : input.payload,
      });

      const transformed = await transformMessage(pool, {
        ...base,
        messageType: input.messageType,
        targetFormat: system.messageFormat,
        envelope,
        target: system.systemId,
      });
      const sha = payloadHash(transformed.output);
      const attempt = Context.current().info.attempt;
      try {
        if (system.adapter === 'smtp') {
          const to = route.officeEmail;
          if (!to)
            throw ApplicationFailure.nonRetryable(
              `office ${route.officeId} has no e-mail address`,
              'NO_TARGET',
            );
          const pdf = await renderSummaryPdf(`${route.serviceName} – ${input.applicationId}`, {
            applicant: application.applicant,
            form: application.formData ?? {},
          });
          await sendMail({
            endpoint: system.endpoint,
            from: integrations.mailFrom,
            to,
            messageId: `<${id.replace(/\//g, '.')}@drehscheibe>`,
            subject: `[${input.applicationId}] ${route.serviceName} (${input.messageType})`,
            text: transformed.output,
            attachments: [
              { filename: `${input.applicationId}.pdf`, contentType: 'application/pdf', content: pdf },
              ...[...files.fromIntake, ...files.fromCase].map((f) => ({
                filename: f.filename,
                contentType: f.mediaType,
                content: f.content,
              })),
            ],
          });
        } else {
          const credentials = await systemCredentials(pool, system.systemId);
          await pushHttp({
            endpoint: system.endpoint,
            body: transformed.output,
            idempotencyKey: id,
            bearerToken: credentials.bearerToken,
            contentType: CONTENT_TYPES[system.messageFormat] ?? 'application/xml; charset=utf-8',
          });
        }
      } catch (error) {
        const message = (error as Error).message;
        await markDelivery(pool, id, 'pending', { error: message });
        await appendProtocol(pool, {
          ...base,
          step: 'retry',
          outcome: 'error',
          target: system.systemId,
          ruleVersion: transformed.ruleVersion,
          payloadHash: sha,
          detail: { delivery: id, attempt, error: message },
        });
        throw error;
      }
      await markDelivery(pool, id, 'delivered', { ruleVersion: transformed.ruleVersion, payloadSha256: sha });
      await appendProtocol(pool, {
        ...base,
        step: 'deliver',
        outcome: 'ok',
        target: system.systemId,
        ruleVersion: transformed.ruleVersion,
        payloadHash: sha,
        detail: { delivery: id, attempt, adapter: system.adapter, format: system.messageFormat },
      });
      return {
        deliveryId: id,
        ruleVersion: transformed.ruleVersion,
        payloadSha256: sha,
        alreadyDelivered: false,
      };
    },

    /** After retries are exhausted the delivery waits for an administrator; it is never dropped. */
    async parkDelivery({
      deliveryId: id,
      route,
      error,
    }: {
      deliveryId: string;
      route: RouteDecision;
      error: string;
    }): Promise<void> {
      await markDelivery(pool, id, 'parked', { error });
      await appendProtocol(pool, {
        applicationId: id.split('/')[0],
        ars: route.ars,
        leikaId: route.leikaId,
        step: 'failure',
        outcome: 'parked',
        target: id.split('/')[3],
        detail: { delivery: id, error },
      });
    },
  };
}
