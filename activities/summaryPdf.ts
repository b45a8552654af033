// A plain PDF of the application data for offices that receive applications by mail (level 1).
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** WinAnsi (the standard fonts' encoding) covers German; anything else is replaced. */
const winAnsi = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff\u20ac]/g, '?');

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [[prefix, String(value)]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    flatten(v, prefix ? `${prefix}.${k}` : k),
  );
}

/** Renders title and key/value lines, wrapping onto further pages. */
export async function renderSummaryPdf(title: string, fields: Record<string, unknown>): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  pdf.setTitle(winAnsi(title));
  let page = pdf.addPage([595, 842]);
  let y = 790;
  page.drawText(winAnsi(title), { x: 50, y, size: 16, font: bold });
  y -= 30;
  for (const [key, value] of flatten(fields)) {
    const line = winAnsi(`${key}: ${value}`);
    for (let i = 0; i < line.length; i += 95) {
      if (y < 50) {
        page = pdf.addPage([595, 842]);
        y = 790;
      }
      page.drawText(line.slice(i, i + 95), { x: 50, y, size: 10, font });
      y -= 14;
    }
  }
  return Buffer.from(await pdf.save());
}
