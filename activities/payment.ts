// E-payment (level 3): a payment request whose confirmation comes back as a signed callback.
import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { appendProtocol } from '../db/protocol';
import type { ActivityDeps } from './deps';

/** The callback URL carries an HMAC of the application id, so only the payment provider can confirm. */
export function paymentCallbackSignature(secret: string, applicationId: string): string {
  return crypto.createHmac('sha256', secret).update(`payment:${applicationId}`).digest('hex');
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
      const sig = paymentCallbackSignature(integrations.callbackSecret, applicationId);
      const callbackUrl = `${integrations.publicApiUrl}/api/v1/callbacks/payments/${encodeURIComponent(applicationId)}?sig=${sig}`;
      const response = await fetch(new URL('/payments', integrations.paymentUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `payment/${applicationId}`,
          ...(integrations.paymentToken ? { authorization: `Bearer ${integrations.paymentToken}` } : {}),
        },
        body: JSON.stringify({ amount: amountCents, purpose, reference: applicationId, callbackUrl }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok)
        throw new Error(`payment service answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { paymentId: string; payUrl: string };
      await appendProtocol(pool, {
        applicationId,
        step: 'process',
        outcome: 'ok',
        target: 'e-payment',
        detail: { paymentId: body.paymentId, amountCents },
      });
      return body;
    },
  };
}
