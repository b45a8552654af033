// The records system (DMS / E-Akte): takes xdomea 3.0.0 filing messages, refuses what does not
// validate against the schema, and keeps every message of a case in one record, in order.
import express from 'express';
import { assertSafeXml, UnsafeXmlError } from '../../platform/safeXml';
import { validateXml } from '../../rules/xsd';
import { requireBearer } from './bearer';
import { createFaults, type Faults } from './faults';
import { jsonErrors } from './jsonErrors';
import { listen, type RunningServer } from './listen';
import { keptHeaders, ReceiptBook, type Receipt } from './receiptBook';
import { recordIdOf, xdomeaFacts, type XdomeaFacts } from './xdomeaFacts';

export interface DmsOptions {
  port?: number;
  credential: string;
  /** Keep filed messages in this file too, so they survive a restart (chaos run). */
  journalFile?: string;
}

/** One filed message: the receipt plus what the DMS read from it. */
export interface FiledMessage extends Receipt {
  recordId: string;
  facts: XdomeaFacts;
}

export interface DmsRecord {
  /** The record id or Kennzeichen asked for. */
  id: string;
  recordIds: string[];
  betreff: string;
  kennzeichen: string[];
  messages: FiledMessage[];
}

export interface Dms extends RunningServer {
  records(): DmsRecord[];
  faults: Faults;
}

const XML_MEDIA = /^(application|text)\/([\w.-]+\+)?xml$/;

/** Starts the demo DMS: `POST /xdomea`, `GET /records`, `GET /records/:id`, `/_control/outage`. */
export async function startDms(options: DmsOptions): Promise<Dms> {
  const book = new ReceiptBook<FiledMessage>('dms', options.journalFile);
  const faults = createFaults();

  const records = (): DmsRecord[] => {
    const recordIds = [...new Set(book.list().map((m) => m.recordId))];
    return recordIds.map((id) =>
      caseView(
        id,
        book.list().filter((m) => m.recordId === id),
      ),
    );
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(faults.control);

  app.post(
    '/xdomea',
    faults.guard,
    requireBearer(options.credential),
    express.text({ type: () => true, limit: '20mb' }),
    async (req, res) => {
      const idempotencyKey = req.header('idempotency-key') ?? null;
      const earlier = book.find(idempotencyKey);
      if (earlier) return void res.status(200).json(summary(earlier));

      const contentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!XML_MEDIA.test(contentType)) {
        return void res.status(415).json({
          error: 'unsupported-media-type',
          detail: `The DMS accepts xdomea as application/xml, got "${contentType || 'no content type'}".`,
        });
      }
      const xml = typeof req.body === 'string' ? req.body : '';
      try {
        assertSafeXml(xml);
      } catch (error) {
        if (!(error instanceof UnsafeXmlError)) throw error;
        return void res
          .status(error.code === 'too-large' ? 413 : 422)
          .json({ error: 'unsafe-xml', code: error.code, detail: error.message });
      }
      const validation = await validateXml(xml, 'xdomea-geschaeftsgang');
      if (!validation.valid) {
        return void res.status(422).json({
          error: 'schema-invalid',
          detail: 'The message is not a valid xdomea 3.0.0 Geschaeftsgang.Geschaeftsgang.0201.',
          errors: validation.errors,
        });
      }
      const facts = xdomeaFacts(xml);
      // A concurrent delivery with the same key may have been filed while this one was validated.
      const raced = book.find(idempotencyKey);
      if (raced) return void res.status(200).json(summary(raced));
      const filed = book.add({
        idempotencyKey,
        contentType,
        headers: keptHeaders(req.headers),
        body: xml,
        recordId: recordIdOf(facts),
        facts,
      });
      res.status(201).json(summary(filed));
    },
  );

  app.get('/records', (_req, res) => {
    res.json({
      records: records().map((r) => ({
        id: r.id,
        betreff: r.betreff,
        kennzeichen: r.kennzeichen,
        messageCount: r.messages.length,
        lastFiledAt: r.messages.at(-1)?.at,
      })),
    });
  });
  // A case is found by its record id (Vorgang/Akte/process id) or by a file reference (Kennzeichen),
  // so a hub that files each message as its own Vorgang still finds the case by its Aktenzeichen.
  app.get('/records/:id', (req, res) => {
    const wanted = req.params.id;
    const messages = book.list().filter((m) => m.recordId === wanted || m.facts.kennzeichen.includes(wanted));
    if (messages.length === 0)
      return void res
        .status(404)
        .json({ error: 'not-found', detail: `No record with id or Kennzeichen ${wanted}.` });
    res.json(caseView(wanted, messages));
  });
  app.delete('/records', (_req, res) => {
    book.clear();
    res.status(204).end();
  });
  app.use(jsonErrors);

  const server = await listen(app, options.port ?? 0, 'DMS');
  return { ...server, records, faults };
}

function caseView(id: string, messages: FiledMessage[]): DmsRecord {
  return {
    id,
    recordIds: [...new Set(messages.map((m) => m.recordId))],
    betreff: messages[0]?.facts.betreff ?? '',
    kennzeichen: [...new Set(messages.flatMap((m) => m.facts.kennzeichen))],
    messages,
  };
}

function summary(message: FiledMessage) {
  return {
    system: 'DMS',
    id: message.id,
    recordId: message.recordId,
    at: message.at,
    idempotencyKey: message.idempotencyKey,
  };
}
