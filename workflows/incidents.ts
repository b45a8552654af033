// The incident contract shared by the application workflow and the BPMN office process: what an administrator
// may do with an open incident (one update definition for both), and how a failure reads as an incident.
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  defineUpdate,
  isCancellation,
  TemporalFailure,
  TimeoutFailure,
} from '@temporalio/workflow';

/** How an administrator ends an incident without retrying the step. */
export type IncidentResolution =
  /** Leave the step out; the case goes on as if it had produced nothing (only where a step allows it). */
  | { outcome: 'skip' }
  /** Go on with this value as the step's result (each step says which fields it takes). */
  | { outcome: 'continue'; value: Record<string, unknown> }
  /** Close the case; the applicant receives `message` (German) in the mailbox (application steps only). */
  | { outcome: 'close'; message: string; status?: 'COMPLETED' | 'REJECTED' }
  /** Throw this BPMN error at the element, so the model's boundary event or event sub-process takes over (BPMN only). */
  | { outcome: 'error'; code: string; message?: string };

export type IncidentAction =
  | { incidentId: string; action: 'retry'; by: string }
  | { incidentId: string; action: 'resolve'; by: string; resolution: IncidentResolution };

export const RESOLUTION_OUTCOMES = ['skip', 'continue', 'close', 'error'] as const;
export const MAX_CLOSE_MESSAGE = 2000;

/** Administrator: retry the step of an open incident, or resolve it with an explicit outcome. */
export const incidentActionUpdate = defineUpdate<{ incidentId: string; accepted: true }, [IncidentAction]>(
  'incidentAction',
);

/** What the incidents table receives (activity input). */
export interface IncidentRecord {
  id: string;
  applicationId: string;
  workflowId: string;
  ars?: string | null;
  officeId?: string | null;
  leikaId?: string | null;
  step: string;
  elementId?: string | null;
  errorType: string;
  message: string;
}

/** An open incident as a workflow's query shows it. */
export interface OpenIncident {
  incidentId: string;
  step: string;
  elementId?: string;
  errorType: string;
}

/** True for failures that end a step for good: activities out of retries or non-retryable, failed children. */
export function isIncidentFailure(error: unknown): boolean {
  if (isCancellation(error)) return false;
  return error instanceof TemporalFailure;
}

/** The failure's explicit type (e.g. ROUTING_FAILED, rule-timeout) and message, looking through wrappers. */
export function describeIncident(error: unknown): { errorType: string; message: string } {
  let cause: unknown = error;
  while (
    (cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) &&
    cause.cause !== undefined
  )
    cause = cause.cause;
  if (cause instanceof ApplicationFailure)
    return { errorType: cause.type || 'APPLICATION_FAILURE', message: cause.message };
  if (cause instanceof TimeoutFailure) return { errorType: 'TIMEOUT', message: cause.message };
  if (error instanceof ChildWorkflowFailure) return { errorType: 'CHILD_FAILED', message: error.message };
  return { errorType: 'UNKNOWN', message: cause instanceof Error ? cause.message : String(cause) };
}

/** Refuses an action that is malformed whatever the step (the step's own rules come on top). */
export function assertWellFormed(action: IncidentAction): void {
  if (action.action === 'retry') return;
  if (action.action !== 'resolve') throw new Error('action must be "retry" or "resolve"');
  const r = action.resolution as Partial<IncidentResolution> & Record<string, unknown>;
  if (!r || !(RESOLUTION_OUTCOMES as readonly string[]).includes(String(r.outcome)))
    throw new Error(`resolution.outcome must be one of ${RESOLUTION_OUTCOMES.join(', ')}`);
  if (r.outcome === 'continue' && (typeof r.value !== 'object' || r.value === null || Array.isArray(r.value)))
    throw new Error('resolution.value must be an object for outcome "continue"');
  if (r.outcome === 'close') {
    const message = typeof r.message === 'string' ? r.message.trim() : '';
    if (!message || message.length > MAX_CLOSE_MESSAGE)
      throw new Error(`resolution.message must be a German text of 1 to ${MAX_CLOSE_MESSAGE} characters`);
    if (r.status !== undefined && r.status !== 'COMPLETED' && r.status !== 'REJECTED')
      throw new Error('resolution.status must be COMPLETED or REJECTED');
  }
  if (r.outcome === 'error' && (typeof r.code !== 'string' || !r.code.trim()))
    throw new Error('resolution.code must name the BPMN error for outcome "error"');
}
