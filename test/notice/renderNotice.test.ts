import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PageSizes } from 'pdf-lib';
import { createNoticeActivities, type NoticeInput } from '../../activities/notice';
import { inspectPdf } from './pdfInspect';

const input: NoticeInput = {
  applicationId: 'A-20250612-0123456789',
  serviceName: 'Gewerbeanmeldung',
  authority: {
    municipality: 'Gemeinde Musterstadt',
    office: 'Gewerbeamt',
    address: { street: 'Marktplatz 1', postalCode: '01234', city: 'Musterstadt' },
  },
  applicant: {
    name: 'Jürgen Weiß',
    address: { street: 'Große Straße 5', postalCode: '01234', city: 'Musterstadt' },
  },
  decision: 'approved',
  reasons: 'Die Anzeige ist vollständig.\n\nGründe für eine Untersagung nach § 35 GewO liegen nicht vor.',
  issuedOn: '2025-06-12',
  signedBy: 'Erika Mustermann',
};

const { renderNotice } = createNoticeActivities();

async function renderAndLoad(notice: NoticeInput) {
  const rendered = await renderNotice(notice);
  const bytes = Buffer.from(rendered.pdfBase64, 'base64');
  const { pdf, pages } = await inspectPdf(bytes);
  return { rendered, bytes, pdf, text: pages.join(' ').replace(/\n/g, ' ') };
}

