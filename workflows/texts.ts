// Applicant-facing wording (German), in one place so it reads consistently across status, mailbox and mail.
import type { RouteDecision } from './caseTypes';
import { germanDate } from './germanDate';

const day = germanDate;

export const texts = {
  incident:
    'Ihr Antrag wird bearbeitet. Es kommt zu einer Verzögerung; wir kümmern uns darum und melden uns bei Ihnen.',
  closedSubject: 'Ihr Antrag wurde abgeschlossen',
  /** Used when the office decides without a written reason (the review form marks it optional). */
  standardReasons: (approved: boolean) =>
    approved
      ? 'Die Prüfung Ihres Antrags hat ergeben, dass die rechtlichen Voraussetzungen erfüllt sind. Dem Antrag wird daher entsprochen.'
      : 'Die Prüfung Ihres Antrags hat ergeben, dass die rechtlichen Voraussetzungen nicht erfüllt sind. Der Antrag wird daher abgelehnt.',
  feeWaived: 'Für Ihren Antrag wird keine Online-Zahlung erhoben. Ihr Antrag wird weiter bearbeitet.',
  received: (r: RouteDecision) =>
    `Ihr Antrag ist eingegangen und wird an ${r.officeName} (${r.municipalityName}) weitergeleitet.`,
  confirmation: (r: RouteDecision, applicationId: string) => ({
    subject: `Eingangsbestätigung: ${r.serviceName}`,
    body: `Ihr Antrag „${r.serviceName}“ (Aktenzeichen ${applicationId}) ist bei uns eingegangen. Zuständig ist ${r.officeName}, ${r.municipalityName}. Den Bearbeitungsstand sehen Sie jederzeit in Ihrem Postfach.`,
  }),
  awaitingPayment: (amountCents: number) =>
    `Bitte bezahlen Sie die Gebühr von ${(amountCents / 100).toFixed(2).replace('.', ',')} Euro. Danach beginnt die Bearbeitung.`,
  paymentRequest: (amountCents: number, payUrl: string) => ({
    subject: 'Bitte bezahlen Sie die Gebühr',
    body: `Für Ihren Antrag fällt eine Gebühr von ${(amountCents / 100).toFixed(2).replace('.', ',')} Euro an. Sie können sie hier online bezahlen: ${payUrl}`,
  }),
  paid: 'Ihre Zahlung ist eingegangen. Ihr Antrag wird an die zuständige Stelle übermittelt.',
  delivered: (r: RouteDecision) => `Ihr Antrag liegt ${r.officeName} vor und wird bearbeitet.`,
  participation: 'Ihr Antrag wird bearbeitet. Beteiligte Behörden werden um Stellungnahme gebeten.',
  processing: 'Ihr Antrag wird bearbeitet.',
  documentRequest: (description: string, deadline: string) => ({
    subject: 'Bitte reichen Sie Unterlagen nach',
    body: `Für die Bearbeitung Ihres Antrags benötigen wir noch: ${description}. Bitte reichen Sie die Unterlagen bis zum ${day(deadline)} über Ihr Postfach ein.`,
  }),
  actionRequired: (description: string, deadline: string) =>
    `Bitte reichen Sie bis zum ${day(deadline)} nach: ${description}.`,
  reminder: (description: string, deadline: string) => ({
    subject: 'Erinnerung: Unterlagen nachreichen',
    body: `Wir erinnern Sie: Bitte reichen Sie bis zum ${day(deadline)} nach: ${description}.`,
  }),
  supplementReceived: 'Vielen Dank, Ihre Unterlagen sind eingegangen. Ihr Antrag wird weiter bearbeitet.',
  deadlineMissed:
    'Die Frist zur Nachreichung ist abgelaufen. Die zuständige Stelle entscheidet über das weitere Vorgehen.',
  noticeAvailable: (approved: boolean) => ({
    subject: approved
      ? 'Ihr Bescheid liegt vor: Antrag genehmigt'
      : 'Ihr Bescheid liegt vor: Antrag abgelehnt',
    body: 'In Ihrem Postfach liegt ein Bescheid zum Abruf bereit. Mit dem Abruf gilt er am folgenden Tag als bekannt gegeben. Innerhalb eines Monats nach Bekanntgabe können Sie Widerspruch erheben.',
  }),
  noticeSent: {
    subject: 'Ihr Bescheid (elektronische Übermittlung)',
    body: 'Sie haben den Bescheid nicht innerhalb von zehn Tagen aus Ihrem Postfach abgerufen. Wir übermitteln ihn Ihnen deshalb als Anhang dieser Nachricht; er gilt am vierten Tag nach der Absendung als bekannt gegeben.',
  },
  noticeDelivered: (approved: boolean) =>
    approved
      ? 'Ihr Antrag wurde genehmigt. Der Bescheid liegt in Ihrem Postfach.'
      : 'Ihr Antrag wurde abgelehnt. Der Bescheid liegt in Ihrem Postfach.',
  appealPeriod: (approved: boolean, endsAt: string) =>
    `${approved ? 'Ihr Antrag wurde genehmigt.' : 'Ihr Antrag wurde abgelehnt.'} Die Widerspruchsfrist endet am ${day(endsAt)}.`,
  objectionReceived: 'Ihr Widerspruch ist eingegangen und wird geprüft.',
  objectionDecided: (outcome: string) =>
    `Über Ihren Widerspruch wurde entschieden (${outcome}). Der Vorgang ist abgeschlossen.`,
  archived: 'Der Vorgang ist abgeschlossen und vollständig in der E-Akte abgelegt.',
  final: (approved: boolean) =>
    approved
      ? 'Ihr Antrag wurde genehmigt. Der Bescheid ist bestandskräftig; der Vorgang ist abgeschlossen.'
      : 'Ihr Antrag wurde abgelehnt. Der Bescheid ist bestandskräftig; der Vorgang ist abgeschlossen.',
  /** Anzeige: the Empfangsbescheinigung is in the mailbox (no appeal period: nothing was decided). */
  acknowledgementAvailable: {
    subject: 'Ihre Empfangsbescheinigung liegt vor',
    body: 'In Ihrem Postfach liegt die Empfangsbescheinigung zu Ihrer Anzeige zum Abruf bereit.',
  },
  acknowledged:
    'Der Empfang Ihrer Anzeige wurde bescheinigt. Die Empfangsbescheinigung liegt in Ihrem Postfach.',
  acknowledgedFinal: 'Der Empfang Ihrer Anzeige ist bescheinigt. Der Vorgang ist abgeschlossen.',
  /** § 41 (2a) VwVfG: after ten days without retrieval a new notice of availability, never the notice itself. */
  noticeReminder: {
    subject: 'Erinnerung: Ein Bescheid liegt zum Abruf bereit',
    body: 'In Ihrem Postfach liegt ein Bescheid, den Sie noch nicht geöffnet haben. Er wird Ihnen erst bekannt gegeben, wenn Sie ihn dort öffnen; dazu haben Sie erneut zehn Tage Zeit. Aus Datenschutzgründen enthält diese Nachricht den Bescheid nicht.',
  },
  /** No consent to electronic notification: the mailbox informs, the notice itself goes by post. */
  noticeByPost: {
    subject: 'Ihr Bescheid wird Ihnen per Post zugestellt',
    body: 'Über Ihren Antrag wurde entschieden. Da Sie nicht in die elektronische Bekanntgabe eingewilligt haben, erhalten Sie den Bescheid per Post; er gilt am vierten Tag nach der Aufgabe zur Post als bekannt gegeben.',
  },
  noticeByPostStatus: 'Über Ihren Antrag wurde entschieden. Der Bescheid wird Ihnen per Post zugestellt.',
};
