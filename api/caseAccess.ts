// Who may see and act on a case, and how workflow refusals become problem documents.
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Pool } from '../db/pool';
import { getApplication, type ApplicationRow } from '../db/applications';
import type { RouteDecision } from '../workflows/caseTypes';
import { assertMayReadApplication, type Principal } from './auth';
import { Problem } from './problems';

export type CaseRef = ApplicationRow;

export async function loadCase(pool: Pool, id: string, principal: Principal): Promise<CaseRef> {
  const application = await getApplication(pool, id);
  if (!application) throw new Problem('not-found', `No application ${id}.`);
  // Caseworkers see cases handled in their municipality (after redirects), not where they were filed.
  assertMayReadApplication(principal, { id, ars: application.route?.ars ?? application.ars });
  return application;
}

/** Actions on a case are for the caseworkers of the office that handles it (and admins). */
export function assertHandlingOffice(principal: Principal, c: CaseRef): RouteDecision {
  if (!c.route)
    throw new Problem(
      'invalid-action',
      `Application ${c.id} has not been routed to an office yet; try again shortly.`,
    );
  if (
    principal.role === 'caseworker' &&
    (principal.ars !== c.route.ars || principal.officeId !== c.route.officeId)
  ) {
    throw new Problem(
      'forbidden',
      `Application ${c.id} is handled by office ${c.route.officeId}; your token belongs to ${principal.officeId}.`,
    );
  }
  return c.route;
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
