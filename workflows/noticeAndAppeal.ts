// The notice (Bescheid), its notification (§41 (2a) VwVfG) and the appeal period (§70 VwGO), then the record.
import { condition, patched } from '@temporalio/workflow';
import type { Decision } from './caseTypes';
import { acts, openCaseTask, protocol, setStatus, type CaseState } from './caseState';
import { withIncident } from './caseIncidents';
import { DEFAULT_MAX_TEXT } from './forms';
import { deliverWithParking } from './deliveries';
import {
  addDays,
  appealPeriodEndsAt,
  berlinDateOf,
  notificationDate,
  retrievalWindowEndsAt,
} from './deadlines';
import { texts } from './texts';
import { officeHolidays, PROCEDURE_PATCH } from './procedure';
import { notifyNotice } from './noticeNotification';

const nowIso = () => new Date(Date.now()).toISOString();

/**
 * When the appeal period ends. Retrieved from the mailbox: notified the day after retrieval (§41 (2a) VwVfG).
 * Not retrieved within the window: that notification failed, so the notice was sent electronically instead
 * (at sentAt) and counts as notified on the fourth day after sending (§41 (2) VwVfG).
 */
export function appealEnd(state: CaseState, availableAt: string, sentAt: string | undefined): string {
  const retrievedAt = state.noticeRetrievedAt;
  if (state.timing.appealPeriod !== 'legal') {
    const notifiedMs = Date.parse(retrievedAt ?? sentAt ?? availableAt);
    return new Date(notifiedMs + state.timing.appealPeriod).toISOString();
  }
  const notified = retrievedAt ? notificationDate({ availableAt, retrievedAt }) : undefined;
  const notifiedOn = notified?.notified ? notified.date : addDays(berlinDateOf(sentAt ?? availableAt), 4);
  return appealPeriodEndsAt(notifiedOn);
}

/** The decision as the notice states it: reasons and signer are optional for caseworkers, never for a notice. */
export function noticeDecision(decision: Decision): Decision {
  const approved = decision.decision === 'approved';
  // An Empfangsbescheinigung needs no reasons; a caseworker's note is printed when given.
  const standard = decision.decision === 'acknowledged' ? '' : texts.standardReasons(approved);
  return {
    decision: decision.decision,
    reasons: decision.reasons?.trim() ? decision.reasons : standard,
    decidedBy: decision.decidedBy?.trim() ? decision.decidedBy : 'Sachbearbeitung',
  };
}

/** Issues and delivers the notice, waits for notification and the appeal period, handles an objection. */
export async function noticeAndAppeal(state: CaseState, decided: Decision): Promise<void> {
  const route = state.route!;
  const decision = noticeDecision(decided);
  const acknowledged = decision.decision === 'acknowledged';
  const approved = decision.decision === 'approved' || acknowledged;
  const finalStatus = approved ? 'COMPLETED' : 'REJECTED';
  // The notice is dated by workflow time, so a retried activity (or one after midnight) dates it the same.
  const issuedOn = berlinDateOf(nowIso());
  // E.g. the office's postal address is missing: an incident; an administrator fixes it and retries.
  const feePaidOn = state.paid ? berlinDateOf(state.paid.paidAt) : undefined;
  const { documentIds, consent } = await withIncident(state, 'notice', () =>
    acts.issueNotice({ applicationId: state.applicationId, route, decision, issuedOn, feePaidOn }),
  );
  if (route.dms && route.level >= 2) {
    await deliverWithParking(state, {
      applicationId: state.applicationId,
      messageType: 'notice',
      round: 0,
      target: 'dms',
      route,
      documentIds,
      notice: { text: decision.reasons, decision: decision.decision, decidedAt: nowIso() },
    });
  }
  if (patched(PROCEDURE_PATCH)) {
    const notified = await notifyNotice(state, {
      documentIds,
      // Results recorded before the patch carry no consent: they were handled as consenting.
      consent: consent ?? { electronic: true, email: true, recorded: false },
      kind: state.procedureKind ?? 'application',
      approved,
      finalStatus,
    });
    if (!notified || state.procedureKind === 'notification') {
      // Anzeige: the Empfangsbescheinigung decides nothing, so no appeal period runs.
      await protocol(state, { step: 'process', outcome: 'ok', detail: { final: true, acknowledged: true } });
      await setStatus(state, finalStatus, 'final', texts.acknowledgedFinal);
      return;
    }
    state.appealEndsAt =
      state.timing.appealPeriod === 'legal'
        ? appealPeriodEndsAt(notified.notifiedOn, officeHolidays(state))
        : new Date(Date.parse(notified.at) + state.timing.appealPeriod).toISOString();
  } else {
    const availableAt = nowIso();
    await withIncident(
      state,
      'notify-notice',
      () =>
        acts.notifyApplicant({
          messageId: `${state.applicationId}/notice`,
          applicationId: state.applicationId,
          kind: 'notice',
          ...texts.noticeAvailable(approved),
          documentIds,
          mail: true,
        }),
      { skip: () => undefined },
    );
    state.noticeDelivered = true;
    await setStatus(state, finalStatus, 'notice-delivered', texts.noticeDelivered(approved));

    const window =
      state.timing.noticeRetrievalWindow === 'legal'
        ? Date.parse(retrievalWindowEndsAt(availableAt)) - Date.now()
        : state.timing.noticeRetrievalWindow;
    await condition(
      () => state.noticeRetrievedAt !== undefined || state.objection !== undefined,
      Math.max(1, window),
    );
    let sentAt: string | undefined;
    // The mailbox is the record of retrieval: a signal lost on the way (API restart) must not send the notice.
    if (!state.noticeRetrievedAt && !state.objection && patched('reconcile-notice-retrieval')) {
      const { retrievedAt } = await acts.noticeRetrieval({ applicationId: state.applicationId });
      if (retrievedAt) state.noticeRetrievedAt ??= retrievedAt;
    }
    // An objection shows the applicant has the notice; otherwise it is sent when not retrieved in time.
    if (!state.noticeRetrievedAt && !state.objection) {
      sentAt = nowIso();
      await acts.notifyApplicant({
        messageId: `${state.applicationId}/notice-sent`,
        applicationId: state.applicationId,
        kind: 'notice',
        ...texts.noticeSent,
        documentIds,
        mail: true,
        attachDocuments: true,
      });
    }
    state.appealEndsAt = appealEnd(state, availableAt, sentAt);
  }
  if (!state.objection) {
    await setStatus(state, finalStatus, 'appeal-period', texts.appealPeriod(approved, state.appealEndsAt));
    await condition(
      () => state.objection !== undefined,
      Math.max(1, Date.parse(state.appealEndsAt) - Date.now()),
    );
  }
  if (!state.objection) {
    await protocol(state, {
      step: 'process',
      outcome: 'ok',
      detail: { final: true, appealEndedAt: state.appealEndsAt },
    });
    await setStatus(state, finalStatus, 'final', texts.final(approved));
    return;
  }
  await handleObjection(state, finalStatus);
}

