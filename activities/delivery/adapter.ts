// Adapter stage: the transformed message leaves for the target system, by mail (with a summary PDF and
// the files) or by HTTP push with the delivery key as idempotency key.
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from '../../db/pool';
import { systemCredentials } from '../../db/routing';
import { receiverCredentials } from '../../db/tradeReceivers';
import type { Integrations } from '../../platform/config';
import { pushHttp } from '../adapters/http';
import { sendMail } from '../adapters/smtp';
import { renderSummaryPdf } from '../summaryPdf';
import type { Delivery, Envelope, Transformed } from './message';
import { pushXdomeaContainer } from './xdomeaAdapter';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  'mail-summary': 'text/plain; charset=utf-8',
};

/** Sends one message through the system's adapter; throws what the adapter throws. */
export async function sendToTarget(
  pool: Pool,
  integrations: Integrations,
  delivery: Delivery,
  envelope: Envelope,
  message: Transformed,
): Promise<void> {
  const { id, input, route, system } = delivery;
  if (system.adapter === 'smtp') {
    const to = route.officeEmail;
    if (!to)
      throw ApplicationFailure.nonRetryable(`office ${route.officeId} has no e-mail address`, 'NO_TARGET');
    const { application, files } = envelope;
    const pdf = await renderSummaryPdf(
      `${route.serviceName} – ${input.applicationId}`,
      { applicant: application.applicant, form: application.formData ?? {} },
      new Date(application.createdAt),
    );
    await sendMail({
      endpoint: system.endpoint,
      from: integrations.mailFrom,
      to,
      messageId: `<${id.replace(/\//g, '.')}@drehscheibe>`,
      subject: `[${input.applicationId}] ${route.serviceName} (${input.messageType})`,
      text: message.output,
      attachments: [
        { filename: `${input.applicationId}.pdf`, contentType: 'application/pdf', content: pdf },
        ...[...files.fromIntake, ...files.fromCase].map((f) => ({
          filename: f.filename,
          contentType: f.mediaType,
          content: f.content,
        })),
      ],
    });
    return;
  }
  const credentials =
    system.kind === 'receiver'
      ? await receiverCredentials(pool, system.systemId.replace(/^receiver-/, ''))
      : await systemCredentials(pool, system.systemId);
  if (system.adapter === 'xdomea') {
    await pushXdomeaContainer(delivery, envelope, message, credentials.bearerToken);
    return;
  }
  await pushHttp({
    endpoint: system.endpoint,
    body: message.output,
    idempotencyKey: id,
    bearerToken: credentials.bearerToken,
    contentType: CONTENT_TYPES[system.messageFormat] ?? 'application/xml; charset=utf-8',
  });
}
