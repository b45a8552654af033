// Given a level-3 case waiting for its 26 € fee, when callbacks arrive forged, altered, replayed or too late,
// then only the provider's real confirmation of the full amount marks it paid, once; refusals are protocolled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/testHub';
import { request } from '../support/http';
import { DEMO_ARS } from '../../demo/seed';
import { listProtocol } from '../../db/protocol';
import { getPaymentRequest } from '../../db/payments';
import { paymentCallbackKey, signPaymentCallback } from '../../activities/payment';
import {
  submit,
  tradeSubmission,
  waitForPhase,
  TRADE_REGISTRATION,
  type SubmittedCase,
} from '../lifecycle/caseDriver';

describe('payment callbacks bound to the payment', () => {
  let hub: TestHub;
  let c: SubmittedCase;
  let paymentId: string;
  let nonce: string;
  let key: string;

  beforeAll(async () => {
    hub = await startTestHub({ autoPay: false });
    const level = await hub.call('PATCH', `/api/v1/admin/bindings/${DEMO_ARS}-${TRADE_REGISTRATION}`, {
      body: { level: 3 },
    });
    expect(level.status).toBe(200);
    c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-payment');
    const requested = await eventually(async () => {
      const r = await getPaymentRequest(hub.pool, c.applicationId);
      return r?.paymentId ? r : undefined;
    });
    expect(requested.amountCents).toBe(2600);
    paymentId = requested.paymentId!;
    nonce = requested.nonce;
    key = paymentCallbackKey(hub.config.integrations.callbackSecret, c.applicationId, nonce);
  });
  afterAll(async () => hub?.stop());

  const callbackPath = (id: string) => `/api/v1/callbacks/payments/${encodeURIComponent(id)}`;
  async function callback(
    body: Record<string, unknown>,
    signWith: string | null = key,
    id = c.applicationId,
  ) {
    const text = JSON.stringify(body);
    return request('POST', `${hub.apiUrl}${callbackPath(id)}`, {
      body: text,
      headers: signWith ? { 'x-payment-signature': signPaymentCallback(signWith, text) } : {},
    });
  }
  const genuine = () => ({
    paymentId,
    reference: c.applicationId,
    amount: 2600,
    currency: 'EUR',
    status: 'paid',
    paidAt: new Date().toISOString(),
    nonce,
  });
  const refusals = async () =>
    (await listProtocol(hub.pool, { applicationId: c.applicationId })).filter(
      (p) => p.target === 'e-payment' && p.outcome === 'refused',
    );

  it('refuses unsigned callbacks, callbacks signed with the secret itself, and those for unknown applications', async () => {
    expect((await callback(genuine(), null)).status).toBe(403);
    const withSecret = await callback(genuine(), hub.config.integrations.callbackSecret);
    expect(withSecret.status).toBe(403);
    expect(withSecret.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const unknown = await callback(
      { ...genuine(), reference: 'A-20260101-0000000000' },
      key,
      'A-20260101-0000000000',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('urn:drehscheibe:problem:not-found');
  });

  it('refuses 1 cent for a 26 € fee even when correctly signed, and protocols it', async () => {
    const before = (await refusals()).length;
    const cent = await callback({ ...genuine(), amount: 1 });
    expect(cent.status).toBe(422);
    expect(cent.body.type).toBe('urn:drehscheibe:problem:payment-mismatch');
    expect(cent.body.detail).toMatch(/amount 1 cents is not 2600/);
    for (const altered of [{ currency: 'USD' }, { paymentId: 'PAY-other' }, { nonce: 'guessed' }])
      expect((await callback({ ...genuine(), ...altered })).status).toBe(422);
    const rows = await refusals();
    expect(rows.length).toBe(before + 4);
    expect(rows.at(-4)!.detail).toMatchObject({ reason: 'callback-mismatch' });
    const s = await hub.call('GET', `/api/v1/applications/${c.applicationId}/status`, {
      token: c.accessToken,
    });
    expect(s.body.phase).toBe('awaiting-payment');
  });

  it('does not take a matching callback on its word: the provider must say the payment is paid', async () => {
    // The applicant has not paid; a forged confirmation with the right figures still fails at the provider.
    const early = await callback(genuine());
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/status is open/);
    expect((await refusals()).at(-1)!.detail).toMatchObject({ reason: 'provider-mismatch' });
  });

  it('refuses an expired payment request', async () => {
    await hub.pool.query(
      "UPDATE payment_requests SET expires_at = now() - interval '1 second' WHERE application_id = $1",
      [c.applicationId],
    );
    const late = await callback(genuine());
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('urn:drehscheibe:problem:callback-expired');
    await hub.pool.query(
      "UPDATE payment_requests SET expires_at = now() + interval '1 day' WHERE application_id = $1",
      [c.applicationId],
    );
  });

  it('accepts the provider’s confirmation once; its replay answers 409', async () => {
    const paid = await request('POST', `${hub.demo!.urls.payment}/payments/${paymentId}/pay`);
    expect(paid.status).toBe(200);
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const confirmed = await getPaymentRequest(hub.pool, c.applicationId);
    expect(confirmed!.confirmedAt).not.toBeNull();

    // The provider sends the same signed confirmation again (e.g. an operator re-triggers it).
    const resend = await request('POST', `${hub.demo!.urls.payment}/payments/${paymentId}/callback`, {
      token: 'demo-epayment-key',
    });
    expect(resend.status).toBe(202);
    const entry = await eventually(() => {
      const p = hub.demo!.servers.payment.payments().find((x) => x.paymentId === paymentId)!;
      return p.callback.lastError ? p : undefined;
    });
    expect(entry.callback.lastError).toBe('callback answered HTTP 409');
    const replay = await callback(genuine());
    expect(replay.status).toBe(409);
    expect(replay.body.type).toBe('urn:drehscheibe:problem:callback-replayed');
    expect(
      (await refusals()).some((r) => (r.detail as { reason?: string }).reason === 'callback-replayed'),
    ).toBe(true);
    const history = await listProtocol(hub.pool, { applicationId: c.applicationId });
    const paidEntry = history.find(
      (p) => p.step === 'receive' && p.outcome === 'ok' && p.target === 'e-payment',
    );
    expect(paidEntry?.detail).toMatchObject({ paid: { paymentId, amountCents: 2600 } });
  });
});
