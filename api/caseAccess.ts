// Who may see and act on a case, and how workflow refusals become problem documents.
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Pool } from '../db/pool';
import { getApplication, type ApplicationRow } from '../db/applications';
import { listAttachments } from '../db/attachments';
import type { RouteDecision } from '../workflows/caseTypes';
import type { Principal } from './auth';
import { Problem } from './problems';

export type CaseRef = ApplicationRow;

/**
 * Who sees a case: hub operators all; the applicant their own; caseworkers only cases their office handles
 * (after routing and redirects). Everyone else gets the same 404 as for a missing case, so ids cannot be probed.
 * Participating offices (level 4) do not see the case: they see their statement task (see statementExcerpt).
 */
export function mayReadCase(principal: Principal, c: CaseRef): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'applicant') return principal.applicationId === c.id;
  if (principal.role === 'caseworker') return !!c.route && principal.officeIds.includes(c.route.officeId);
  return false;
}

/** An applicant's own application id; any other id gets the same 404 as a missing case. */
export function ownApplication(principal: Principal, id: string): string {
  if (principal.role !== 'applicant' || principal.applicationId !== id)
    throw new Problem('not-found', `No application ${id} visible to this token.`);
  return id;
}

export async function loadCase(pool: Pool, id: string, principal: Principal): Promise<CaseRef> {
  const application = await getApplication(pool, id);
  if (!application || !mayReadCase(principal, application))
    throw new Problem('not-found', `No application ${id} visible to this token.`);
  return application;
}

/** Actions on a case are for the caseworkers of the office that handles it (and operators); it must be routed. */
export function assertHandlingOffice(principal: Principal, c: CaseRef): RouteDecision {
  if (!c.route)
    throw new Problem(
      'invalid-action',
      `Application ${c.id} has not been routed to an office yet; try again shortly.`,
    );
  // loadCase has checked this already; repeated so an action can never rest on a read check alone.
  if (
    principal.role !== 'admin' &&
    !(principal.role === 'caseworker' && principal.officeIds.includes(c.route.officeId))
  )
    throw new Problem('not-found', `No application ${c.id} visible to this token.`);
  return c.route;
}

/**
 * What a participating office needs for its statement, no more: the service, the handling office and the
 * form data with the list of attachments (downloaded through the task: /tasks/{taskId}/attachments/{id}).
 * Not the applicant's contact data, status, other tasks or the record.
 */
export async function statementExcerpt(pool: Pool, applicationId: string) {
  const c = await getApplication(pool, applicationId);
  if (!c) return null;
  return {
    applicationId: c.id,
    leikaId: c.leikaId,
    serviceName: c.route?.serviceName ?? null,
    municipality: c.route?.municipalityName ?? null,
    handlingOffice: c.route ? { id: c.route.officeId, name: c.route.officeName } : null,
    submittedAt: c.createdAt,
    formData: c.formData,
    attachments: await listAttachments(pool, applicationId),
  };
}

/** Runs a workflow update; a validator's refusal becomes 409 with the workflow's reason. */
export async function asCaseAction<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const reason = (error.cause as Error | undefined)?.message ?? error.message;
      throw new Problem('invalid-action', `${what} refused: ${reason}`);
    }
    if (caseIsClosed(error)) throw new Problem('invalid-action', `${what} refused: the case is closed.`);
    // Temporal could not hand the action to the case now (a worker restarting, too many updates in flight):
    // a transient state, so 503 with Retry-After rather than an internal error.
    if (error instanceof ServiceError) {
      const code = isGrpcServiceError(error.cause) ? ` (gRPC status ${error.cause.code})` : '';
      throw new Problem(
        'unavailable',
        `${what} could not reach the case just now${code}. Try again in a few seconds; if it had already been applied, the repetition is refused with 409.`,
      );
    }
    throw error;
  }
}

// gRPC status NOT_FOUND: the server's answer for an update or signal to a workflow that has ended.
const GRPC_NOT_FOUND = 5;

/** Whether Temporal refused because the case's workflow no longer runs (by error type and status code). */
function caseIsClosed(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  const cause = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(cause) && cause.code === GRPC_NOT_FOUND;
}
