import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentProvider, type PaymentProvider } from '../../demo/servers/payment';
import { request, eventually } from '../support/http';

const TOKEN = 'pay-secret';

/** The hub's side of the callback: records every call and answers with the next planned status. */
async function startCallbackReceiver() {
  const calls: { headers: http.IncomingHttpHeaders; body: any; text: string }[] = [];
  const plan: number[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: JSON.parse(text), text });
      res.statusCode = plan.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/payments/callback`;
  return { url, calls, plan, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('demo e-payment provider', () => {
  let provider: PaymentProvider;
  let hub: Awaited<ReturnType<typeof startCallbackReceiver>>;
  const create = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    request('POST', `${provider.url}/payments`, {
      token: TOKEN,
      headers,
      body: {
        amount: 2650,
        purpose: 'Gebühr Gewerbeanmeldung',
        reference: 'A-20260302-00000000AA',
        callbackUrl: hub.url,
        ...body,
      },
    });

  beforeAll(async () => {
    provider = await startPaymentProvider({
      credential: TOKEN,
      callbackAttempts: 3,
      callbackRetryDelayMs: 20,
    });
  });
  afterAll(async () => {
    await provider?.stop();
  });
  afterEach(async () => {
    await hub?.stop();
  });

  it('opens a payment, shows the pay page, and confirms by callback when the applicant pays', async () => {
    // given
    hub = await startCallbackReceiver();
    const created = await create({ callbackToken: 'hub-callback-token' });
    expect(created.status).toBe(201);
    const { paymentId, payUrl } = created.body;
    expect(created.body).toMatchObject({ status: 'open', amount: 2650, currency: 'EUR' });
    const page = await fetch(payUrl).then((r) => r.text());
    expect(page).toContain('26,50');
    expect(page).toContain('Jetzt bezahlen');
    // when
    const paid = await request('POST', `${provider.url}/payments/${paymentId}/pay`);
    // then
    expect(paid.status).toBe(200);
    const call = await eventually(() => hub.calls[0], 5000, 'callback');
    expect(call.body).toEqual({
      paymentId,
      reference: 'A-20260302-00000000AA',
      amount: 2650,
      currency: 'EUR',
      status: 'paid',
      paidAt: paid.body.paidAt,
    });
    expect(call.headers.authorization).toBe('Bearer hub-callback-token');
    expect(call.headers['x-payment-signature']).toBeUndefined();
    expect(call.headers['idempotency-key']).toBe(`payment-${paymentId}`);
    const state = await eventually(async () => {
      const s = await request('GET', `${provider.url}/payments/${paymentId}`, { token: TOKEN });
      return s.body.callback.delivered ? s.body : undefined;
    });
    expect(state).toMatchObject({ status: 'paid', callback: { delivered: true, attempts: 1 } });
    expect((await request('POST', `${provider.url}/payments/${paymentId}/pay`)).status).toBe(409);
  });

  it('signs the callback body with the payment’s key and echoes the hub’s nonce and expiry', async () => {
    hub = await startCallbackReceiver();
    const key = 'k'.repeat(64);
    const created = await create({
      reference: 'A-20260302-00000000AB',
      callbackKey: key,
      callbackNonce: 'nonce-1',
      callbackExpiresAt: '2026-12-31T00:00:00.000Z',
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(key);
    await request('POST', `${provider.url}/payments/${created.body.paymentId}/pay`);
    const call = await eventually(() => hub.calls[0], 5000, 'signed callback');
    expect(call.body).toMatchObject({
      nonce: 'nonce-1',
      expiresAt: '2026-12-31T00:00:00.000Z',
      currency: 'EUR',
    });
    expect(call.headers['x-payment-signature']).toBe(
      `sha256=${crypto.createHmac('sha256', key).update(call.text).digest('hex')}`,
    );
    expect((await create({ reference: 'R-2', currency: 'USD' })).status).toBe(422);
  });

  it('retries a failing callback and delivers it once the hub answers', async () => {
    hub = await startCallbackReceiver();
    hub.plan.push(500, 503);
    const { paymentId } = (await create({})).body;
    await request('POST', `${provider.url}/payments/${paymentId}/pay`);
    await eventually(() => (hub.calls.length === 3 ? true : undefined), 5000, 'three callback attempts');
    const state = await eventually(async () => {
      const s = await request('GET', `${provider.url}/payments/${paymentId}`, { token: TOKEN });
      return s.body.callback.delivered ? s.body : undefined;
    });
    expect(state.callback.attempts).toBe(3);
    expect(hub.calls.map((c) => c.body.paymentId)).toEqual([paymentId, paymentId, paymentId]);
  });

  it('keeps a confirmation the hub never took as undelivered, and sends it again on request', async () => {
    hub = await startCallbackReceiver();
    hub.plan.push(500, 500, 500);
    const { paymentId } = (await create({})).body;
    await request('POST', `${provider.url}/payments/${paymentId}/pay`);
    const undelivered = await eventually(async () => {
      const list = await request('GET', `${provider.url}/payments?undelivered=true`, { token: TOKEN });
      const entry = list.body.payments.find((p: any) => p.paymentId === paymentId);
      return entry?.callback.attempts === 3 ? entry : undefined;
    });
    expect(undelivered.callback).toMatchObject({ delivered: false, lastError: 'callback answered HTTP 500' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hub.calls).toHaveLength(3);
    // when the operator asks again
    expect(
      (await request('POST', `${provider.url}/payments/${paymentId}/callback`, { token: TOKEN })).status,
    ).toBe(202);
    const delivered = await eventually(async () => {
      const s = await request('GET', `${provider.url}/payments/${paymentId}`, { token: TOKEN });
      return s.body.callback.delivered ? s.body : undefined;
    });
    expect(delivered.callback.attempts).toBe(4);
  });

  it('confirms by itself with autoPay', async () => {
    hub = await startCallbackReceiver();
    const auto = await startPaymentProvider({ credential: TOKEN, autoPay: true });
    try {
      const started = Date.now();
      const created = await request('POST', `${auto.url}/payments`, {
        token: TOKEN,
        body: { amount: 100, purpose: 'Gebühr', reference: 'R-1', callbackUrl: hub.url },
      });
      const call = await eventually(() => hub.calls[0], 3000, 'auto-pay callback');
      expect(call.body).toMatchObject({ paymentId: created.body.paymentId, status: 'paid' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      await auto.stop();
    }
  });

  it('opens one payment per Idempotency-Key and validates requests', async () => {
    hub = await startCallbackReceiver();
    const first = await create({}, { 'Idempotency-Key': 'A-1:fee' });
    const again = await create({}, { 'Idempotency-Key': 'A-1:fee' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.paymentId).toBe(first.body.paymentId);
    expect((await create({ amount: 12.5 })).status).toBe(422);
    expect((await create({ purpose: '' })).status).toBe(422);
    const offsite = await create({ callbackUrl: 'https://example.org/callback' });
    expect(offsite.status).toBe(422);
    expect(offsite.body.detail).toMatch(/127\.0\.0\.1/);
    expect((await request('POST', `${provider.url}/payments`, { body: { amount: 1 } })).status).toBe(401);
    expect((await request('GET', `${provider.url}/payments/${first.body.paymentId}`)).status).toBe(401);
  });
});
