// The notice (Bescheid): one structured document, rendered as an A4 PDF with the same content.
// Rendering is deterministic (fixed metadata dates, standard fonts), so a retried activity yields the same bytes
// and the same SHA-256, and the DMS and mailbox never see two versions of one notice.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { PageSizes, PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { IsoDate } from '../workflows/deadlines';

export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
}

export interface NoticeInput {
  applicationId: string;
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
  fileNumber: string;
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
      ? `Ihrem Antrag auf ${serviceName} (Aktenzeichen ${input.applicationId}) wird stattgegeben.`
      : `Ihr Antrag auf ${serviceName} (Aktenzeichen ${input.applicationId}) wird abgelehnt.`;

  return {
    type: 'Bescheid',
    schemaVersion: 1,
    fileNumber: input.applicationId,
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

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN_LEFT = 70;
const MARGIN_RIGHT = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 70;
const TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const BODY_SIZE = 10.5;
const LINE_GAP = 1.4;

/** Renders a notice document as A4 PDF bytes (Helvetica, WinAnsi; unsupported characters are transliterated). */
export async function renderNoticePdf(doc: NoticeDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const writer = new PageWriter(pdf, regular);
  const fixedDate = new Date(`${doc.issuedOn}T12:00:00Z`);
  pdf.setTitle(`Bescheid ${doc.fileNumber}`);
  pdf.setSubject(`Bescheid ${doc.subject}`);
  pdf.setAuthor(`${doc.authority.municipality}, ${doc.authority.office}`);
  pdf.setKeywords([doc.fileNumber, 'Bescheid', doc.decision, 'Rechtsbehelfsbelehrung']);
  pdf.setCreator('Drehscheibe');
  pdf.setProducer('Drehscheibe (pdf-lib)');
  pdf.setLanguage('de-DE');
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);

  writer.text(doc.authority.municipality, bold, 15);
  writer.text(doc.authority.office, regular, 11);
  writer.text(oneLine(doc.authority.address), regular, 9);
  writer.rule();
  writer.space(18);
  const addressTop = writer.y;
  writer.text(`${doc.authority.municipality} · ${oneLine(doc.authority.address)}`, regular, 7);
  writer.space(4);
  for (const line of [
    doc.addressee.name,
    doc.addressee.address?.street ?? '',
    `${doc.addressee.address?.postalCode ?? ''} ${doc.addressee.address?.city ?? ''}`.trim(),
  ].filter((line) => line.trim() !== '')) {
    writer.text(line, regular, 11);
  }
  const addressBottom = writer.y;
  writer.y = addressTop;
  writer.text(`Aktenzeichen: ${doc.fileNumber}`, regular, 9, 360);
  writer.text(`Datum: ${doc.place}, ${germanDate(doc.issuedOn)}`, regular, 9, 360);
  writer.y = Math.min(addressBottom, writer.y);
  writer.space(30);

  writer.text(doc.title, bold, 17);
  writer.text(doc.subject, bold, 11);
  writer.space(10);
  writer.paragraph(doc.preamble, regular);
  for (const section of [doc.tenor, doc.reasons, doc.remedies, doc.notification]) {
    writer.space(8);
    writer.keepWithNext(3);
    writer.text(section.heading, bold, 12);
    writer.space(3);
    for (const paragraph of section.paragraphs) writer.paragraph(paragraph, regular);
  }
  writer.space(14);
  writer.keepWithNext(4);
  for (const line of [doc.signature.closing, doc.signature.onBehalf, doc.signature.name])
    writer.text(line, regular, BODY_SIZE);
  writer.space(6);
  writer.paragraph(doc.signature.note, regular, 8);

  const pages = pdf.getPages();
  pages.forEach((page, index) => {
    const footer = writer.encodable(`Az. ${doc.fileNumber} · Seite ${index + 1} von ${pages.length}`);
    page.drawText(footer, {
      x: MARGIN_LEFT,
      y: MARGIN_BOTTOM / 2,
      size: 8,
      font: regular,
      color: rgb(0.3, 0.3, 0.3),
    });
  });
  return pdf.save();
}

// Keeps a cursor on the current page and opens new pages as text flows.
class PageWriter {
  page: PDFPage;
  y = PAGE_HEIGHT - MARGIN_TOP;
  private readonly charset: Set<number>;

  constructor(
    private readonly pdf: PDFDocument,
    font: PDFFont,
  ) {
    this.page = pdf.addPage(PageSizes.A4);
    this.charset = new Set(font.getCharacterSet());
  }

  text(text: string, font: PDFFont, size: number, x = MARGIN_LEFT): void {
    this.ensure(size * LINE_GAP);
    this.y -= size * LINE_GAP;
    this.page.drawText(this.encodable(text), { x, y: this.y, size, font });
  }

  paragraph(text: string, font: PDFFont, size = BODY_SIZE): void {
    for (const line of wrap(this.encodable(text), font, size, TEXT_WIDTH)) this.text(line, font, size);
    this.space(size * 0.6);
  }

  space(points: number): void {
    this.y -= points;
  }

  keepWithNext(lines: number): void {
    this.ensure(lines * BODY_SIZE * LINE_GAP);
  }

  rule(): void {
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN_LEFT, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN_RIGHT, y: this.y },
      thickness: 0.6,
    });
  }

  // Standard fonts speak WinAnsi only: keep what it has, strip accents it lacks (ł stays '?', ź becomes z).
  encodable(text: string): string {
    let out = '';
    for (const char of text.normalize('NFC').replace(/\s/g, ' ')) {
      if (this.charset.has(char.codePointAt(0)!)) {
        out += char;
        continue;
      }
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every((c) => this.charset.has(c.codePointAt(0)!)) ? base : '?';
    }
    return out;
  }

  private ensure(height: number): void {
    if (this.y - height >= MARGIN_BOTTOM) return;
    this.page = this.pdf.addPage(PageSizes.A4);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    // A single word wider than the line (a long URL, say) is broken by characters, measured once each:
    // cutting by re-measuring ever shorter prefixes took minutes for a 20 000-character word.
    if (font.widthOfTextAtSize(line, size) > width) {
      let part = '';
      let partWidth = 0;
      for (const char of line) {
        const charWidth = font.widthOfTextAtSize(char, size);
        if (part !== '' && partWidth + charWidth > width) {
          lines.push(part);
          part = '';
          partWidth = 0;
        }
        part += char;
        partWidth += charWidth;
      }
      line = part;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
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

function germanDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
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
