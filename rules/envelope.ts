// The canonical XML every integration rule transforms: one shape for every service, so a rule author
// learns it once and a rule never depends on how the application reached the hub.
import { createHash } from 'node:crypto';
import { isXmlChar } from '../platform/safeXml';

export const ENVELOPE_NS = 'urn:drehscheibe:application:1';

// 'closing' closes the case in the records system after the record (xdomea 0624).
export const MESSAGE_TYPES = ['application', 'supplement', 'notice', 'record', 'closing'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface FileMeta {
  filename: string;
  mediaType: string;
  sha256: string;
  size: number;
  /** Human-readable title, e.g. "Bescheid" (documents of a record). */
  title?: string;
  /** The file's id in records systems: unique per case (see activities/delivery/filing.ts). */
  documentId?: string;
}

export interface EnvelopeInput {
  applicationId: string;
  messageType?: MessageType;
  /**
   * Stable id of this message (the delivery id); defaults to one derived from application id and
   * message type, so a retry produces the same message. The envelope also carries it as a UUID.
   */
  messageId?: string;
  /** When this message was produced; defaults to submittedAt. */
  createdAt?: string;
  service: { leikaId: string; name?: string };
  municipality: { ars: string; name: string };
  office: { id: string; name: string; email?: string };
  implementationLevel: number;
  submittedAt: string;
  applicant: { name: string; email: string; postalAddress?: string; givenName?: string; familyName?: string };
  /** The office's filing settings for records systems (migration 0010) and the case's file reference. */
  filing?: {
    fileReference: string;
    filePlanEntry?: string;
    retentionYears?: number;
    disposal: string;
    confidentiality: string;
  };
  formData: Record<string, unknown>;
  attachments?: FileMeta[];
  /** For messageType 'notice': the decision sent to the applicant. */
  notice?: { subject?: string; text: string; decision?: string; decidedAt?: string };
  /** For messageType 'record' (and notices with files): the documents to file. */
  documents?: FileMeta[];
  /** Anything else a rule may need, turned into elements like formData. */
  payload?: Record<string, unknown>;
}

/** Thrown when the input cannot be represented (too deeply nested form data). */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

const MAX_DEPTH = 48;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds the canonical application envelope XML (namespace urn:drehscheibe:application:1). */
export function applicationEnvelope(input: EnvelopeInput): string {
  const messageType = input.messageType ?? 'application';
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>\n<application xmlns="${ENVELOPE_NS}" messageType="${messageType}" version="1">`,
  );
  const messageId = input.messageId ?? derivedUuid(`${input.applicationId}:${messageType}`);
  leaf(out, 'id', input.applicationId);
  // Standards such as xdomea need UUIDs: one stable per application (the case file), one per message.
  leaf(out, 'caseUuid', derivedUuid(`case:${input.applicationId}`));
  leaf(out, 'messageId', messageId);
  leaf(
    out,
    'messageUuid',
    UUID.test(messageId) ? messageId.toLowerCase() : derivedUuid(`message:${messageId}`),
  );
  leaf(out, 'createdAt', isoTimestamp(input.createdAt ?? input.submittedAt));
  out.push('<service>');
  leaf(out, 'leikaId', input.service.leikaId);
  leaf(out, 'name', input.service.name);
  out.push('</service><municipality>');
  leaf(out, 'ars', input.municipality.ars);
  leaf(out, 'name', input.municipality.name);
  out.push('</municipality><office>');
  leaf(out, 'id', input.office.id);
  leaf(out, 'name', input.office.name);
  leaf(out, 'email', input.office.email);
  out.push('</office>');
  leaf(out, 'implementationLevel', String(input.implementationLevel));
  leaf(out, 'submittedAt', isoTimestamp(input.submittedAt));
  out.push('<applicant>');
  leaf(out, 'name', input.applicant.name);
  leaf(out, 'email', input.applicant.email);
  leaf(out, 'postalAddress', input.applicant.postalAddress);
  leaf(out, 'givenName', input.applicant.givenName);
  leaf(out, 'familyName', input.applicant.familyName);
  out.push('</applicant>');
  if (input.filing) {
    out.push('<filing>');
    leaf(out, 'fileReference', input.filing.fileReference);
    leaf(out, 'filePlanEntry', input.filing.filePlanEntry);
    leaf(out, 'retentionYears', input.filing.retentionYears?.toString());
    leaf(out, 'disposal', input.filing.disposal);
    leaf(out, 'confidentiality', input.filing.confidentiality);
    out.push('</filing>');
  }
  value(out, 'formData', input.formData, 0);
  files(out, 'attachments', 'attachment', input.attachments ?? []);
  if (input.notice) {
    out.push('<notice>');
    leaf(out, 'subject', input.notice.subject);
    leaf(out, 'text', input.notice.text);
    leaf(out, 'decision', input.notice.decision);
    leaf(
      out,
      'decidedAt',
      input.notice.decidedAt === undefined ? undefined : isoTimestamp(input.notice.decidedAt),
    );
    out.push('</notice>');
  }
  if (input.documents) files(out, 'documents', 'document', input.documents);
  if (input.payload) value(out, 'payload', input.payload, 0);
  out.push('</application>\n');
  return out.join('');
}

/** Turns a JSON key into an NCName: invalid characters become "_", a leading non-letter gets "_" in front. */
export function toNcName(key: string): string {
  const cleaned = key.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Escapes text for element content and attribute values, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0x26) out += '&amp;';
    else if (code === 0x3c) out += '&lt;';
    else if (code === 0x3e) out += '&gt;';
    else if (code === 0x22) out += '&quot;';
    else if (isXmlChar(code)) out += char;
  }
  return out;
}

// Rules parse timestamps as xs:dateTime; PostgreSQL's text form ("2026-07-01 09:30:00+02") is not one.
function isoTimestamp(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function leaf(out: string[], name: string, text: string | undefined): void {
  if (text === undefined) return;
  out.push(`<${name}>${escapeXml(text)}</${name}>`);
}

function files(out: string[], listName: string, itemName: string, list: FileMeta[]): void {
  out.push(`<${listName}>`);
  for (const file of list) {
    out.push(`<${itemName}>`);
    leaf(out, 'filename', file.filename);
    leaf(out, 'mediaType', file.mediaType);
    leaf(out, 'sha256', file.sha256);
    leaf(out, 'size', String(file.size));
    leaf(out, 'title', file.title);
    leaf(out, 'documentId', file.documentId);
    out.push(`</${itemName}>`);
  }
  out.push(`</${listName}>`);
}

function value(out: string[], name: string, data: unknown, depth: number, originalKey?: string): void {
  if (depth > MAX_DEPTH)
    throw new EnvelopeError(`Form data is nested deeper than ${MAX_DEPTH} levels; flatten it.`);
  const keyAttribute =
    originalKey !== undefined && originalKey !== name ? ` key="${escapeXml(originalKey)}"` : '';
  if (data === null || data === undefined) {
    out.push(`<${name}${keyAttribute}/>`);
  } else if (Array.isArray(data)) {
    out.push(`<${name}${keyAttribute}>`);
    for (const item of data) value(out, 'item', item, depth + 1);
    out.push(`</${name}>`);
  } else if (typeof data === 'object') {
    out.push(`<${name}${keyAttribute}>`);
    for (const [key, child] of Object.entries(data)) value(out, toNcName(key), child, depth + 1, key);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}${keyAttribute}>${escapeXml(String(data))}</${name}>`);
  }
}

/** A UUID-shaped id derived from seed (SHA-256), the same for the same seed. */
export function derivedUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  // Shaped like a version-5 UUID so schemas with a UUID pattern accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
