// The notice PDF as PDF/A-3b, checked in code and, where Poppler is installed (CI installs it), by its tools.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNoticeActivities, type NoticeInput } from '../../activities/notice';
import { STRUCTURED_NOTICE_NAME } from '../../activities/noticePdf';
import { renderSummaryPdf } from '../../activities/summaryPdf';
import { LETTERS, NON_LETTERS_N1, NON_LETTERS_N2, NON_LETTERS_N3, SEQUENCES } from './din91379';
import { havePoppler, inspectPdf, pdffonts, pdftotext } from './pdfInspect';

const input: NoticeInput = {
  applicationId: 'A-20250612-0123456789',
  fileReference: 'GA-2025-00042',
  serviceName: 'Gewerbeanmeldung',
  authority: {
    municipality: 'Stadt Łódź & Øre',
    office: 'Gewerbeamt',
    address: { street: 'Marktplatz 1', postalCode: '01234', city: 'Łódź' },
  },
  applicant: {
    name: 'Ayşe Yılmaz',
    address: { street: 'Øre 5', postalCode: '01234', city: 'Łódź' },
  },
  decision: 'approved',
  reasons: 'Die Anzeige ist vollständig.',
  issuedOn: '2025-06-12',
  signedBy: 'Erika Mustermann',
};

const { renderNotice } = createNoticeActivities();
const dir = mkdtempSync(path.join(tmpdir(), 'notice-pdfa-'));
const poppler = havePoppler();

async function render(notice: NoticeInput, file: string) {
  const rendered = await renderNotice(notice);
  const bytes = Buffer.from(rendered.pdfBase64, 'base64');
  const target = path.join(dir, file);
  writeFileSync(target, bytes);
  return { rendered, bytes, file: target, inspection: await inspectPdf(bytes) };
}

/** The words of the extracted text, as the PDF gives them (no normalisation). */
const words = (text: string) => new Set(text.split(/\s+/));

