// The payment requests the hub opened at the e-payment service, and their one-time confirmation.
import crypto from 'node:crypto';
import type { Pool, PoolClient } from './pool';

export interface PaymentRequest {
  applicationId: string;
  nonce: string;
  amountCents: number;
  currency: string;
  expiresAt: Date;
  paymentId: string | null;
  confirmedAt: Date | null;
}

function fromRow(r: Record<string, unknown>): PaymentRequest {
  return {
    applicationId: r.application_id as string,
    nonce: r.nonce as string,
    amountCents: r.amount_cents as number,
    currency: (r.currency as string).trim(),
    expiresAt: r.expires_at as Date,
    paymentId: (r.payment_id as string | null) ?? null,
    confirmedAt: (r.confirmed_at as Date | null) ?? null,
  };
}

/** Opens the request once per application; a retried activity gets the same nonce and expiry back. */
export async function openPaymentRequest(
  pool: Pool,
  input: { applicationId: string; amountCents: number; currency: string; ttlMs: number },
): Promise<PaymentRequest> {
  await pool.query(
    `INSERT INTO payment_requests (application_id, nonce, amount_cents, currency, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond') ON CONFLICT (application_id) DO NOTHING`,
    [
      input.applicationId,
      crypto.randomBytes(18).toString('base64url'),
      input.amountCents,
      input.currency,
      input.ttlMs,
    ],
  );
  return (await getPaymentRequest(pool, input.applicationId))!;
}

export async function setPaymentId(pool: Pool, applicationId: string, paymentId: string): Promise<void> {
  await pool.query('UPDATE payment_requests SET payment_id = $2 WHERE application_id = $1', [
    applicationId,
    paymentId,
  ]);
}

export async function getPaymentRequest(
  pool: Pool | PoolClient,
  applicationId: string,
  forUpdate = false,
): Promise<PaymentRequest | undefined> {
  const r = await pool.query(
    `SELECT * FROM payment_requests WHERE application_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [applicationId],
  );
  return r.rows[0] ? fromRow(r.rows[0]) : undefined;
}

export async function markPaymentConfirmed(client: PoolClient, applicationId: string): Promise<void> {
  await client.query('UPDATE payment_requests SET confirmed_at = now() WHERE application_id = $1', [
    applicationId,
  ]);
}
