// The notice (Bescheid): its content as one structured document; activities/noticePdf.ts renders it as PDF.
// Rendering is deterministic, so a retried activity yields the same bytes and the same SHA-256,
// and the DMS and mailbox never see two versions of one notice.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { IsoDate } from '../workflows/deadlines';
import { germanDate } from '../workflows/germanDate';
import { renderNoticePdf } from './noticePdf';

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
  decision: 'approved' | 'rejected';
  /** The caseworker's reasons; blank lines separate paragraphs. */
  reasons: string;
  issuedOn: IsoDate;
  /** Name of the caseworker; an electronic administrative act must reproduce it (§ 37 (3) VwVfG). */
  signedBy: string;
  remedy?: {
    /** Authority deciding on the objection, if not the issuing one; lodging there also keeps the period (§ 70 (1) sentence 2 VwGO). */
    objectionAuthority?: { name: string; address: PostalAddress };
    /** Last day of the retrieval window (§ 41 (2a) VwVfG), when already known. */
    retrieveBy?: IsoDate;
  };
}

export interface NoticeSection {
  heading: string;
  paragraphs: string[];
}

export interface NoticeDocument {
  type: 'Bescheid';
  schemaVersion: 1;
  /** The portal's application id. */
  fileNumber: string;
  /** The office's file reference (Aktenzeichen), when allocated. */
  fileReference?: string;
  issuedOn: IsoDate;
  place: string;
  authority: NoticeInput['authority'];
  addressee: NoticeInput['applicant'];
  title: 'Bescheid';
  subject: string;
  decision: NoticeInput['decision'];
  preamble: string;
  tenor: NoticeSection;
  reasons: NoticeSection;
  remedies: NoticeSection & {
    remedy: 'Widerspruch';
    periodMonths: 1;
    lodgeWith: { name: string; address: PostalAddress };
    alsoLodgeWith?: { name: string; address: PostalAddress };
    legalBasis: string[];
  };
  notification: NoticeSection & { legalBasis: string; retrievalWindowDays: 10; retrieveBy?: IsoDate };
  signature: { closing: string; onBehalf: string; name: string; note: string };
}

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
  const { authority, applicant, serviceName } = input;
  const issuer = `${authority.municipality}, ${authority.office}`;
  const objectionAuthority = input.remedy?.objectionAuthority;
  const remedyText = [
    'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. ' +
      'Der Widerspruch ist schriftlich, in elektronischer Form nach § 3a Absatz 2 des Verwaltungsverfahrensgesetzes ' +
      `oder zur Niederschrift bei der Behörde zu erheben, die diesen Bescheid erlassen hat: ${issuer}, ${oneLine(authority.address)}.`,
  ];
  if (objectionAuthority) {
    remedyText.push(
      'Die Frist wird auch durch Einlegung des Widerspruchs bei der Behörde gewahrt, die über den Widerspruch entscheidet: ' +
        `${objectionAuthority.name}, ${oneLine(objectionAuthority.address)}.`,
    );
  }
  const retrieveBy = input.remedy?.retrieveBy;
  const notificationText = [
    'Dieser Bescheid wird Ihnen mit Ihrer Einwilligung zum Abruf in Ihrem Postfach des Antragsportals bereitgestellt. ' +
      'Er gilt am Tag nach dem Abruf als bekannt gegeben (§ 41 Absatz 2a des Verwaltungsverfahrensgesetzes); ' +
      'von diesem Tag an berechnet sich die Widerspruchsfrist.',
    'Wird der Bescheid nicht innerhalb von zehn Tagen nach Absendung der Benachrichtigung über die Bereitstellung abgerufen, ' +
      'wird die Bereitstellung beendet. Der Bescheid ist dann nicht bekannt gegeben; er wird Ihnen erneut oder auf anderem Weg bekannt gegeben.',
  ];
  if (retrieveBy)
    notificationText.push(`Bitte rufen Sie den Bescheid spätestens am ${germanDate(retrieveBy)} ab.`);
  const tenor =
    input.decision === 'approved'
      ? `Ihrem Antrag auf ${serviceName} (Aktenzeichen ${input.fileReference ?? input.applicationId}) wird stattgegeben.`
      : `Ihr Antrag auf ${serviceName} (Aktenzeichen ${input.fileReference ?? input.applicationId}) wird abgelehnt.`;

  return {
    type: 'Bescheid',
    schemaVersion: 1,
    fileNumber: input.applicationId,
    ...(input.fileReference ? { fileReference: input.fileReference } : {}),
    issuedOn: input.issuedOn,
    place: authority.address.city,
    authority,
    addressee: applicant,
    title: 'Bescheid',
    subject: `über Ihren Antrag auf ${serviceName}`,
    decision: input.decision,
    preamble: 'Auf Ihren Antrag ergeht folgender Bescheid:',
    tenor: {
      heading: input.decision === 'approved' ? 'Entscheidung: Genehmigung' : 'Entscheidung: Ablehnung',
      paragraphs: [tenor],
    },
    reasons: { heading: 'Begründung', paragraphs: paragraphsOf(input.reasons) },
    remedies: {
      heading: 'Rechtsbehelfsbelehrung',
      paragraphs: remedyText,
      remedy: 'Widerspruch',
      periodMonths: 1,
      lodgeWith: { name: issuer, address: authority.address },
      ...(objectionAuthority ? { alsoLodgeWith: objectionAuthority } : {}),
      legalBasis: ['§ 68 VwGO', '§ 70 VwGO', '§ 3a Abs. 2 VwVfG'],
    },
    notification: {
      heading: 'Hinweis zur Bekanntgabe',
      paragraphs: notificationText,
      legalBasis: '§ 41 Abs. 2a VwVfG',
      retrievalWindowDays: 10,
      ...(retrieveBy ? { retrieveBy } : {}),
    },
    signature: {
      closing: 'Mit freundlichen Grüßen',
      onBehalf: 'Im Auftrag',
      name: input.signedBy,
      note: 'Dieser Bescheid wurde elektronisch erlassen und ist ohne Unterschrift gültig.',
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

function oneLine(address: PostalAddress): string {
  return `${address.street}, ${address.postalCode} ${address.city}`;
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
  if (input.decision !== 'approved' && input.decision !== 'rejected')
    problems.push("decision must be 'approved' or 'rejected'");
  if (typeof input.reasons !== 'string' || paragraphsOf(input.reasons).length === 0)
    problems.push('reasons must contain text');
  for (const [field, date] of [
    ['issuedOn', input.issuedOn],
    ['remedy.retrieveBy', input.remedy?.retrieveBy],
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