describe('the notice as PDF/A-3b', () => {
  let notice: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    notice = await render(input, 'notice.pdf');
  });

  it('given CI, then Poppler is installed by the test itself', () => {
    // Locally the in-code checks suffice; CI must also get the second opinion.
    if (process.env.CI) expect(poppler).toBe(true);
  });

  it('given a notice, when rendered, then every font is embedded and every drawn character has an outline', async () => {
    const { fonts } = notice.inspection;
    expect(fonts.map((f) => f.name).sort()).toEqual([
      expect.stringMatching(/^[A-Z]{6}\+NotoSans-Bold$/),
      expect.stringMatching(/^[A-Z]{6}\+NotoSans-Regular$/),
    ]);
    for (const font of fonts) {
      expect(font.subtype).toBe('Type0');
      expect(font.fontFile).toBe('FontFile2');
      expect(font.blankGlyphs).toEqual([]);
    }
    if (poppler) {
      const rows = pdffonts(notice.file);
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatchObject({ type: 'CID TrueType', embedded: true });
    }
  });

  it('given a standard-font PDF (the old notice), when inspected, then the check reports the fonts as not embedded', async () => {
    const pdf = await PDFDocument.create();
    const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage().drawText('Ayse Y?lmaz', { font: helvetica, x: 50, y: 700 });
    const bytes = await pdf.save();
    const { fonts, pages } = await inspectPdf(bytes);
    expect(fonts).toEqual([{ name: 'Helvetica', subtype: 'Type1', fontFile: undefined, blankGlyphs: [] }]);
    expect(pages[0]).toBe('Ayse Y?lmaz');
    if (poppler) {
      const file = path.join(dir, 'helvetica.pdf');
      writeFileSync(file, bytes);
      expect(pdffonts(file)).toEqual([{ name: 'Helvetica', type: 'Type 1', embedded: false }]);
    }
  });

  it('given names beyond WinAnsi, when the text is extracted, then they come back unchanged', () => {
    const text = notice.inspection.pages.join('\n');
    for (const name of ['Ayşe Yılmaz', 'Łódź', 'Øre 5', 'Stadt Łódź & Øre'])
      expect(text.split('\n')).toContain(name === 'Łódź' ? '01234 Łódź' : name);
    expect(text).toContain('Aktenzeichen: GA-2025-00042');
    expect(text).toContain('Portal-ID: A-20250612-0123456789');
    if (poppler) {
      const extracted = pdftotext(notice.file);
      for (const name of ['Ayşe Yılmaz', 'Łódź', 'Øre', 'Aktenzeichen: GA-2025-00042'])
        expect(extracted).toContain(name);
    }
  });

  it('given every DIN 91379 Latin letter, sequence and non-letter, when rendered, then each prints and extracts as written', async () => {
    const all = [...LETTERS, ...SEQUENCES, ...NON_LETTERS_N1, ...NON_LETTERS_N2, ...NON_LETTERS_N3];
    expect(all.length).toBeGreaterThan(700);
    const din = await render({ ...input, reasons: all.join(' ') }, 'din91379.pdf');
    for (const font of din.inspection.fonts) expect(font.blankGlyphs).toEqual([]);
    const inCode = words(din.inspection.pages.join(' '));
    expect(all.filter((token) => !inCode.has(token))).toEqual([]);
    expect(din.inspection.pages.join('')).not.toContain('\uFFFD');
    if (poppler) {
      const extracted = words(pdftotext(din.file));
      expect(all.filter((token) => !extracted.has(token))).toEqual([]);
    }
  });

  it('given a 100-character Aktenzeichen, when rendered, then it wraps inside the right column and reads whole', async () => {
    const long = `Ordnungsamt-Radebeul-Sachgebiet-32.1-${'x'.repeat(50)}-2026/000042`;
    expect(long.length).toBeLessThanOrEqual(100);
    const { inspection } = await render({ ...input, fileReference: long }, 'long-reference.pdf');
    const lines = inspection.pages[0]!.split('\n');
    const start = lines.indexOf('Aktenzeichen:');
    const end = lines.findIndex((line) => line.startsWith('Portal-ID:'));
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, end).join('')).toBe(long);
    expect(end - start).toBeGreaterThan(2);
  });

  it('given a notice, then its XMP says PDF/A-3B and matches the Info dictionary', () => {
    const { xmp, info } = notice.inspection;
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(info.Title).toBe('Bescheid GA-2025-00042');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${info.Title}</rdf:li>`);
    // The authority's name carries an ampersand: escaped in XMP, plain in Info.
    expect(info.Author).toBe('Stadt Łódź & Øre, Gewerbeamt');
    expect(xmp).toContain('<rdf:li>Stadt Łódź &amp; Øre, Gewerbeamt</rdf:li>');
    expect(info.CreationDate).toBe('D:20250612120000Z');
    expect(info.ModDate).toBe('D:20250612120000Z');
    expect(xmp).toContain('<xmp:CreateDate>2025-06-12T12:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2025-06-12T12:00:00Z</xmp:ModifyDate>');
    expect(info.Producer).toBe('Drehscheibe (pdf-lib)');
    expect(xmp).toContain('<pdf:Producer>Drehscheibe (pdf-lib)</pdf:Producer>');
  });

  it('given a notice, then it has one sRGB output intent with an embedded ICC profile', () => {
    expect(notice.inspection.outputIntents).toEqual([
      { subtype: 'GTS_PDFA1', condition: 'sRGB IEC61966-2.1', profileComponents: 3, profileHeader: 'acsp' },
    ]);
  });

  it('given a notice, then the structured notice is attached as an associated file and extracts unchanged', () => {
    expect(notice.inspection.attachments).toHaveLength(1);
    const [attachment] = notice.inspection.attachments;
    expect(attachment).toMatchObject({
      name: STRUCTURED_NOTICE_NAME,
      relationship: 'Data',
      mediaType: 'application/json',
      inCatalogAF: true,
    });
    expect(JSON.parse(attachment!.content.toString('utf8'))).toEqual(notice.rendered.structured);
    expect(notice.rendered.structured.fileReference).toBe('GA-2025-00042');
  });

  it('given the same notice twice, then bytes, file id and hash are equal; another notice gets another id', async () => {
    const again = await render(input, 'again.pdf');
    expect(again.rendered.sha256).toBe(notice.rendered.sha256);
    expect(again.bytes.equals(notice.bytes)).toBe(true);
    expect(notice.inspection.trailerId).toMatch(/^<[0-9A-F]{32}> <[0-9A-F]{32}>$/);
    const other = await render({ ...input, fileReference: 'GA-2025-00043' }, 'other.pdf');
    expect(other.inspection.trailerId).not.toBe(notice.inspection.trailerId);
    expect(other.rendered.sha256).not.toBe(notice.rendered.sha256);
  });

  it('given the application summary mailed to level-1 offices, then it embeds its fonts and keeps names as written', async () => {
    const fields = { applicant: { name: 'Ayşe Yılmaz', city: 'Łódź' }, form: { note: 'Øre 😀' } };
    const bytes = await renderSummaryPdf('Gewerbeanmeldung – A-1', fields, new Date('2026-01-05T09:00:00Z'));
    const summary = await inspectPdf(bytes);
    for (const font of summary.fonts) expect(font).toMatchObject({ fontFile: 'FontFile2', blankGlyphs: [] });
    expect(summary.fonts).toHaveLength(2);
    expect(summary.pages[0]!.split('\n')).toEqual([
      'Gewerbeanmeldung – A-1',
      'applicant.name: Ayşe Yılmaz',
      'applicant.city: Łódź',
      'form.note: Øre \uFFFD',
    ]);
    expect(summary.xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(summary.info.CreationDate).toBe('D:20260105090000Z');
    const again = await renderSummaryPdf('Gewerbeanmeldung – A-1', fields, new Date('2026-01-05T09:00:00Z'));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
