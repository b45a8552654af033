// Notifying the notice per § 41 (2a) VwVfG within what the applicant consented to: retrieval from the mailbox
// (opening the document), a link-only reminder when not retrieved, the postal path without consent or retrieval.
import { condition } from '@temporalio/workflow';
import type { NotificationConsent, ProcedureKind } from './caseTypes';
import { acts, openCaseTask, protocol, setStatus, type CaseState } from './caseState';
import { withIncident } from './caseIncidents';
import { addDays, berlinDateOf, notificationDate, retrievalWindowEndsAt, type IsoDate } from './deadlines';
import { texts } from './texts';

const nowIso = () => new Date(Date.now()).toISOString();

/** When the notice counts as notified: the legal day, and the instant test timings count from. */
export interface Notified {
  notifiedOn: IsoDate;
  at: string;
  by: 'retrieval' | 'post' | 'objection';
}

/**
 * Makes the notice available and waits until it is notified. Anzeige: the Empfangsbescheinigung is made
 * available and the case does not wait for its retrieval (nothing runs from it); without consent it is posted.
 */
export async function notifyNotice(
  state: CaseState,
  n: {
    documentIds: string[];
    consent: NotificationConsent;
    kind: ProcedureKind;
    approved: boolean;
    finalStatus: 'COMPLETED' | 'REJECTED';
  },
): Promise<Notified | undefined> {
  state.noticeDelivered = true;
  if (!n.consent.electronic) return byPost(state, n.finalStatus, n.documentIds);
  const available =
    n.kind === 'notification' ? texts.acknowledgementAvailable : texts.noticeAvailable(n.approved);
  const first = await makeAvailable(state, 'notice', available, n.documentIds, n.consent.email);
  await setStatus(
    state,
    n.finalStatus,
    'notice-delivered',
    n.kind === 'notification' ? texts.acknowledged : texts.noticeDelivered(n.approved),
  );
  if (n.kind === 'notification') return undefined;
  const retrieved = await awaitRetrieval(state, first);
  if (retrieved) return retrieved;
  // Not retrieved: not notified (sentence 5). Again only with a notice of availability, and only by e-mail if
  // the applicant agreed to it; the mail carries no content of the notice (the hub's mail is not end-to-end encrypted).
  if (n.consent.email) {
    const again = await makeAvailable(state, 'notice-reminder', texts.noticeReminder, [], true);
    const late = await awaitRetrieval(state, again);
    if (late) return late;
  }
  return byPost(state, n.finalStatus, n.documentIds);
}

async function makeAvailable(
  state: CaseState,
  suffix: string,
  message: { subject: string; body: string },
  documentIds: string[],
  mail: boolean,
): Promise<string> {
  await withIncident(
    state,
    'notify-notice',
    () =>
      acts.notifyApplicant({
        messageId: `${state.applicationId}/${suffix}`,
        applicationId: state.applicationId,
        kind: 'notice',
        ...message,
        documentIds,
        mail,
      }),
    { skip: () => undefined },
  );
  return nowIso();
}

/** Waits the retrieval window; the mailbox (the applicant opened the document) is the record of retrieval. */
async function awaitRetrieval(state: CaseState, availableAt: string): Promise<Notified | undefined> {
  const window =
    state.timing.noticeRetrievalWindow === 'legal'
      ? Date.parse(retrievalWindowEndsAt(availableAt)) - Date.now()
      : state.timing.noticeRetrievalWindow;
  await condition(
    () => state.noticeRetrievedAt !== undefined || state.objection !== undefined,
    Math.max(1, window),
  );
  if (!state.noticeRetrievedAt && !state.objection) {
    const { retrievedAt } = await acts.noticeRetrieval({ applicationId: state.applicationId });
    if (retrievedAt) state.noticeRetrievedAt ??= retrievedAt;
  }
  const retrievedAt = state.noticeRetrievedAt;
  if (retrievedAt) {
    const at = Date.parse(retrievedAt) < Date.parse(availableAt) ? availableAt : retrievedAt;
    const legal = notificationDate({ availableAt, retrievedAt: at });
    if (state.timing.noticeRetrievalWindow !== 'legal')
      return { notifiedOn: addDays(berlinDateOf(at), 1), at, by: 'retrieval' };
    if (legal.notified) return { notifiedOn: legal.date, at, by: 'retrieval' };
  }
  // An objection shows the applicant has the notice (healed under § 8 VwZG by analogy): notified that day.
  if (state.objection)
    return {
      notifiedOn: berlinDateOf(state.objection.receivedAt),
      at: state.objection.receivedAt,
      by: 'objection',
    };
  return undefined;
}

/**
 * The postal path (§ 41 (2) VwVfG: notified on the fourth day after posting). With a mail system in the binding the
 * hub hands the notice to the office's print-and-post channel that day; otherwise a caseworker posts it and
 * records the day.
 */
async function byPost(
  state: CaseState,
  finalStatus: 'COMPLETED' | 'REJECTED',
  documentIds: string[],
): Promise<Notified> {
  await acts.notifyApplicant({
    messageId: `${state.applicationId}/notice-by-post`,
    applicationId: state.applicationId,
    kind: 'information',
    ...texts.noticeByPost,
    mail: false,
  });
  const handed = await withIncident(
    state,
    'notify-notice',
    () => acts.handOverForPosting({ applicationId: state.applicationId, route: state.route!, documentIds }),
    { skip: () => ({ handedOverAt: null }) },
  );
  if (handed.handedOverAt) {
    await setStatus(state, finalStatus, 'notice-by-post', texts.noticeByPostStatus);
    return { notifiedOn: addDays(berlinDateOf(handed.handedOverAt), 4), at: handed.handedOverAt, by: 'post' };
  }
  const taskId = await openCaseTask(state, {
    taskId: `${state.applicationId}/postal-notice`,
    elementId: 'postal-notice',
    kind: 'postal-notice',
    name: 'Bescheid per Post bekannt geben',
    formFields: [{ id: 'postedOn', label: 'Zur Post gegeben am', type: 'date', required: true }],
  });
  await setStatus(state, finalStatus, 'notice-by-post', texts.noticeByPostStatus);
  await condition(() => state.taskOutputs[taskId] !== undefined);
  // The form accepts a date or a date-time (workflows/forms.ts); the legal day is the Berlin calendar day.
  const raw = String(state.taskOutputs[taskId]!.postedOn);
  const postedOn = /^\d{4}-\d{2}-\d{2}$/.test(raw)
    ? raw
    : berlinDateOf(new Date(Date.parse(raw)).toISOString());
  const notified: Notified = { notifiedOn: addDays(postedOn, 4), at: nowIso(), by: 'post' };
  await protocol(state, { step: 'notify', outcome: 'ok', detail: { byPost: true, postedOn } });
  return notified;
}
