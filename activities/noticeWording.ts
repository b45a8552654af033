// The German wording of the notice per procedure kind: Bescheid (Antrag), Empfangsbescheinigung (Anzeige),
// Gebührenbescheid (issuance of a certificate), the cost decision, the remedies and the notification note.
import { germanDate } from '../workflows/germanDate';
import type {
  NoticeDocument,
  NoticeFee,
  NoticeInput,
  NoticeSection,
  NoticeTitle,
  PostalAddress,
} from './notice';

/** "dieser Bescheid" / "diese Empfangsbescheinigung": the article follows the document's gender. */
export interface Noun {
  nominative: string;
  accusative: string;
  dative: string;
  /** "den Bescheid" / "die Empfangsbescheinigung" and the pronoun "Er" / "Sie". */
  definite: string;
  pronoun: string;
}

const BESCHEID: Noun = {
  nominative: 'Dieser Bescheid',
  accusative: 'diesen Bescheid',
  dative: 'diesem Bescheid',
  definite: 'den Bescheid',
  pronoun: 'Er',
};
const EMPFANGSBESCHEINIGUNG: Noun = {
  nominative: 'Diese Empfangsbescheinigung',
  accusative: 'diese Empfangsbescheinigung',
  dative: 'dieser Empfangsbescheinigung',
  definite: 'die Empfangsbescheinigung',
  pronoun: 'Sie',
};
const GEBUEHRENBESCHEID: Noun = {
  nominative: 'Dieser Gebührenbescheid',
  accusative: 'diesen Gebührenbescheid',
  dative: 'diesem Gebührenbescheid',
  definite: 'den Gebührenbescheid',
  pronoun: 'Er',
};

/** Title, subject and tenor for the kind and decision. */
export function noticeWording(input: NoticeInput): {
  title: NoticeTitle;
  noun: Noun;
  subject: string;
  preamble: string;
  tenorHeading: string;
  tenor: string;
} {
  const { serviceName } = input;
  // The office's Aktenzeichen when allocated, the portal id otherwise.
  const applicationId = input.fileReference ?? input.applicationId;
  const kind = input.procedureKind ?? 'application';
  if (kind === 'notification') {
    const received = input.receivedOn ? ` vom ${germanDate(input.receivedOn)}` : '';
    return {
      title: 'Empfangsbescheinigung',
      noun: EMPFANGSBESCHEINIGUNG,
      subject: `über Ihre Anzeige: ${serviceName}`,
      preamble: 'Ihre Anzeige ist bei uns eingegangen. Wir bescheinigen den Empfang:',
      tenorHeading: 'Bescheinigung',
      tenor: `Der Empfang Ihrer Anzeige „${serviceName}“ (Aktenzeichen ${applicationId})${received} wird hiermit bescheinigt (§ 15 Absatz 1 der Gewerbeordnung).`,
    };
  }
  if (kind === 'certificate' && input.decision === 'approved') {
    return {
      title: 'Gebührenbescheid',
      noun: GEBUEHRENBESCHEID,
      subject: `über die Ausstellung: ${serviceName}`,
      preamble: 'Auf Ihren Antrag ergeht folgender Bescheid:',
      tenorHeading: 'Ausstellung',
      tenor: `Die beantragte Urkunde „${serviceName}“ (Aktenzeichen ${applicationId}) wird ausgestellt und Ihnen mit diesem Bescheid übermittelt.`,
    };
  }
  const approved = input.decision === 'approved';
  return {
    title: 'Bescheid',
    noun: BESCHEID,
    subject: `über Ihren Antrag auf ${serviceName}`,
    preamble: 'Auf Ihren Antrag ergeht folgender Bescheid:',
    tenorHeading: approved ? 'Entscheidung: Genehmigung' : 'Entscheidung: Ablehnung',
    tenor: approved
      ? `Ihrem Antrag auf ${serviceName} (Aktenzeichen ${applicationId}) wird stattgegeben.`
      : `Ihr Antrag auf ${serviceName} (Aktenzeichen ${applicationId}) wird abgelehnt.`,
  };
}

