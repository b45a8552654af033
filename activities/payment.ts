// E-payment (level 3): a payment request bound to its payment; the provider confirms with a signed callback.
import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { appendProtocol } from '../db/protocol';
import { openPaymentRequest, setPaymentId } from '../db/payments';
import type { Integrations } from '../platform/config';
import type { ActivityDeps } from './deps';

export const PAYMENT_CURRENCY = 'EUR';
/** How long a payment's callback nonce stays valid: the payment deadline (14 days) plus slack for late callbacks. */
export const PAYMENT_CALLBACK_TTL_MS = 30 * 86_400_000;
/** Header of the callback carrying `sha256=<hex HMAC of the raw body>` under the payment's callback key. */
export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature';

/**
 * The key one payment's callback is signed with. It is derived from the hub's callback secret, the
 * application and the payment's one-time nonce, handed to the provider over its authenticated API, and
 * never appears in a URL; a key leaked from one payment signs nothing for another.
 */
export function paymentCallbackKey(secret: string, applicationId: string, nonce: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`payment-callback|${applicationId}|${nonce}`)
    .digest('hex');
}

/** The signature header value of a callback body under `key`. */
export function signPaymentCallback(key: string, rawBody: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', key).update(rawBody).digest('hex')}`;
}

/** The payment as the provider reports it (GET /payments/:id). */
export interface ProviderPayment {
  paymentId: string;
  amount: number;
  currency: string;
  reference: string;
  status: string;
}

/** Asks the provider for a payment's state; the hub marks nothing paid on a callback's word alone. */
export async function fetchProviderPayment(
  integrations: Pick<Integrations, 'paymentUrl' | 'paymentToken'>,
  paymentId: string,
): Promise<ProviderPayment | undefined> {
  if (!integrations.paymentUrl) throw new Error('no e-payment service configured (PAYMENT_URL)');
  const response = await fetch(
    new URL(`/payments/${encodeURIComponent(paymentId)}`, integrations.paymentUrl),
    {
      headers: integrations.paymentToken ? { authorization: `Bearer ${integrations.paymentToken}` } : {},
      signal: AbortSignal.timeout(5_000),
    },
  );
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`payment service answered ${response.status}`);
  return (await response.json()) as ProviderPayment;
}

export function createPaymentActivities({ pool, integrations }: ActivityDeps) {
  return {
    /** Creates the payment at the e-payment service; returns where the applicant pays. */
    async requestPayment({
      applicationId,
      amountCents,
      purpose,
    }: {
      applicationId: string;
      amountCents: number;
      purpose: string;
    }): Promise<{ paymentId: string; payUrl: string }> {
      if (!integrations.paymentUrl)
        throw ApplicationFailure.nonRetryable(
          'no e-payment service configured (PAYMENT_URL)',
          'NO_PAYMENT_SERVICE',
        );
      const request = await openPaymentRequest(pool, {
        applicationId,
        amountCents,
        currency: PAYMENT_CURRENCY,
        ttlMs: PAYMENT_CALLBACK_TTL_MS,
      });
      const callbackUrl = `${integrations.publicApiUrl}/api/v1/callbacks/payments/${encodeURIComponent(applicationId)}`;
      const response = await fetch(new URL('/payments', integrations.paymentUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `payment/${applicationId}`,
          ...(integrations.paymentToken ? { authorization: `Bearer ${integrations.paymentToken}` } : {}),
        },
        body: JSON.stringify({
          amount: request.amountCents,
          currency: request.currency,
          purpose,
          reference: applicationId,
          callbackUrl,
          callbackNonce: request.nonce,
          callbackExpiresAt: request.expiresAt.toISOString(),
          callbackKey: paymentCallbackKey(integrations.callbackSecret, applicationId, request.nonce),
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok)
        throw new Error(`payment service answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { paymentId: string; payUrl: string };
      await setPaymentId(pool, applicationId, body.paymentId);
      await appendProtocol(pool, {
        applicationId,
        step: 'process',
        outcome: 'ok',
        target: 'e-payment',
        detail: { paymentId: body.paymentId, amountCents, currency: request.currency },
      });
      return { paymentId: body.paymentId, payUrl: body.payUrl };
    },
  };
}
