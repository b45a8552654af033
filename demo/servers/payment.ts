// The e-payment provider (level 3): the hub opens a payment, the applicant pays on the provider's
// page, and the provider confirms by calling the hub back, retrying while the hub is unreachable.
import crypto from 'node:crypto';
import express from 'express';
import { requireBearer } from './bearer';
import { createFaults, type Faults } from './faults';
import { jsonErrors } from './jsonErrors';
import { listen, type RunningServer } from './listen';

export interface PaymentOptions {
  port?: number;
  credential: string;
  /** Payments confirm themselves `autoPayDelayMs` after creation (for end-to-end tests). */
  autoPay?: boolean;
  autoPayDelayMs?: number;
  /** Callback attempts before the confirmation is left undelivered. */
  callbackAttempts?: number;
  /** First retry delay; each further retry waits twice as long. */
  callbackRetryDelayMs?: number;
}

export interface Payment {
  paymentId: string;
  amount: number;
  currency: 'EUR';
  purpose: string;
  reference: string;
  status: 'open' | 'paid';
  createdAt: string;
  paidAt: string | null;
  payUrl: string;
  callback: {
    url: string;
    delivered: boolean;
    attempts: number;
    deliveredAt: string | null;
    lastError: string | null;
  };
}

/** What the provider POSTs to the callback URL once a payment is paid. */
export interface PaymentConfirmation {
  paymentId: string;
  reference: string;
  amount: number;
  currency: 'EUR';
  status: 'paid';
  paidAt: string;
  /** The hub's one-time nonce and its expiry, echoed as given with the payment request. */
  nonce?: string;
  expiresAt?: string;
}

export interface PaymentProvider extends RunningServer {
  payments(): Payment[];
  faults: Faults;
}

interface Entry {
  payment: Payment;
  callbackToken: string | undefined;
  /** HMAC key the hub gave for this payment; the callback body is signed with it (X-Payment-Signature). */
  callbackKey: string | undefined;
  callbackNonce: string | undefined;
  callbackExpiresAt: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts the demo e-payment provider: `POST /payments`, `GET /payments[/:id]`, `POST /payments/:id/pay`. */
export async function startPaymentProvider(options: PaymentOptions): Promise<PaymentProvider> {
  const entries = new Map<string, Entry>();
  const byIdempotencyKey = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  const stopping = new AbortController();
  const attempts = options.callbackAttempts ?? 4;
  const firstDelay = options.callbackRetryDelayMs ?? 200;
  const faults = createFaults();
  let baseUrl = '';

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  async function deliverCallback(entry: Entry, attempt = 1): Promise<void> {
    const { payment } = entry;
    const confirmation: PaymentConfirmation = {
      paymentId: payment.paymentId,
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      status: 'paid',
      paidAt: payment.paidAt ?? '',
      ...(entry.callbackNonce ? { nonce: entry.callbackNonce } : {}),
      ...(entry.callbackExpiresAt ? { expiresAt: entry.callbackExpiresAt } : {}),
    };
    const body = JSON.stringify(confirmation);
    payment.callback.attempts += 1;
    try {
      const res = await fetch(payment.callback.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `payment-${payment.paymentId}`,
          ...(entry.callbackToken ? { authorization: `Bearer ${entry.callbackToken}` } : {}),
          ...(entry.callbackKey
            ? {
                'x-payment-signature': `sha256=${crypto.createHmac('sha256', entry.callbackKey).update(body).digest('hex')}`,
              }
            : {}),
        },
        body,
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(5000)]),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`callback answered HTTP ${res.status}`);
      payment.callback.delivered = true;
      payment.callback.deliveredAt = new Date().toISOString();
      payment.callback.lastError = null;
    } catch (error) {
      payment.callback.lastError = error instanceof Error ? error.message : String(error);
      if (attempt < attempts && !stopping.signal.aborted) {
        later(firstDelay * 2 ** (attempt - 1), () => void deliverCallback(entry, attempt + 1));
      }
    }
  }

  function pay(entry: Entry): boolean {
    if (entry.payment.status === 'paid') return false;
    entry.payment.status = 'paid';
    entry.payment.paidAt = new Date().toISOString();
    void deliverCallback(entry);
    return true;
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(faults.control);

  // The applicant's side: a payment page and its button. No provider credential here.
  app.get('/pay/:id', (req, res) => {
    const entry = entries.get(req.params.id);
    if (!entry) return void res.status(404).type('text/plain').send('Unbekannte Zahlung.');
    res.type('text/html; charset=utf-8').send(payPage(entry.payment));
  });
  app.post('/payments/:id/pay', express.urlencoded({ extended: false }), (req, res) => {
    const entry = entries.get(req.params.id);
    if (!entry)
      return void res.status(404).json({ error: 'not-found', detail: `No payment ${req.params.id}.` });
    const paid = pay(entry);
    if (req.is('application/x-www-form-urlencoded'))
      return void res.redirect(303, `/pay/${entry.payment.paymentId}`);
    if (!paid)
      return void res.status(409).json({
        error: 'already-paid',
        detail: `Payment ${entry.payment.paymentId} was paid at ${entry.payment.paidAt}.`,
      });
    res.json(entry.payment);
  });

  // The hub's side: the provider API.
  app.use('/payments', faults.guard, requireBearer(options.credential));
  app.post('/payments', express.json(), (req, res) => {
    const idempotencyKey = req.header('idempotency-key');
    const earlier = idempotencyKey ? entries.get(byIdempotencyKey.get(idempotencyKey) ?? '') : undefined;
    if (earlier) return void res.status(200).json(earlier.payment);

    const body = (req.body ?? {}) as Record<string, unknown>;
    const problem = invalidPaymentRequest(body);
    if (problem) return void res.status(422).json({ error: 'validation-failed', detail: problem });
    const paymentId = `PAY-${crypto.randomUUID()}`;
    const optionalText = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const entry: Entry = {
      callbackToken: optionalText(body.callbackToken),
      callbackKey: optionalText(body.callbackKey),
      callbackNonce: optionalText(body.callbackNonce),
      callbackExpiresAt: optionalText(body.callbackExpiresAt),
      payment: {
        paymentId,
        amount: body.amount as number,
        currency: 'EUR',
        purpose: body.purpose as string,
        reference: body.reference as string,
        status: 'open',
        createdAt: new Date().toISOString(),
        paidAt: null,
        payUrl: `${baseUrl}/pay/${paymentId}`,
        callback: {
          url: body.callbackUrl as string,
          delivered: false,
          attempts: 0,
          deliveredAt: null,
          lastError: null,
        },
      },
    };
    entries.set(paymentId, entry);
    if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, paymentId);
    if (options.autoPay) later(options.autoPayDelayMs ?? 200, () => void pay(entry));
    res.status(201).json(entry.payment);
  });
  app.get('/payments', (req, res) => {
    const all = [...entries.values()].map((e) => e.payment);
    res.json({
      payments:
        req.query.undelivered === 'true'
          ? all.filter((p) => p.status === 'paid' && !p.callback.delivered)
          : all,
    });
  });
  app.get('/payments/:id', (req, res) => {
    const entry = entries.get(req.params.id);
    if (!entry)
      return void res.status(404).json({ error: 'not-found', detail: `No payment ${req.params.id}.` });
    res.json(entry.payment);
  });
  // After the hub was down longer than the retries lasted, an operator asks for the confirmation again.
  app.post('/payments/:id/callback', (req, res) => {
    const entry = entries.get(req.params.id);
    if (!entry)
      return void res.status(404).json({ error: 'not-found', detail: `No payment ${req.params.id}.` });
    if (entry.payment.status !== 'paid')
      return void res.status(409).json({ error: 'not-paid', detail: 'Only paid payments are confirmed.' });
    void deliverCallback(entry, attempts);
    res.status(202).json(entry.payment);
  });
  app.use(jsonErrors);

  const server = await listen(app, options.port ?? 0, 'payment provider');
  baseUrl = server.url;
  return {
    ...server,
    faults,
    payments: () => [...entries.values()].map((e) => structuredClone(e.payment)),
    async stop() {
      stopping.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.stop();
    },
  };
}

