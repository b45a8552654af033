// withIncident: a step of the application workflow that fails for good pauses the case at that step (phase
// `incident`) until an administrator retries it or resolves it with an explicit outcome.
import { ActivityFailure, ApplicationFailure, condition, upsertSearchAttributes } from '@temporalio/workflow';
import { acts, setStatus, type CaseState } from './caseState';
import {
  assertWellFormed,
  describeIncident,
  isIncidentFailure,
  type IncidentAction,
  type IncidentResolution,
} from './incidents';
import { DS_INCIDENT } from './searchAttributes';
import { texts } from './texts';

/** What a step allows besides retry and close. */
export interface StepResolutions<T> {
  /** The step's result when an administrator skips it; without it, "skip" is refused. */
  skip?: () => T;
  /** Reads the value of "continue"; throws (refusing the administrator's update) when it does not fit. */
  continueWith?: (value: Record<string, unknown>) => T;
  /** Ends the wait without an administrator, e.g. a caseworker decided through the API meanwhile. */
  settledBy?: () => T | undefined;
  /** Only these failures become incidents; the others are rethrown (e.g. retryable delivery failures park). */
  only?: (error: unknown) => boolean;
}

/** An incident open in this case, with the step's rules for the update validator. */
export interface PendingIncident {
  incidentId: string;
  step: string;
  errorType: string;
  skip?: () => unknown;
  continueWith?: (value: Record<string, unknown>) => unknown;
  action?: IncidentAction;
}

/** Thrown out of the step whose incident was resolved with "close"; the workflow then closes the case. */
export class CaseClosed extends Error {}

/** True when the activity gave up at once (non-retryable), as opposed to running out of retries. */
export function isNonRetryable(error: unknown): boolean {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.nonRetryable === true;
}

/** Runs a step; a failure that ends it for good becomes an incident instead of failing the case. */
export async function withIncident<T>(
  state: CaseState,
  step: string,
  fn: () => Promise<T>,
  resolutions: StepResolutions<T> = {},
): Promise<T> {
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isIncidentFailure(error) || (resolutions.only && !resolutions.only(error))) throw error;
      const held = await holdIncident(state, step, error, resolutions);
      if (!held.retry) return held.value;
    }
  }
}

async function holdIncident<T>(
  state: CaseState,
  step: string,
  error: unknown,
  resolutions: StepResolutions<T>,
): Promise<{ retry: true } | { retry: false; value: T }> {
  const { errorType, message } = describeIncident(error);
  state.incidentCount += 1;
  const incidentId = `${state.applicationId}/incident/${state.incidentCount}`;
  const pending: PendingIncident = {
    incidentId,
    step,
    errorType,
    skip: resolutions.skip,
    continueWith: resolutions.continueWith,
  };
  state.incidents[incidentId] = pending;
  const route = state.route;
  await acts.recordIncident({
    id: incidentId,
    applicationId: state.applicationId,
    workflowId: state.applicationId,
    ars: route?.ars ?? state.ars ?? null,
    officeId: route?.officeId ?? null,
    leikaId: route?.leikaId ?? state.leikaId ?? null,
    step,
    errorType,
    message,
  });
  if (!state.beforeIncident) {
    state.beforeIncident = {
      status: state.status,
      phase: state.phase,
      text: state.statusText,
      openRequests: state.openRequests,
    };
    upsertSearchAttributes([{ key: DS_INCIDENT, value: step }]);
    await setStatus(state, state.status, 'incident', texts.incident);
  }
  let settled: T | undefined;
  await condition(() => {
    settled = pending.action ? undefined : resolutions.settledBy?.();
    return pending.action !== undefined || settled !== undefined;
  });
  const action = pending.action;
  delete state.incidents[incidentId];
  await acts.closeIncidentRecord({
    id: incidentId,
    applicationId: state.applicationId,
    state: action?.action === 'retry' ? 'retried' : 'resolved',
    outcome: action?.action === 'resolve' ? action.resolution : { outcome: action ? 'retry' : 'settled' },
    by: action?.by ?? 'case',
  });
  if (action?.action === 'resolve' && action.resolution.outcome === 'close') {
    state.closed = { message: action.resolution.message, status: action.resolution.status ?? 'COMPLETED' };
    throw new CaseClosed(`case closed at incident ${incidentId}`);
  }
  if (Object.keys(state.incidents).length === 0 && state.beforeIncident && !state.closed) {
    const before = state.beforeIncident;
    state.beforeIncident = undefined;
    upsertSearchAttributes([{ key: DS_INCIDENT, value: null }]);
    await setStatus(state, before.status, before.phase, before.text, before.openRequests);
  }
  if (!action) return { retry: false, value: settled as T };
  if (action.action === 'retry') return { retry: true };
  return { retry: false, value: resolvedValue(pending, action.resolution) as T };
}

function resolvedValue(pending: PendingIncident, resolution: IncidentResolution): unknown {
  if (resolution.outcome === 'continue') return pending.continueWith!(resolution.value);
  return pending.skip!();
}

/** The update validator: refuses what the incident's step does not allow, naming what would be allowed. */
export function assertIncidentAction(state: CaseState, action: IncidentAction): void {
  assertWellFormed(action);
  const pending = state.incidents[action.incidentId];
  if (!pending) throw new Error(`incident ${action.incidentId} is not open in this case`);
  if (pending.action) throw new Error(`incident ${action.incidentId} is already being handled`);
  if (action.action === 'retry') return;
  const allowed = ['close', ...(pending.skip ? ['skip'] : []), ...(pending.continueWith ? ['continue'] : [])];
  const outcome = action.resolution.outcome;
  if (!allowed.includes(outcome))
    throw new Error(
      `outcome "${outcome}" is not possible at step ${pending.step}; possible: retry, ${allowed.join(', ')}`,
    );
  if (action.resolution.outcome === 'continue') pending.continueWith!(action.resolution.value);
}
