// The records system (DMS / E-Akte): takes xdomea 3.0.0 filing containers (a ZIP with the FVDaten message and
// its primary documents), refuses what is unsafe, invalid or incomplete with a clear error, and keeps every
// message and file of a case in one record, in order.
import crypto from 'node:crypto';
import express from 'express';
import { assertSafeXml, UnsafeXmlError } from '../../platform/safeXml';
import {
  ContainerError,
  DEFAULT_CONTAINER_LIMITS,
  containerBaseName,
  unpackContainer,
  xdomeaReferences,
  type ContainerLimits,
} from '../../rules/xdomeaContainer';
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
  limits?: ContainerLimits;
}

/** One primary document filed with a message. */
export interface FiledFile {
  documentId: string;
  dateiname: string;
  sha256: string;
  size: number;
}

/** One filed message: the receipt (body = the message XML) plus what the DMS read from it and its files. */
export interface FiledMessage extends Receipt {
  recordId: string;
  /** The container's file name. */
  container: string;
  facts: XdomeaFacts;
  files: (FiledFile & { contentBase64: string })[];
}

export interface DmsRecord {
  /** The record id, Kennzeichen or sender id asked for. */
  id: string;
  recordIds: string[];
  betreff: string;
  kennzeichen: string[];
  /** When a closing message (0624) put the case "zu den Akten". */
  closedAt?: string;
  documents: (FiledFile & { messageType: string; typ: string })[];
  messages: (Omit<FiledMessage, 'files'> & { files: FiledFile[] })[];
}

export interface Dms extends RunningServer {
  records(): DmsRecord[];
  /** The bytes of a filed primary document. */
  file(recordId: string, dateiname: string): Buffer | undefined;
  faults: Faults;
}

const ZIP_MEDIA = new Set(['application/zip', 'application/x-zip-compressed']);
// "<ProzessID>_<message name>.xml", e.g. 3f2c…_FVDaten.SGOAblegen.0605.xml
const MESSAGE_ENTRY = /^[0-9a-fA-F-]{36}_[A-Za-z]+\.[A-Za-z]+\.[0-9]{4}\.xml$/;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.detail));
  }
}

const refuse = (code: string, detail: string, status = 422) =>
  new Refusal(status, { error: 'container-invalid', code, detail });

/** Starts the demo DMS: `POST /xdomea`, `GET /records`, `GET /records/:id`, `GET /records/:id/files/:name`. */
export async function startDms(options: DmsOptions): Promise<Dms> {
  const limits = options.limits ?? DEFAULT_CONTAINER_LIMITS;
  const book = new ReceiptBook<FiledMessage>('dms', options.journalFile);
  const faults = createFaults();

  const find = (wanted: string): FiledMessage[] => {
    const all = book.list();
    const ids = new Set(
      all
        .filter(
          (m) =>
            m.recordId === wanted ||
            m.facts.kennzeichen.includes(wanted) ||
            (m.facts.senderIds ?? []).includes(wanted),
        )
        .map((m) => m.recordId),
    );
    return all.filter((m) => ids.has(m.recordId));
  };
  const records = (): DmsRecord[] =>
    [...new Set(book.list().map((m) => m.recordId))].map((id) => caseView(id, find(id)));

  const app = express();
  app.disable('x-powered-by');
  app.use(faults.control);

  app.post(
    '/xdomea',
    faults.guard,
    requireBearer(options.credential),
    express.raw({ type: () => true, limit: limits.maxContainerBytes }),
    async (req, res) => {
      const idempotencyKey = req.header('idempotency-key') ?? null;
      const earlier = book.find(idempotencyKey);
      if (earlier) return void res.status(200).json(summary(earlier));
      try {
        const filed = await readContainer(req, limits, book);
        // A concurrent delivery with the same key may have been filed while this one was checked.
        const raced = book.find(idempotencyKey);
        if (raced) return void res.status(200).json(summary(raced));
        const stored = book.add({
          idempotencyKey,
          contentType: 'application/zip',
          headers: keptHeaders(req.headers),
          ...filed,
        });
        res.status(201).json(summary(stored));
      } catch (error) {
        if (error instanceof Refusal) return void res.status(error.status).json(error.body);
        throw error;
      }
    },
  );

  app.get('/records', (_req, res) => {
    res.json({
      records: records().map((r) => ({
        id: r.id,
        betreff: r.betreff,
        kennzeichen: r.kennzeichen,
        messageCount: r.messages.length,
        documentCount: r.documents.length,
        closedAt: r.closedAt,
        lastFiledAt: r.messages.at(-1)?.at,
      })),
    });
  });
  // A case is found by its record id (Vorgang), a file reference (Kennzeichen) or the sender's id of the case.
  app.get('/records/:id', (req, res) => {
    const messages = find(req.params.id);
    if (messages.length === 0)
      return void res.status(404).json({
        error: 'not-found',
        detail: `No record with id, Kennzeichen or sender id ${req.params.id}.`,
      });
    res.json(caseView(req.params.id, messages));
  });
  app.get('/records/:id/files/:name', (req, res) => {
    const content = fileOf(find(req.params.id), req.params.name);
    if (!content)
      return void res
        .status(404)
        .json({ error: 'not-found', detail: `No file ${req.params.name} in record ${req.params.id}.` });
    res.type('application/octet-stream').send(content);
  });
  app.delete('/records', (_req, res) => {
    book.clear();
    res.status(204).end();
  });
  app.use(jsonErrors);

  const server = await listen(app, options.port ?? 0, 'DMS');
  return {
    ...server,
    records,
    file: (recordId, dateiname) => fileOf(find(recordId), dateiname),
    faults,
  };
}

