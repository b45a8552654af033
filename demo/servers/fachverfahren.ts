// A vendor's case-handling system (Fachverfahren) as the hub meets it: an HTTP inbox that takes
// one message format, authenticates the caller and files each delivery once per Idempotency-Key.
import express from 'express';
import { assertSafeXml, UnsafeXmlError } from '../../platform/safeXml';
import { requireBearer } from './bearer';
import { createFaults, type Faults } from './faults';
import { jsonErrors } from './jsonErrors';
import { listen, type RunningServer } from './listen';
import { keptHeaders, ReceiptBook, type Receipt } from './receiptBook';

export interface FachverfahrenOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Product name shown in answers, e.g. "GewerbePro". */
  name: string;
  format: 'xml' | 'json';
  /** Shared secret the hub must send as Bearer token. */
  credential: string;
  /** Keep receipts in this file too, so they survive a restart (chaos run). */
  journalFile?: string;
}

export interface Fachverfahren extends RunningServer {
  name: string;
  format: 'xml' | 'json';
  receipts(): Receipt[];
  faults: Faults;
}

const MEDIA = {
  xml: { pattern: /^(application|text)\/([\w.-]+\+)?xml$/, example: 'application/xml' },
  json: { pattern: /^application\/([\w.-]+\+)?json$/, example: 'application/json' },
};

/** Starts a demo Fachverfahren: `POST /inbox`, `GET /inbox`, `DELETE /inbox`, `/_control/outage`. */
export async function startFachverfahren(options: FachverfahrenOptions): Promise<Fachverfahren> {
  const { name, format } = options;
  const book = new ReceiptBook(name.toLowerCase(), options.journalFile);
  const faults = createFaults();
  const app = express();
  app.disable('x-powered-by');
  app.use(faults.control);

  app.get('/inbox', (_req, res) => void res.json({ system: name, format, receipts: book.list() }));
  app.delete('/inbox', (_req, res) => {
    book.clear();
    res.status(204).end();
  });
  app.post(
    '/inbox',
    faults.guard,
    requireBearer(options.credential),
    express.text({ type: () => true, limit: '10mb' }),
    (req, res) => {
      const idempotencyKey = req.header('idempotency-key') ?? null;
      const earlier = book.find(idempotencyKey);
      if (earlier) return void res.status(200).json(summary(earlier, name));

      const contentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!MEDIA[format].pattern.test(contentType)) {
        return void res.status(415).json({
          error: 'unsupported-media-type',
          detail: `${name} accepts ${MEDIA[format].example}, got "${contentType || 'no content type'}".`,
        });
      }
      const body = typeof req.body === 'string' ? req.body : '';
      const refusal = format === 'xml' ? xmlRefusal(body) : jsonRefusal(body);
      if (refusal) return void res.status(refusal.status).json(refusal.body);

      const receipt = book.add({ idempotencyKey, contentType, headers: keptHeaders(req.headers), body });
      res.status(201).json(summary(receipt, name));
    },
  );
  app.use(jsonErrors);

  const server = await listen(app, options.port ?? 0, name);
  return { ...server, name, format, receipts: () => book.list(), faults };
}

function summary(receipt: Receipt, system: string) {
  return { system, id: receipt.id, at: receipt.at, idempotencyKey: receipt.idempotencyKey };
}

function xmlRefusal(body: string): { status: number; body: object } | undefined {
  try {
    assertSafeXml(body);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnsafeXmlError)) throw error;
    return {
      status: error.code === 'too-large' ? 413 : 422,
      body: { error: 'unsafe-xml', code: error.code, detail: error.message },
    };
  }
}

function jsonRefusal(body: string): { status: number; body: object } | undefined {
  try {
    JSON.parse(body);
    return undefined;
  } catch (error) {
    return {
      status: 400,
      body: { error: 'invalid-json', detail: `The body is not JSON: ${(error as Error).message}` },
    };
  }
}
