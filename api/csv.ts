// CSV for German spreadsheets: semicolon-separated (the comma is the German decimal separator), UTF-8 with
// a byte-order mark (so Excel detects the encoding and shows umlauts), CRLF line ends (RFC 4180).

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: quoted when it holds a separator, quote or line break; text that a spreadsheet would run
 * as a formula is prefixed with an apostrophe (CSV injection). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole document: header row, then one line per row, with the byte-order mark in front. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
