// Renders the notice (Bescheid) document as an A4 PDF/A-3b; the content itself comes from activities/notice.ts.
import { createHash } from 'node:crypto';
import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { germanDate } from '../workflows/germanDate';
import type { NoticeDocument, PostalAddress } from './notice';
import { noticeSections } from './noticeWording';
import { finishPdfA3b } from './pdfA';
import { embedNotoSans } from './pdfFonts';

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN_LEFT = 70;
const MARGIN_RIGHT = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 70;
const COLUMN_X = 330;
const TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const BODY_SIZE = 10.5;
const LINE_GAP = 1.4;

/** Name of the structured notice inside the PDF (an associated file, AFRelationship Data). */
export const STRUCTURED_NOTICE_NAME = 'Bescheid.json';

/**
 * Renders a notice document as A4 PDF/A-3b bytes: Noto Sans embedded, XMP metadata, sRGB output intent, and the
 * structured notice attached as JSON. The same document always gives the same bytes.
 */
export async function renderNoticePdf(doc: NoticeDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const structured = Buffer.from(JSON.stringify(doc, null, 2), 'utf8');
  const seed = createHash('sha256').update(structured).digest('hex');
  const { regular, bold, printable } = await embedNotoSans(pdf, seed);
  const writer = new PageWriter(pdf, printable);
  const fileReference = doc.fileReference ?? doc.fileNumber;

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
  // The right column is narrow: a long reference (patterns allow 100 characters) or place wraps inside it.
  const column = (text: string) => {
    for (const line of wrap(printable(text), regular, 9, PAGE_WIDTH - MARGIN_RIGHT - COLUMN_X))
      writer.text(line, regular, 9, COLUMN_X);
  };
  column(`Aktenzeichen: ${fileReference}`);
  if (doc.fileReference) column(`Portal-ID: ${doc.fileNumber}`);
  column(`Datum: ${doc.place}, ${germanDate(doc.issuedOn)}`);
  writer.y = Math.min(addressBottom, writer.y);
  writer.space(30);

  writer.text(doc.title, bold, 17);
  writer.text(doc.subject, bold, 11);
  writer.space(10);
  writer.paragraph(doc.preamble, regular);
  for (const section of noticeSections(doc)) {
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
    const footer = printable(`Az. ${fileReference} · Seite ${index + 1} von ${pages.length}`);
    page.drawText(footer, {
      x: MARGIN_LEFT,
      y: MARGIN_BOTTOM / 2,
      size: 8,
      font: regular,
      color: rgb(0.3, 0.3, 0.3),
    });
  });
  await finishPdfA3b(
    pdf,
    {
      title: `${doc.title} ${fileReference}`,
      author: `${doc.authority.municipality}, ${doc.authority.office}`,
      subject: `${doc.title} ${doc.subject}`,
      keywords: [
        fileReference,
        doc.fileNumber,
        doc.title,
        doc.decision,
        ...(doc.remedies ? ['Rechtsbehelfsbelehrung'] : []),
      ],
      language: 'de-DE',
      date: new Date(`${doc.issuedOn}T12:00:00Z`),
    },
    [
      {
        name: STRUCTURED_NOTICE_NAME,
        mediaType: 'application/json',
        description: 'Der Bescheid als strukturierte Daten (JSON)',
        content: structured,
        relationship: 'Data',
      },
    ],
  );
  // No object streams: PDF/A validators and older archive tools read classic cross-reference tables best.
  return pdf.save({ useObjectStreams: false });
}

// Keeps a cursor on the current page and opens new pages as text flows.
class PageWriter {
  page: PDFPage;
  y = PAGE_HEIGHT - MARGIN_TOP;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly printable: (text: string) => string,
  ) {
    this.page = pdf.addPage(PageSizes.A4);
  }

  text(text: string, font: PDFFont, size: number, x = MARGIN_LEFT): void {
    this.ensure(size * LINE_GAP);
    this.y -= size * LINE_GAP;
    this.page.drawText(this.printable(text), { x, y: this.y, size, font });
  }

  paragraph(text: string, font: PDFFont, size = BODY_SIZE): void {
    for (const line of wrap(this.printable(text), font, size, TEXT_WIDTH)) this.text(line, font, size);
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

function oneLine(address: PostalAddress): string {
  return `${address.street}, ${address.postalCode} ${address.city}`;
}