/** Euro amount the German way: 2600 → "26,00 Euro". */
export function euro(cents: number): string {
  const [whole, part] = (cents / 100).toFixed(2).split('.') as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${part} Euro`;
}

/** The cost decision: amount, legal basis, due date (or that the fee was paid online already). */
export function costDecision(fee: NoticeFee): NoticeSection & {
  amountCents: number;
  currency: 'EUR';
  legalBasis: string;
  dueOn: string;
  paidOn?: string;
} {
  const paragraphs = [
    `Für diese Amtshandlung wird eine Verwaltungsgebühr in Höhe von ${euro(fee.amountCents)} festgesetzt. Auslagen werden nicht erhoben.`,
    `Rechtsgrundlage: ${fee.legalBasis}.`,
    fee.paidOn
      ? `Die Gebühr haben Sie am ${germanDate(fee.paidOn)} bereits online bezahlt. Eine weitere Zahlung ist nicht erforderlich.`
      : `Die Gebühr ist bis zum ${germanDate(fee.dueOn)} unter Angabe des Aktenzeichens zu zahlen.`,
  ];
  return {
    heading: 'Kostenfestsetzung',
    paragraphs,
    amountCents: fee.amountCents,
    currency: 'EUR',
    legalBasis: fee.legalBasis,
    dueOn: fee.dueOn,
    ...(fee.paidOn ? { paidOn: fee.paidOn } : {}),
  };
}

/** Rechtsbehelfsbelehrung (§ 58 (1), § 70 (1) VwGO) against the whole notice or only its cost decision. */
export function remedyParagraphs(
  against: 'notice' | 'costs',
  noun: Noun,
  issuer: string,
  address: PostalAddress,
  objectionAuthority: { name: string; address: PostalAddress } | undefined,
): string[] {
  const object = against === 'costs' ? `die Kostenfestsetzung in ${noun.dative}` : noun.accusative;
  const paragraphs = [
    `Gegen ${object} kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. ` +
      'Der Widerspruch ist schriftlich, in elektronischer Form nach § 3a Absatz 2 des Verwaltungsverfahrensgesetzes ' +
      `oder zur Niederschrift bei der Behörde zu erheben, die ${noun.accusative} erlassen hat: ${issuer}, ${oneLine(address)}.`,
  ];
  if (objectionAuthority) {
    paragraphs.push(
      'Die Frist wird auch durch Einlegung des Widerspruchs bei der Behörde gewahrt, die über den Widerspruch entscheidet: ' +
        `${objectionAuthority.name}, ${oneLine(objectionAuthority.address)}.`,
    );
  }
  return paragraphs;
}

/** How the notice is notified, and the consent it rests on (§ 41 (2a) VwVfG) or the postal path without it. */
export function notificationParagraphs(
  noun: Noun,
  consent: NoticeInput['consent'],
  retrieveBy: string | undefined,
  appealable: boolean,
): string[] {
  if (consent?.recorded && !consent.electronic) {
    return [
      'Sie haben bei der Antragstellung nicht in die elektronische Bekanntgabe eingewilligt. ' +
        `${noun.nominative} wird Ihnen deshalb mit der Post übermittelt und gilt am vierten Tag nach der Aufgabe zur Post als bekannt gegeben (§ 41 Absatz 2 des Verwaltungsverfahrensgesetzes).`,
    ];
  }
  const consentLine = consent?.recorded
    ? `Sie haben bei der Antragstellung${consent.givenOn ? ` am ${germanDate(consent.givenOn)}` : ''} in die elektronische Bekanntgabe durch Abruf aus Ihrem Postfach eingewilligt (§ 41 Absatz 2a des Verwaltungsverfahrensgesetzes)` +
      (consent.email
        ? '; Benachrichtigungen über die Bereitstellung erhalten Sie auch per E-Mail, ohne den Inhalt des Bescheids.'
        : '; Benachrichtigungen per E-Mail haben Sie nicht gewünscht.')
    : undefined;
  const definite = noun.definite[0]!.toUpperCase() + noun.definite.slice(1);
  const paragraphs = [
    `${noun.nominative} wird Ihnen mit Ihrer Einwilligung zum Abruf in Ihrem Postfach des Antragsportals bereitgestellt. ` +
      `${noun.pronoun} gilt am Tag nach dem Abruf als bekannt gegeben (§ 41 Absatz 2a des Verwaltungsverfahrensgesetzes)` +
      (appealable ? '; von diesem Tag an berechnet sich die Widerspruchsfrist.' : '.'),
    'Abgerufen ist das Dokument, wenn Sie es öffnen; das Ansehen der Nachrichtenliste genügt nicht.',
    `Wird ${noun.definite} nicht innerhalb von zehn Tagen nach Absendung der Benachrichtigung über die Bereitstellung abgerufen, ` +
      `wird die Bereitstellung beendet. ${definite} ist dann nicht bekannt gegeben; ${noun.pronoun.toLowerCase()} wird Ihnen erneut oder auf anderem Weg bekannt gegeben.`,
  ];
  if (consentLine) paragraphs.unshift(consentLine);
  if (retrieveBy)
    paragraphs.push(`Bitte rufen Sie ${noun.definite} spätestens am ${germanDate(retrieveBy)} ab.`);
  return paragraphs;
}

function oneLine(address: PostalAddress): string {
  return `${address.street}, ${address.postalCode} ${address.city}`;
}

/** The sections in reading order, as the PDF prints them. */
export function noticeSections(doc: NoticeDocument): NoticeSection[] {
  return [doc.tenor, doc.reasons, doc.costs, doc.remedies, doc.notification].filter(
    (s): s is NoticeSection => s !== undefined,
  );
}