type Filed = Pick<FiledMessage, 'body' | 'recordId' | 'container' | 'facts' | 'files'>;

/** Checks a container completely before anything is filed; every refusal says what to fix. */
async function readContainer(
  req: express.Request,
  limits: ContainerLimits,
  book: ReceiptBook<FiledMessage>,
): Promise<Filed> {
  const contentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ZIP_MEDIA.has(contentType))
    throw new Refusal(415, {
      error: 'unsupported-media-type',
      detail: `The DMS accepts xdomea as a ZIP container (application/zip) holding the message and its primary documents, got "${contentType || 'no content type'}".`,
    });
  const zip = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let entries: Map<string, Uint8Array>;
  try {
    entries = unpackContainer(zip, limits);
  } catch (error) {
    if (!(error instanceof ContainerError)) throw error;
    throw refuse(error.code, error.message, error.code === 'too-large' ? 413 : 422);
  }
  const messageNames = [...entries.keys()].filter((name) => MESSAGE_ENTRY.test(name));
  if (messageNames.length !== 1)
    throw refuse(
      'missing-message',
      `The container must hold exactly one message "<ProzessID>_<message name>.xml"; found ${messageNames.length}.`,
    );
  const messageName = messageNames[0]!;
  const xml = Buffer.from(entries.get(messageName)!).toString('utf8');
  try {
    assertSafeXml(xml);
  } catch (error) {
    if (!(error instanceof UnsafeXmlError)) throw error;
    throw new Refusal(error.code === 'too-large' ? 413 : 422, {
      error: 'unsafe-xml',
      code: error.code,
      detail: error.message,
    });
  }
  const validation = await validateXml(xml, 'xdomea-fvdaten');
  if (!validation.valid)
    throw new Refusal(422, {
      error: 'schema-invalid',
      detail: `${messageName} is not a valid xdomea 3.0.0 FVDaten.SGOAblegen.0605 or FVDaten.SGOZDAVerfuegen.0624.`,
      errors: validation.errors,
    });
  const refs = xdomeaReferences(xml);
  const base = containerBaseName(refs);
  if (messageName !== `${base}.xml`)
    throw refuse('misnamed-message', `The message of process ${refs.prozessId} must be named ${base}.xml.`);
  const disposition = /filename="([^"]*)"/.exec(req.header('content-disposition') ?? '')?.[1];
  if (disposition !== undefined && disposition !== `${base}.zip`)
    throw refuse(
      'misnamed-container',
      `The container of process ${refs.prozessId} must be named ${base}.zip.`,
    );
  const files: Filed['files'] = [];
  for (const ref of refs.files) {
    const content = entries.get(ref.dateiname);
    if (!content)
      throw refuse(
        'missing-file',
        // Ids, not file names: the answer ends up in the sender's protocol.
        `The primary document of Dokument ${ref.documentId} is not in the container; add it under its Dateiname.`,
      );
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    if (!ref.sha256 || sha256 !== ref.sha256)
      throw refuse(
        'hash-mismatch',
        `The primary document of Dokument ${ref.documentId} has SHA-256 ${sha256}; the message states ${ref.sha256 || 'none'}.`,
      );
    files.push({
      documentId: ref.documentId,
      dateiname: ref.dateiname,
      sha256,
      size: content.length,
      contentBase64: Buffer.from(content).toString('base64'),
    });
  }
  const referenced = new Set([messageName, ...refs.files.map((f) => f.dateiname)]);
  const extra = [...entries.keys()].filter((name) => !referenced.has(name));
  if (extra.length > 0)
    throw refuse('unexpected-entry', `The message references no entry ${extra.slice(0, 5).join(', ')}.`);
  const facts = xdomeaFacts(xml);
  // xdomea's error 0624001: the object to close must be known here.
  const known = new Set(book.list().map((m) => m.recordId));
  const unknown = facts.zdaIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new Refusal(422, {
      error: 'unknown-object',
      code: '0624001',
      detail: `No filed Vorgang ${unknown.join(', ')} to put "zu den Akten"; file it first (0605).`,
    });
  return { body: xml, recordId: recordIdOf(facts), container: `${base}.zip`, facts, files };
}

function fileOf(messages: FiledMessage[], dateiname: string): Buffer | undefined {
  const file = messages.flatMap((m) => m.files).find((f) => f.dateiname === dateiname);
  return file ? Buffer.from(file.contentBase64, 'base64') : undefined;
}

function caseView(id: string, messages: FiledMessage[]): DmsRecord {
  const closing = messages.find((m) => m.facts.zdaIds.length > 0);
  return {
    id,
    recordIds: [...new Set(messages.map((m) => m.recordId))],
    betreff: messages.find((m) => m.facts.vorgangIds.length > 0)?.facts.betreff ?? '',
    kennzeichen: [...new Set(messages.flatMap((m) => m.facts.kennzeichen))],
    ...(closing ? { closedAt: closing.at } : {}),
    documents: messages.flatMap((m) =>
      m.files.map(({ contentBase64: _, ...file }) => ({
        ...file,
        messageType: m.facts.messageType,
        typ: m.facts.documents.find((d) => d.id === file.documentId)?.typ ?? '',
      })),
    ),
    messages: messages.map((m) => ({
      ...m,
      files: m.files.map(({ contentBase64: _, ...file }) => file),
    })),
  };
}

function summary(message: FiledMessage) {
  return {
    system: 'DMS',
    id: message.id,
    recordId: message.recordId,
    container: message.container,
    documents: message.files.map((f) => f.documentId),
    at: message.at,
    idempotencyKey: message.idempotencyKey,
  };
}
