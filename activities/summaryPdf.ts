// A PDF/A-3b of the application data for offices that receive applications by mail (level 1).
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { finishPdfA3b } from './pdfA';
import { embedNotoSans } from './pdfFonts';

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [[prefix, String(value)]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    flatten(v, prefix ? `${prefix}.${k}` : k),
  );
}

/**
 * Renders title and key/value lines, wrapping onto further pages, in embedded Noto Sans (names print as written).
 * `date` is the application's receipt: the document's dates come from it, so the same application gives the same bytes.
 */
export async function renderSummaryPdf(
  title: string,
  fields: Record<string, unknown>,
  date: Date = new Date(0),
): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const seed = createHash('sha256')
    .update(JSON.stringify([title, fields]))
    .digest('hex');
  const { regular: font, bold, printable } = await embedNotoSans(pdf, seed);
  let page = pdf.addPage([595, 842]);
  let y = 790;
  page.drawText(printable(title), { x: 50, y, size: 16, font: bold });
  y -= 30;
  for (const [key, value] of flatten(fields)) {
    const line = [...printable(`${key}: ${value}`)];
    for (let i = 0; i < line.length; i += 95) {
      if (y < 50) {
        page = pdf.addPage([595, 842]);
        y = 790;
      }
      page.drawText(line.slice(i, i + 95).join(''), { x: 50, y, size: 10, font });
      y -= 14;
    }
  }
  await finishPdfA3b(pdf, {
    title,
    author: 'Drehscheibe',
    subject: 'Antragsdaten',
    keywords: ['Antrag'],
    language: 'de-DE',
    date,
  });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