function invalidPaymentRequest(body: Record<string, unknown>): string | undefined {
  const { amount, currency, purpose, reference, callbackUrl, callbackToken } = body;
  if (!Number.isInteger(amount) || (amount as number) <= 0 || (amount as number) > 10_000_000)
    return 'amount must be a positive integer number of cents (at most 10000000).';
  if (currency !== undefined && currency !== 'EUR')
    return 'currency must be EUR (the only one this service takes).';
  for (const name of ['callbackKey', 'callbackNonce', 'callbackExpiresAt'])
    if (body[name] !== undefined && typeof body[name] !== 'string')
      return `${name} must be a string if given.`;
  if (typeof purpose !== 'string' || !purpose.trim() || purpose.length > 140)
    return 'purpose must be a non-empty text of at most 140 characters.';
  if (typeof reference !== 'string' || !reference.trim() || reference.length > 100)
    return 'reference must be a non-empty text of at most 100 characters.';
  if (callbackToken !== undefined && typeof callbackToken !== 'string')
    return 'callbackToken must be a string if given.';
  if (typeof callbackUrl !== 'string') return 'callbackUrl must be an http URL.';
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    return `callbackUrl is not a URL: "${callbackUrl}".`;
  }
  // The demo never sends traffic off the machine.
  if (!/^https?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname))
    return 'callbackUrl must be an http(s) URL on 127.0.0.1 or localhost.';
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function payPage(payment: Payment): string {
  const euros = (payment.amount / 100).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
  const action =
    payment.status === 'paid'
      ? `<p>Bezahlt am ${escapeHtml(payment.paidAt ?? '')}. Sie können dieses Fenster schließen.</p>`
      : `<form method="post" action="/payments/${encodeURIComponent(payment.paymentId)}/pay"><button>Jetzt bezahlen</button></form>`;
  return `<!doctype html><html lang="de"><meta charset="utf-8"><title>Demo-Bezahldienst</title>
<h1>Demo-Bezahldienst</h1><p>${escapeHtml(payment.purpose)}</p><p>Betrag: ${escapeHtml(euros)}</p>
<p>Verwendungszweck: ${escapeHtml(payment.reference)}</p>${action}</html>`;
}