async function handleObjection(state: CaseState, finalStatus: 'COMPLETED' | 'REJECTED'): Promise<void> {
  const objection = state.objection!;
  const doc = await acts.storeCaseDocument({
    id: `${state.applicationId}/objection.json`,
    applicationId: state.applicationId,
    kind: 'objection',
    filename: 'Widerspruch.json',
    mediaType: 'application/json',
    content: JSON.stringify(objection),
    encoding: 'utf8',
  });
  await protocol(state, {
    step: 'receive',
    outcome: 'ok',
    detail: { objection: doc.id, receivedAt: objection.receivedAt },
  });
  const taskId = await openCaseTask(state, {
    taskId: `${state.applicationId}/objection-review`,
    elementId: 'objection-review',
    kind: 'objection-review',
    name: 'Widerspruch prüfen',
    formFields: [
      {
        id: 'outcome',
        label: 'Ergebnis',
        type: 'enum',
        values: ['remedied', 'rejected', 'forwarded'],
        required: true,
      },
      { id: 'reasons', label: 'Begründung', type: 'text', maxLength: DEFAULT_MAX_TEXT },
    ],
  });
  await setStatus(state, 'PROCESSING', 'objection', texts.objectionReceived);
  await condition(() => state.taskOutputs[taskId] !== undefined);
  const outcome = String(state.taskOutputs[taskId]!.outcome ?? 'rejected');
  const label =
    { remedied: 'Abhilfe', rejected: 'zurückgewiesen', forwarded: 'an die Widerspruchsbehörde abgegeben' }[
      outcome
    ] ?? outcome;
  await setStatus(
    state,
    outcome === 'remedied' ? 'COMPLETED' : finalStatus,
    'objection-decided',
    texts.objectionDecided(label),
  );
}

/** Files the complete record (all documents of the case) in the DMS, then closes the case there (zdA). */
export async function fileRecord(state: CaseState): Promise<void> {
  const route = state.route!;
  if (!route.dms || route.level < 2) return;
  const documentIds = await acts.listCaseDocumentIds({ applicationId: state.applicationId });
  await deliverWithParking(state, {
    applicationId: state.applicationId,
    messageType: 'record',
    round: 0,
    target: 'dms',
    route,
    documentIds,
    payload: { finalStatus: state.status, phase: state.phase },
  });
  // xdomea closes a case with a message of its own (FVDaten.SGOZDAVerfuegen.0624); older cases did not, and
  // a records system in another format has no closing rule.
  if (route.dms.messageFormat === 'xdomea' && patched('dms-closing-message')) {
    await deliverWithParking(state, {
      applicationId: state.applicationId,
      messageType: 'closing',
      round: 0,
      target: 'dms',
      route,
    });
  }
}
