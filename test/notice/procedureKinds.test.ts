// Given a notice input per procedure kind, when composed, then the German content fits the kind: Empfangsbescheinigung
// without appeal, Kostenfestsetzung with amount, basis and due date, the consent line or the postal path.
import { describe, expect, it } from 'vitest';
import { assertNoticeInput, composeNotice, type NoticeInput } from '../../activities/notice';
import { noticeSections } from '../../activities/noticeWording';

const base: NoticeInput = {
  applicationId: 'A-20270427-00000000AB',
  serviceName: 'Gewerbe anmelden',
  authority: {
    municipality: 'Radebeul',
    office: 'Ordnungsamt',
    address: { street: 'Pestalozzistraße 6', postalCode: '01445', city: 'Radebeul' },
  },
  applicant: { name: 'Ayşe Yılmaz' },
  decision: 'acknowledged',
  procedureKind: 'notification',
  receivedOn: '2027-04-26',
  reasons: '',
  issuedOn: '2027-04-27',
  signedBy: 'Erika Beispiel',
  consent: { electronic: true, email: true, recorded: true, givenOn: '2027-04-26' },
};
const fee = {
  amountCents: 2600,
  legalBasis:
    'Sächsisches Verwaltungskostengesetz (SächsVwKG) in Verbindung mit dem Sächsischen Kostenverzeichnis',
  dueOn: '2027-05-27',
};
const allText = (doc: ReturnType<typeof composeNotice>) =>
  [
    doc.title,
    doc.subject,
    doc.preamble,
    ...noticeSections(doc).flatMap((s) => [s.heading, ...s.paragraphs]),
  ].join(' ');