describe('renderNotice', () => {
  it('given an approval, when rendered, then the PDF loads as A4 and shows every required part', async () => {
    const { rendered, bytes, pdf, text } = await renderAndLoad(input);

    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: PageSizes.A4[0], height: PageSizes.A4[1] });
    expect(pdf.getTitle()).toBe('Bescheid A-20250612-0123456789');
    expect(rendered.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    expect(text).toContain('Gemeinde Musterstadt');
    expect(text).toContain('Aktenzeichen: A-20250612-0123456789');
    expect(text).toContain('Datum: Musterstadt, 12.06.2025');
    expect(text).toContain('Jürgen Weiß Große Straße 5 01234 Musterstadt');
    expect(text).toContain('Bescheid');
    expect(text).toContain('Entscheidung: Genehmigung');
    expect(text).toContain(
      'Ihrem Antrag auf Gewerbeanmeldung (Aktenzeichen A-20250612-0123456789) wird stattgegeben.',
    );
    expect(text).toContain('Begründung');
    expect(text).toContain('Gründe für eine Untersagung nach § 35 GewO liegen nicht vor.');
    expect(text).toContain('Rechtsbehelfsbelehrung');
    expect(text).toContain(
      'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist ' +
        'schriftlich, in elektronischer Form nach § 3a Absatz 2 des Verwaltungsverfahrensgesetzes oder zur Niederschrift bei ' +
        'der Behörde zu erheben, die diesen Bescheid erlassen hat: Gemeinde Musterstadt, Gewerbeamt, Marktplatz 1, 01234 Musterstadt.',
    );
    expect(text).toContain(
      'Er gilt am Tag nach dem Abruf als bekannt gegeben (§ 41 Absatz 2a des Verwaltungsverfahrensgesetzes)',
    );
    expect(text).toContain('Im Auftrag Erika Mustermann');
    expect(text).toContain(`Seite 1 von ${pdf.getPageCount()}`);
  });

  it('given an approval, when rendered, then the structured document carries the same content as data', async () => {
    const { structured } = await renderNotice(input);

    expect(structured).toMatchObject({
      type: 'Bescheid',
      fileNumber: input.applicationId,
      issuedOn: '2025-06-12',
      decision: 'approved',
      addressee: input.applicant,
      authority: input.authority,
      signature: { name: 'Erika Mustermann' },
    });
    expect(structured.reasons!.paragraphs).toEqual([
      'Die Anzeige ist vollständig.',
      'Gründe für eine Untersagung nach § 35 GewO liegen nicht vor.',
    ]);
    expect(structured.remedies).toMatchObject({
      heading: 'Rechtsbehelfsbelehrung',
      remedy: 'Widerspruch',
      periodMonths: 1,
      lodgeWith: { name: 'Gemeinde Musterstadt, Gewerbeamt', address: input.authority.address },
    });
    expect(structured.remedies!.paragraphs[0]).toMatch(
      /^Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch/,
    );
    expect(structured.notification).toMatchObject({
      legalBasis: '§ 41 Abs. 2a VwVfG',
      retrievalWindowDays: 10,
    });
    expect(structured.notification).not.toHaveProperty('retrieveBy');
  });

  it('given a rejection with long reasons and a separate objection authority, when rendered, then it flows over pages', async () => {
    const longReasons = Array.from(
      { length: 40 },
      (_, i) => `Absatz ${i + 1}: ${'Die Prüfung der Zuverlässigkeit ergab Bedenken. '.repeat(6)}`,
    ).join('\n\n');
    const rejection: NoticeInput = {
      ...input,
      decision: 'rejected',
      reasons: longReasons,
      remedy: {
        objectionAuthority: {
          name: 'Landratsamt Musterkreis',
          address: { street: 'Kreisstraße 2', postalCode: '01239', city: 'Kreisstadt' },
        },
        retrieveBy: '2025-06-24',
      },
    };

    const { rendered, pdf, text } = await renderAndLoad(rejection);

    expect(pdf.getPageCount()).toBeGreaterThan(2);
    for (const page of pdf.getPages()) expect(page.getSize().height).toBe(PageSizes.A4[1]);
    expect(text).toContain('Entscheidung: Ablehnung');
    expect(text).toContain('wird abgelehnt.');
    expect(text).toContain('Absatz 40:');
    expect(text).toContain(
      'Die Frist wird auch durch Einlegung des Widerspruchs bei der Behörde gewahrt, die über den Widerspruch entscheidet: ' +
        'Landratsamt Musterkreis, Kreisstraße 2, 01239 Kreisstadt.',
    );
    expect(text).toContain('Bitte rufen Sie den Bescheid spätestens am 24.06.2025 ab.');
    expect(text).toContain(`Seite ${pdf.getPageCount()} von ${pdf.getPageCount()}`);
    expect(rendered.structured.remedies!.alsoLodgeWith?.name).toBe('Landratsamt Musterkreis');
    expect(rendered.structured.reasons!.paragraphs).toHaveLength(40);
  });

  it('given the same input twice, when rendered, then the bytes and the hash are identical', async () => {
    const first = await renderNotice(input);
    const second = await renderNotice(input);
    expect(second.sha256).toBe(first.sha256);
    expect(second.pdfBase64).toBe(first.pdfBase64);
    const other = await renderNotice({ ...input, reasons: 'Anderer Text.' });
    expect(other.sha256).not.toBe(first.sha256);
  });

  it('given characters the font lacks, when rendered, then they print as U+FFFD and the structured text keeps them', async () => {
    const { rendered, text } = await renderAndLoad({
      ...input,
      applicant: { ...input.applicant, name: 'Zoë Łukasiewicz-Źródło 😀' },
    });
    expect(text).toContain('Zoë Łukasiewicz-Źródło \uFFFD');
    expect(rendered.structured.addressee.name).toBe('Zoë Łukasiewicz-Źródło 😀');
  });

  it('given an applicant without postal address, when rendered, then the addressee block shows the name only', async () => {
    const { rendered, text } = await renderAndLoad({ ...input, applicant: { name: 'Jürgen Weiß' } });
    expect(text).toContain('Musterstadt Jürgen Weiß Aktenzeichen:');
    expect(rendered.structured.addressee).toEqual({ name: 'Jürgen Weiß' });
  });

  it('given incomplete input, when rendered, then a non-retryable failure names every missing field', async () => {
    const broken = {
      ...input,
      authority: { ...input.authority, address: { street: '', postalCode: '', city: '' } },
      signedBy: ' ',
      reasons: '\n\n',
      issuedOn: '2025-02-30',
    } as NoticeInput;
    await expect(renderNotice(broken)).rejects.toMatchObject({
      type: 'INVALID_NOTICE_INPUT',
      nonRetryable: true,
      message: expect.stringMatching(
        /authority\.address\.street is required.*authority\.address\.city is required.*signedBy is required.*reasons must contain text.*issuedOn must be a date/,
      ),
    });
  });
});
