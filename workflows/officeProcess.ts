// The seam to the office's internal process: a child workflow, either the default review or an
// imported BPMN model pinned at case start. Either way it yields the decision.
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  executeChild,
  isCancellation,
  ParentClosePolicy,
} from '@temporalio/workflow';
import type { Decision } from './caseTypes';
import { acts, lookups, type CaseState } from './caseState';
import { withIncident } from './caseIncidents';
import { officeReviewWorkflow } from './officeReview';
import { bpmnProcessWorkflow } from './bpmn/workflow';
import { DS_LEVEL, DS_MUNICIPALITY, DS_OFFICE, DS_SERVICE } from './searchAttributes';

/**
 * Reads the decision from a finished BPMN process's variables; a guided process (docs/bpmn-interpreter.md)
 * without a `decision` variable decides by the label of its last choice ("genehmigt" / "abgelehnt").
 */
export function decisionFromVariables(variables: Record<string, unknown>): Decision | undefined {
  const raw = String(variables.decision ?? variables.guidedChoiceLabel ?? '')
    .trim()
    .toLowerCase();
  const decision = ['approved', 'approve', 'genehmigt'].includes(raw)
    ? 'approved'
    : ['rejected', 'reject', 'abgelehnt'].includes(raw)
      ? 'rejected'
      : undefined;
  if (!decision) return undefined;
  return {
    decision,
    reasons: typeof variables.reasons === 'string' ? variables.reasons : '',
    decidedBy: typeof variables.decidedBy === 'string' ? variables.decidedBy : 'Sachbearbeitung',
  };
}

/** The value of "continue" at a process incident: the decision an administrator records for the office. */
function decisionFromResolution(value: Record<string, unknown>): Decision {
  const decision = decisionFromVariables(value);
  if (!decision) throw new Error('value.decision must be "approved" or "rejected" (value.reasons optional)');
  return { ...decision, decidedBy: decision.decidedBy };
}

/**
 * Runs the office's process until it, or a caseworker through the API, decides. A process that fails or ends
 * without a decision is an incident at step "process": retry runs it again; "continue" takes a decision.
 */
export async function runOfficeProcess(
  state: CaseState,
  variables: Record<string, unknown>,
): Promise<Decision> {
  const route = state.route!;
  const process = await lookups().loadOfficeProcess({ leikaId: route.leikaId, ars: route.ars });
  const workflowId = `${state.applicationId}/process`;
  state.childWorkflowId = workflowId;
  state.childKind = process.kind;
  // The office's process is filterable in the Temporal UI by the same attributes as its case.
  const typedSearchAttributes = [
    { key: DS_SERVICE, value: route.leikaId },
    { key: DS_MUNICIPALITY, value: route.ars },
    { key: DS_OFFICE, value: route.officeId },
    { key: DS_LEVEL, value: route.level },
  ];
  // A case closed at an incident cancels its process instead of leaving it to be terminated.
  const parentClosePolicy = ParentClosePolicy.REQUEST_CANCEL;

  const runOnce = async (): Promise<Decision> => {
    let ended: { error?: unknown } | undefined;
    const scope = new CancellationScope();
    state.cancelOfficeProcess = () => scope.cancel();
    const child = scope.run(async (): Promise<Decision | undefined> => {
      if (process.kind === 'default') {
        return executeChild(officeReviewWorkflow, {
          workflowId,
          typedSearchAttributes,
          parentClosePolicy,
          args: [{ applicationId: state.applicationId, route }],
        });
      }
      const result = await executeChild(bpmnProcessWorkflow, {
        workflowId,
        typedSearchAttributes,
        parentClosePolicy,
        args: [
          {
            // Results recorded before models travelled by reference carry the model itself.
            ...(process.modelRef ? { modelRef: process.modelRef } : { model: process.model }),
            businessKey: state.applicationId,
            variables: { ...variables, businessKey: state.applicationId },
          },
        ],
      });
      return decisionFromVariables(result.variables);
    });
    child.then(
      (decision) => {
        if (!state.decision && decision) state.decision = decision;
        if (!decision) ended = {};
      },
      (error: unknown) => {
        if (!isCancellation(error)) ended = { error };
      },
    );
    await condition(() => state.decision !== undefined || ended !== undefined);
    state.cancelOfficeProcess = undefined;
    if (!state.decision) {
      if (ended?.error) throw ended.error;
      throw ApplicationFailure.nonRetryable(
        `office process ${workflowId} ended without a decision`,
        'NO_DECISION',
      );
    }
    // A decision through the API ends the process; its tasks must not linger in the office's list.
    scope.cancel();
    return state.decision;
  };

  const decision = await withIncident(state, 'process', runOnce, {
    continueWith: decisionFromResolution,
    settledBy: () => state.decision,
  });
  state.decision ??= decision;
  await acts.cancelOpenTasks({ workflowId });
  return state.decision;
}
