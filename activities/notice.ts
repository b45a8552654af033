// The notice (Bescheid): its content as one structured document; activities/noticePdf.ts renders it as PDF.
// Rendering is deterministic, so a retried activity yields the same bytes and the same SHA-256,
// and the DMS and mailbox never see two versions of one notice.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { IsoDate } from '../workflows/deadlines';
import type { ProcedureKind } from '../workflows/caseTypes';
import { renderNoticePdf } from './noticePdf';
import { costDecision, noticeWording, notificationParagraphs, remedyParagraphs } from './noticeWording';

export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
}

export interface NoticeInput {
  applicationId: string;
  /** The office's file reference (Aktenzeichen, db/fileReferences.ts); the portal id stands in without one. */
  fileReference?: string;
  serviceName: string;
  authority: { municipality: string; office: string; address: PostalAddress };
  /** The postal address is optional: the notice is delivered electronically, the name identifies the addressee. */
  applicant: { name: string; address?: PostalAddress };
  /** 'acknowledged' answers an Anzeige (Empfangsbescheinigung), and only an Anzeige. */
  decision: 'approved' | 'rejected' | 'acknowledged';
  /** Antrag (default), Anzeige or issuance of a certificate: decides title, tenor and remedies (docs/procedure.md). */
  procedureKind?: ProcedureKind;
  /** The day the application or notification was received; the Empfangsbescheinigung names it. */
  receivedOn?: IsoDate;
  /** The caseworker's reasons; blank lines separate paragraphs (optional for an Empfangsbescheinigung). */
  reasons: string;
  issuedOn: IsoDate;
  /** Name of the caseworker; an electronic administrative act must reproduce it (§ 37 (3) VwVfG). */
  signedBy: string;
  /** The fee the service charges: the notice carries its cost decision (Kostenfestsetzung). */
  fee?: NoticeFee;
  /** § 41 (2a) VwVfG consent as given at submission; the notice states it. Absent: recorded before the hub did. */
  consent?: { electronic: boolean; email: boolean; recorded: boolean; givenOn?: IsoDate };
  remedy?: {
    /** Authority deciding on the objection, if not the issuing one; lodging there also keeps the period (§ 70 (1) sentence 2 VwGO). */
    objectionAuthority?: { name: string; address: PostalAddress };
    /** Last day of the retrieval window (§ 41 (2a) VwVfG), when already known. */
    retrieveBy?: IsoDate;
  };
}

export interface NoticeFee {
  amountCents: number;
  legalBasis: string;
  /** The day the fee falls due (a month after the notice is issued, docs/procedure.md). */
  dueOn: IsoDate;
  /** Paid through the e-payment service before the office started (level 3). */
  paidOn?: IsoDate;
}

export interface NoticeSection {
  heading: string;
  paragraphs: string[];
}

export interface NoticeDocument {
  /** Bescheid for applications and refusals, Empfangsbescheinigung for an Anzeige, Gebührenbescheid for an issuance. */
  type: NoticeTitle;
  schemaVersion: 1;
  procedureKind: ProcedureKind;
  /** The portal's application id. */
  fileNumber: string;
  /** The office's file reference (Aktenzeichen), when allocated. */
  fileReference?: string;
  issuedOn: IsoDate;
  place: string;
  authority: NoticeInput['authority'];
  addressee: NoticeInput['applicant'];
  title: NoticeTitle;
  subject: string;
  decision: NoticeInput['decision'];
  preamble: string;
  tenor: NoticeSection;
  /** Absent on an Empfangsbescheinigung without a note: certifying receipt needs no reasons. */
  reasons?: NoticeSection;
  costs?: NoticeSection & {
    amountCents: number;
    currency: 'EUR';
    legalBasis: string;
    dueOn: IsoDate;
    paidOn?: IsoDate;
  };
  /** Absent on an Empfangsbescheinigung without a fee: there is nothing to object to. */
  remedies?: NoticeSection & {
    remedy: 'Widerspruch';
    periodMonths: 1;
    /** What the objection may be directed against: the whole notice, or only its cost decision. */
    against: 'notice' | 'costs';
    lodgeWith: { name: string; address: PostalAddress };
    alsoLodgeWith?: { name: string; address: PostalAddress };
    legalBasis: string[];
  };
  notification: NoticeSection & {
    legalBasis: string;
    retrievalWindowDays: 10;
    retrieveBy?: IsoDate;
    /** How the notice is notified: by retrieval (§ 41 (2a) VwVfG) or, without consent, by post (§ 41 (2)). */
    channel: 'retrieval' | 'post';
    consent?: NoticeInput['consent'];
  };
  signature: { closing: string; onBehalf: string; name: string; note: string };
}

export type NoticeTitle = 'Bescheid' | 'Empfangsbescheinigung' | 'Gebührenbescheid';

export interface RenderedNotice {
  pdfBase64: string;
  structured: NoticeDocument;
  sha256: string;
}

export function createNoticeActivities() {
  return {
    /** Composes the notice and renders it as a PDF; returns the PDF, its structured form and its SHA-256. */
    async renderNotice(input: NoticeInput): Promise<RenderedNotice> {
      const structured = composeNotice(input);
      const pdf = await renderNoticePdf(structured);
      return {
        pdfBase64: Buffer.from(pdf).toString('base64'),
        structured,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      };
    },
  };
}

