// Procedure kinds in the case workflow (docs/procedure.md): an Anzeige is acknowledged within its statutory
// period (tracked, overdue visible), not approved or rejected; appeal periods skip the office's holidays.
import { condition, patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { Decision, ProcedureKind } from './caseTypes';
import { protocol, setStatus, type CaseState } from './caseState';
import {
  addDays,
  berlinDateOf,
  berlinMidnight,
  isWorkingDay,
  nextWorkingDay,
  type Instant,
  type SaxonHolidayOptions,
} from './deadlines';
import { DS_DUE } from './searchAttributes';
import { texts } from './texts';

/** Patch id of everything procedure kinds, consent and office holidays changed in running workflow code. */
export const PROCEDURE_PATCH = 'procedure-kinds-consent-holidays';

/** The case's kind; cases started before the patch are applications, whatever their service says today. */
export function procedureKind(state: CaseState): ProcedureKind {
  return patched(PROCEDURE_PATCH) ? (state.route?.procedureKind ?? 'application') : 'application';
}

/** The holidays of the handling office (Fronleichnam per FronleichnamsVO), for periods computed by this case. */
export function officeHolidays(state: CaseState): SaxonHolidayOptions {
  return patched(PROCEDURE_PATCH) ? { corpusChristi: state.route?.corpusChristi === true } : {};
}

/**
 * End of a period of `days` days from receipt (§ 31 VwVfG with §§ 187 (1), 188 (1) BGB: the day of receipt is not
 * counted; a last day on a weekend or holiday moves to the next working day, § 31 (3) VwVfG).
 */
export function acknowledgementDueAt(
  receivedAt: Instant,
  days: number,
  holidays: SaxonHolidayOptions = {},
): Instant {
  const nominal = addDays(berlinDateOf(receivedAt), days);
  const endsOn = isWorkingDay(nominal, holidays) ? nominal : nextWorkingDay(nominal, holidays);
  return berlinMidnight(addDays(endsOn, 1));
}

/**
 * Anzeige: sets when the Empfangsbescheinigung is due (search attribute DsDue, case view) and, in the background,
 * marks the case overdue when the office has not acknowledged it by then.
 */
export function trackAcknowledgement(state: CaseState, receivedAt: Instant): void {
  const route = state.route!;
  const period = state.timing.acknowledgementPeriod ?? 'legal';
  const dueAt =
    period === 'legal'
      ? acknowledgementDueAt(receivedAt, route.acknowledgementDays ?? 3, officeHolidays(state))
      : new Date(Date.parse(receivedAt) + period).toISOString();
  state.acknowledgementDueAt = dueAt;
  upsertSearchAttributes([{ key: DS_DUE, value: new Date(dueAt) }]);
  void (async () => {
    const acknowledged = await condition(
      () => state.decision !== undefined || state.closed !== undefined,
      Math.max(1, Date.parse(dueAt) - Date.now()),
    );
    if (acknowledged) return;
    state.acknowledgementOverdue = true;
    await protocol(state, {
      step: 'process',
      outcome: 'error',
      detail: { overdue: 'acknowledgement', dueAt },
    });
    // Only while the office still works on it: a document request's status must stay visible to the applicant.
    if (!state.openRequest && !state.decision)
      await setStatus(state, state.status, 'acknowledgement-overdue', texts.processing);
  })();
}

/**
 * An Anzeige is acknowledged, never approved or rejected. The office's process may still end with a generic
 * "approved" (a review form or BPMN model shared with applications): that means "checked", so it is acknowledged.
 */
export function acknowledgementOf(decision: Decision): Decision {
  return { ...decision, decision: 'acknowledged' };
}

/** Refusal reason of the decide update for a decision that does not fit the case's kind (undefined: fits). */
export function decisionMismatch(kind: ProcedureKind | undefined, decision: unknown): string | undefined {
  if (kind === 'notification' && decision !== 'acknowledged')
    return 'this case is a notification (Anzeige): it is acknowledged (decision "acknowledged"), not approved or rejected';
  if (kind !== 'notification' && decision === 'acknowledged')
    return 'only a notification (Anzeige) is acknowledged; decide "approved" or "rejected"';
  return undefined;
}
