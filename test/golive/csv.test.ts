// Given values from the database, when they become CSV for German spreadsheets, then separators, quotes and
// line breaks stay inside their field and nothing turns into a spreadsheet formula.
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../api/csv';

describe('CSV for German spreadsheets', () => {
  it('quotes fields that hold a separator, quote or line break', () => {
    expect(csvField('Dresden, Stadt')).toBe('Dresden, Stadt');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('Sagt "ja"')).toBe('"Sagt ""ja"""');
    expect(csvField('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
    // Numbers stay numbers.
    expect(csvField(-2)).toBe('-2');
  });

  it('starts with a byte-order mark and ends lines with CRLF', () => {
    expect(toCsv(['A', 'B'], [['x', 1]])).toBe('\uFEFFA;B\r\nx;1\r\n');
  });
});
