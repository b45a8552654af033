// The e-payment provider's callback: signed per payment, checked against what the hub requested, confirmed with
// the provider, accepted once.
import crypto from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { inTransaction } from '../../db/pool';
import { appendProtocol } from '../../db/protocol';
import { getPaymentRequest, markPaymentConfirmed, type PaymentRequest } from '../../db/payments';
import {
  fetchProviderPayment,
  paymentCallbackKey,
  PAYMENT_SIGNATURE_HEADER,
  signPaymentCallback,
} from '../../activities/payment';
import { paymentConfirmedSignal } from '../../workflows/applicationMessages';

const text = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const paymentCallbackSchema = {
  type: 'object',
  required: ['paymentId', 'reference', 'amount', 'currency', 'status', 'nonce'],
  properties: {
    paymentId: text,
    reference: { ...text, description: 'the application id the payment was requested for' },
    amount: { type: 'integer', minimum: 0, maximum: 100_000_000, description: 'cents' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    status: { type: 'string', maxLength: 40 },
    paidAt: { type: 'string', maxLength: 40 },
    nonce: { ...text, description: 'the one-time nonce the hub issued with the payment request' },
    expiresAt: { type: 'string', maxLength: 40 },
  },
} as const;

export interface PaymentCallback {
  paymentId: string;
  reference: string;
  amount: number;
  currency: string;
  status: string;
  paidAt?: string;
  nonce: string;
  expiresAt?: string;
}

/** Differences between what the hub requested and what a callback or the provider says; empty if none. */
export function paymentMismatches(
  request: PaymentRequest,
  claimed: { paymentId: string; reference: string; amount: number; currency: string; nonce?: string },
): string[] {
  const out: string[] = [];
  if (claimed.reference !== request.applicationId)
    out.push(`reference ${claimed.reference} is not ${request.applicationId}`);
  if (claimed.paymentId !== request.paymentId)
    out.push(`payment ${claimed.paymentId} is not ${request.paymentId ?? '(none yet)'}`);
  if (claimed.amount !== request.amountCents)
    out.push(`amount ${claimed.amount} cents is not ${request.amountCents}`);
  if (claimed.currency !== request.currency)
    out.push(`currency ${claimed.currency} is not ${request.currency}`);
  if (claimed.nonce !== undefined && claimed.nonce !== request.nonce)
    out.push('the nonce is not this payment’s');
  return out;
}

function signatureMatches(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function paymentCallbackRoutes({ pool, temporal, config }: AppDeps) {
  const refuse = async (applicationId: string, reason: string, detail: Record<string, unknown>) =>
    appendProtocol(pool, {
      applicationId,
      step: 'receive',
      outcome: 'refused',
      target: 'e-payment',
      detail: { reason, ...detail },
    });
  return [
    route<PaymentCallback>({
      method: 'post',
      path: '/api/v1/callbacks/payments/:applicationId',
      tag: 'callbacks',
      roles: 'public',
      body: paymentCallbackSchema,
      summary:
        'Payment confirmation from the e-payment service, signed per payment (X-Payment-Signature: sha256=HMAC of the body)',
      responses: {
        204: { description: 'Confirmed (or a status other than paid, which changes nothing)' },
        403: { description: 'Missing or wrong signature', schema: problemSchema },
        409: { description: 'Already confirmed (replay), or the request expired', schema: problemSchema },
        422: { description: 'Does not match the requested payment; protocolled', schema: problemSchema },
        503: { description: 'The payment service could not confirm; retry later', schema: problemSchema },
      },
      handler: async ({ params, body, req, res }) => {
        const applicationId = params.applicationId!;
        const request = await getPaymentRequest(pool, applicationId);
        if (!request)
          throw new Problem('not-found', `No payment was requested for application ${applicationId}.`);
        const key = paymentCallbackKey(config.integrations.callbackSecret, applicationId, request.nonce);
        const expected = signPaymentCallback(key, String(res.locals.rawBody ?? ''));
        // Not protocolled: anyone can send unsigned requests, and each would add a row.
        if (!signatureMatches(req.header(PAYMENT_SIGNATURE_HEADER), expected))
          throw new Problem('forbidden', `The ${PAYMENT_SIGNATURE_HEADER} header does not sign this body.`);

        const mismatches = paymentMismatches(request, body);
        if (mismatches.length > 0) {
          await refuse(applicationId, 'callback-mismatch', { mismatches });
          throw new Problem('payment-mismatch', `Refused: ${mismatches.join('; ')}.`);
        }
        if (body.status !== 'paid') return { status: 204 };
        if (Date.now() > request.expiresAt.getTime()) {
          await refuse(applicationId, 'callback-expired', { paymentId: body.paymentId });
          throw new Problem(
            'callback-expired',
            `The payment request expired at ${request.expiresAt.toISOString()}.`,
          );
        }

        await inTransaction(pool, async (client) => {
          const locked = (await getPaymentRequest(client, applicationId, true))!;
          if (locked.confirmedAt) {
            await refuse(applicationId, 'callback-replayed', { paymentId: body.paymentId });
            throw new Problem(
              'callback-replayed',
              `Payment ${body.paymentId} was confirmed at ${locked.confirmedAt.toISOString()}; a nonce counts once.`,
            );
          }
          const reported = await fetchProviderPayment(config.integrations, body.paymentId).catch(
            (error: unknown) => {
              throw new Problem(
                'unavailable',
                `The payment service did not confirm: ${(error as Error).message}.`,
              );
            },
          );
          const providerMismatches = reported
            ? paymentMismatches(locked, reported).concat(
                reported.status === 'paid' ? [] : [`status is ${reported.status}`],
              )
            : [`the payment service does not know payment ${body.paymentId}`];
          if (providerMismatches.length > 0) {
            await refuse(applicationId, 'provider-mismatch', { mismatches: providerMismatches });
            throw new Problem(
              'payment-mismatch',
              `The payment service says: ${providerMismatches.join('; ')}.`,
            );
          }
          await temporal.workflow
            .getHandle(applicationId)
            .signal(paymentConfirmedSignal, {
              paymentId: locked.paymentId!,
              amountCents: locked.amountCents,
              paidAt:
                body.paidAt && !Number.isNaN(Date.parse(body.paidAt))
                  ? body.paidAt
                  : new Date().toISOString(),
            })
            .catch((error: unknown) => {
              if (error instanceof WorkflowNotFoundError)
                throw new Problem('conflict', `The case ${applicationId} no longer waits for a payment.`);
              throw error;
            });
          await markPaymentConfirmed(client, applicationId);
        });
        return { status: 204 };
      },
    }),
  ];
}