describe('notice content per procedure kind', () => {
  it('an Anzeige without fee is an Empfangsbescheinigung: receipt certified, no reasons, no Rechtsbehelfsbelehrung', () => {
    const doc = composeNotice(base);
    expect(doc.title).toBe('Empfangsbescheinigung');
    expect(doc.tenor.paragraphs[0]).toBe(
      'Der Empfang Ihrer Anzeige „Gewerbe anmelden“ (Aktenzeichen A-20270427-00000000AB) vom 26.04.2027 wird hiermit bescheinigt (§ 15 Absatz 1 der Gewerbeordnung).',
    );
    expect(doc.reasons).toBeUndefined();
    expect(doc.remedies).toBeUndefined();
    expect(doc.costs).toBeUndefined();
    expect(allText(doc)).not.toMatch(/Widerspruch|genehmigt|abgelehnt|stattgegeben/);
  });

  it('an Anzeige with fee carries the Kostenfestsetzung, and the remedy is against the cost decision only', () => {
    const doc = composeNotice({ ...base, fee });
    expect(doc.costs).toMatchObject({
      heading: 'Kostenfestsetzung',
      amountCents: 2600,
      currency: 'EUR',
      dueOn: '2027-05-27',
    });
    expect(doc.costs!.paragraphs).toEqual([
      'Für diese Amtshandlung wird eine Verwaltungsgebühr in Höhe von 26,00 Euro festgesetzt. Auslagen werden nicht erhoben.',
      `Rechtsgrundlage: ${fee.legalBasis}.`,
      'Die Gebühr ist bis zum 27.05.2027 unter Angabe des Aktenzeichens zu zahlen.',
    ]);
    expect(doc.remedies).toMatchObject({ against: 'costs', periodMonths: 1 });
    expect(doc.remedies!.paragraphs[0]).toMatch(
      /^Gegen die Kostenfestsetzung in dieser Empfangsbescheinigung kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden\./,
    );
  });

  it('an Antrag with fee is a Bescheid with tenor, Kostenfestsetzung and the full Rechtsbehelfsbelehrung', () => {
    const doc = composeNotice({
      ...base,
      serviceName: 'Halteverbot für einen Umzug',
      procedureKind: 'application',
      decision: 'approved',
      reasons: 'Die Voraussetzungen liegen vor.',
      fee: { ...fee, amountCents: 123456, paidOn: '2027-04-20' },
    });
    expect(doc.title).toBe('Bescheid');
    expect(doc.tenor.paragraphs[0]).toMatch(/wird stattgegeben\.$/);
    expect(doc.costs!.paragraphs[0]).toContain('1.234,56 Euro');
    expect(doc.costs!.paragraphs[2]).toBe(
      'Die Gebühr haben Sie am 20.04.2027 bereits online bezahlt. Eine weitere Zahlung ist nicht erforderlich.',
    );
    expect(doc.remedies).toMatchObject({ against: 'notice' });
    expect(doc.remedies!.paragraphs[0]).toMatch(/^Gegen diesen Bescheid kann innerhalb eines Monats/);
    expect(noticeSections(doc).map((s) => s.heading)).toEqual([
      'Entscheidung: Genehmigung',
      'Begründung',
      'Kostenfestsetzung',
      'Rechtsbehelfsbelehrung',
      'Hinweis zur Bekanntgabe',
    ]);
  });

  it('an issued certificate comes with a Gebührenbescheid; a refused one is a Bescheid', () => {
    const issued = composeNotice({
      ...base,
      serviceName: 'Geburtsurkunde',
      procedureKind: 'certificate',
      decision: 'approved',
      reasons: 'Die Urkunde wird ausgestellt.',
      fee: { ...fee, amountCents: 1200 },
    });
    expect(issued.title).toBe('Gebührenbescheid');
    expect(issued.tenor.paragraphs[0]).toContain('Die beantragte Urkunde „Geburtsurkunde“');
    expect(issued.costs!.paragraphs[0]).toContain('12,00 Euro');
    const refused = composeNotice({
      ...base,
      procedureKind: 'certificate',
      decision: 'rejected',
      reasons: 'Nein.',
    });
    expect(refused.title).toBe('Bescheid');
  });

  it('states the consent given at submission, or the postal path without it', () => {
    const withMail = composeNotice(base).notification;
    expect(withMail.channel).toBe('retrieval');
    expect(withMail.paragraphs[0]).toBe(
      'Sie haben bei der Antragstellung am 26.04.2027 in die elektronische Bekanntgabe durch Abruf aus Ihrem Postfach eingewilligt (§ 41 Absatz 2a des Verwaltungsverfahrensgesetzes); Benachrichtigungen über die Bereitstellung erhalten Sie auch per E-Mail, ohne den Inhalt des Bescheids.',
    );
    expect(withMail.paragraphs).toContain(
      'Abgerufen ist das Dokument, wenn Sie es öffnen; das Ansehen der Nachrichtenliste genügt nicht.',
    );
    const noMail = composeNotice({ ...base, consent: { ...base.consent!, email: false } }).notification;
    expect(noMail.paragraphs[0]).toMatch(/Benachrichtigungen per E-Mail haben Sie nicht gewünscht\.$/);
    const none = composeNotice({
      ...base,
      consent: { electronic: false, email: false, recorded: true },
    }).notification;
    expect(none).toMatchObject({ channel: 'post', legalBasis: '§ 41 Abs. 2 VwVfG' });
    expect(none.paragraphs).toEqual([
      'Sie haben bei der Antragstellung nicht in die elektronische Bekanntgabe eingewilligt. Diese Empfangsbescheinigung wird Ihnen deshalb mit der Post übermittelt und gilt am vierten Tag nach der Aufgabe zur Post als bekannt gegeben (§ 41 Absatz 2 des Verwaltungsverfahrensgesetzes).',
    ]);
  });

  it('refuses a decision that does not fit the kind, and a fee without legal basis', () => {
    expect(() => assertNoticeInput({ ...base, decision: 'approved' })).toThrow(/must be 'acknowledged'/);
    expect(() =>
      assertNoticeInput({ ...base, procedureKind: 'application', decision: 'acknowledged', reasons: 'x' }),
    ).toThrow(/must be 'approved' or 'rejected'/);
    expect(() => assertNoticeInput({ ...base, fee: { ...fee, legalBasis: ' ' } })).toThrow(/fee.legalBasis/);
    expect(() => assertNoticeInput({ ...base, fee: { ...fee, amountCents: 0 } })).toThrow(/fee.amountCents/);
    expect(() => assertNoticeInput(base)).not.toThrow();
  });
});
