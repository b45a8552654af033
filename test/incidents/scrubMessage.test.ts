// Incident messages keep the technical part of an error and none of the data it quoted.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { scrubMessage } from '../../activities/incidents';

describe('scrubMessage', () => {
  test('drops quoted values, e-mail addresses and long numbers; keeps codes, ARS and LeiKa keys', () => {
    const message = scrubMessage(
      'invalid notice input: applicant "Ayşe Yılmaz" <ayse.yilmaz@example.org> born „01.02.1980“, IBAN 12345678901234567890; ars 146270210210 service 99050012104000',
    );
    expect(message).not.toMatch(/Ayşe|Yılmaz|ayse|1980|1234567890123/);
    expect(message).toContain('invalid notice input');
    expect(message).toContain('146270210210');
    expect(message).toContain('99050012104000');
  });

  test('never longer than 500 characters and never empty', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        const scrubbed = scrubMessage(text);
        expect(scrubbed.length).toBeGreaterThan(0);
        expect(scrubbed.length).toBeLessThanOrEqual(500);
      }),
      { numRuns: 500 },
    );
  });
});