/** The notice's content in German, as data; the PDF shows exactly this. */
export function composeNotice(input: NoticeInput): NoticeDocument {
  assertNoticeInput(input);
  const { authority, applicant } = input;
  const kind = input.procedureKind ?? 'application';
  const issuer = `${authority.municipality}, ${authority.office}`;
  const wording = noticeWording(input);
  const costs = input.fee ? costDecision(input.fee) : undefined;
  const reasons = paragraphsOf(input.reasons);
  const objectionAuthority = input.remedy?.objectionAuthority;
  // An Empfangsbescheinigung is no administrative act; only its cost decision can be objected to.
  const against: 'notice' | 'costs' | undefined =
    kind === 'notification' ? (costs ? 'costs' : undefined) : 'notice';
  const remedies = against && {
    heading: 'Rechtsbehelfsbelehrung',
    paragraphs: remedyParagraphs(against, wording.noun, issuer, authority.address, objectionAuthority),
    remedy: 'Widerspruch' as const,
    periodMonths: 1 as const,
    against,
    lodgeWith: { name: issuer, address: authority.address },
    ...(objectionAuthority ? { alsoLodgeWith: objectionAuthority } : {}),
    legalBasis: ['§ 68 VwGO', '§ 70 VwGO', '§ 3a Abs. 2 VwVfG'],
  };
  const retrieveBy = input.remedy?.retrieveBy;
  const byPost = input.consent?.recorded === true && !input.consent.electronic;
  return {
    type: wording.title,
    schemaVersion: 1,
    procedureKind: kind,
    fileNumber: input.applicationId,
    ...(input.fileReference ? { fileReference: input.fileReference } : {}),
    issuedOn: input.issuedOn,
    place: authority.address.city,
    authority,
    addressee: applicant,
    title: wording.title,
    subject: wording.subject,
    decision: input.decision,
    preamble: wording.preamble,
    tenor: { heading: wording.tenorHeading, paragraphs: [wording.tenor] },
    ...(reasons.length > 0 ? { reasons: { heading: 'Begründung', paragraphs: reasons } } : {}),
    ...(costs ? { costs } : {}),
    ...(remedies ? { remedies } : {}),
    notification: {
      heading: 'Hinweis zur Bekanntgabe',
      paragraphs: notificationParagraphs(wording.noun, input.consent, retrieveBy, remedies !== undefined),
      legalBasis: byPost ? '§ 41 Abs. 2 VwVfG' : '§ 41 Abs. 2a VwVfG',
      retrievalWindowDays: 10,
      ...(retrieveBy ? { retrieveBy } : {}),
      channel: byPost ? 'post' : 'retrieval',
      ...(input.consent ? { consent: input.consent } : {}),
    },
    signature: {
      closing: 'Mit freundlichen Grüßen',
      onBehalf: 'Im Auftrag',
      name: input.signedBy,
      note: `${wording.noun.nominative} wurde elektronisch erlassen und ist ohne Unterschrift gültig.`,
    },
  };
}

function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/** Refuses a notice that would be incomplete or wrong (a non-retryable INVALID_NOTICE_INPUT failure). */
export function assertNoticeInput(input: NoticeInput): void {
  const problems: string[] = [];
  const required: [string, unknown][] = [
    ['applicationId', input.applicationId],
    ['serviceName', input.serviceName],
    ['authority.municipality', input.authority?.municipality],
    ['authority.office', input.authority?.office],
    ['authority.address.street', input.authority?.address?.street],
    ['authority.address.postalCode', input.authority?.address?.postalCode],
    ['authority.address.city', input.authority?.address?.city],
    ['applicant.name', input.applicant?.name],
    ['signedBy', input.signedBy],
  ];
  for (const [field, value] of required)
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${field} is required`);
  const kind = input.procedureKind ?? 'application';
  if (!['application', 'notification', 'certificate'].includes(kind))
    problems.push("procedureKind must be 'application', 'notification' or 'certificate'");
  if (kind === 'notification' && input.decision !== 'acknowledged')
    problems.push("decision on a notification (Anzeige) must be 'acknowledged'");
  if (kind !== 'notification' && input.decision !== 'approved' && input.decision !== 'rejected')
    problems.push("decision must be 'approved' or 'rejected'");
  // An Empfangsbescheinigung certifies receipt; it needs no reasons.
  if (
    typeof input.reasons !== 'string' ||
    (kind !== 'notification' && paragraphsOf(input.reasons).length === 0)
  )
    problems.push('reasons must contain text');
  if (input.fee) {
    if (!Number.isInteger(input.fee.amountCents) || input.fee.amountCents <= 0)
      problems.push('fee.amountCents must be a positive integer');
    if (typeof input.fee.legalBasis !== 'string' || input.fee.legalBasis.trim() === '')
      problems.push("fee.legalBasis is required (set the service's feeLegalBasis)");
  }
  for (const [field, date] of [
    ['issuedOn', input.issuedOn],
    ['remedy.retrieveBy', input.remedy?.retrieveBy],
    ['receivedOn', input.receivedOn],
    ['fee.dueOn', input.fee?.dueOn],
    ['fee.paidOn', input.fee?.paidOn],
    ['consent.givenOn', input.consent?.givenOn],
  ] as const) {
    if (date !== undefined && !isCalendarDate(date)) problems.push(`${field} must be a date 'YYYY-MM-DD'`);
  }
  if (input.issuedOn === undefined) problems.push('issuedOn is required');
  // Bad input never heals on retry, so the workflow gets a non-retryable failure with a stable type.
  if (problems.length > 0)
    throw ApplicationFailure.nonRetryable(
      `invalid notice input: ${problems.join('; ')}`,
      'INVALID_NOTICE_INPUT',
    );
}

function isCalendarDate(date: unknown): boolean {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
