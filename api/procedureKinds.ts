// The caseworker API refuses decisions that do not fit the case's procedure kind, before the workflow sees them.
import type { ProcedureKind } from '../workflows/caseTypes';
import { decisionMismatch } from '../workflows/procedure';
import { Problem } from './problems';

/** Throws procedure-kind-mismatch (422) for approve/reject on an Anzeige, or acknowledge on anything else. */
export function assertDecisionFits(kind: ProcedureKind | undefined, decision: unknown): void {
  const mismatch = decisionMismatch(kind ?? 'application', decision);
  if (mismatch) throw new Problem('procedure-kind-mismatch', `body.decision: ${mismatch}.`);
}
