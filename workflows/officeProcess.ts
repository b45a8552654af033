// The seam to the office's internal process: a child workflow, either the default review or an
// imported BPMN model pinned at case start. Either way it yields the decision.
import { CancellationScope, condition, executeChild, isCancellation, log } from '@temporalio/workflow';
import type { Decision } from './caseTypes';
import { acts, protocol, type CaseState } from './caseState';
import { officeReviewWorkflow } from './officeReview';
import { DS_LEVEL, DS_MUNICIPALITY, DS_OFFICE, DS_SERVICE } from './searchAttributes';

interface BpmnResult {
  state: string;
  variables: Record<string, unknown>;
}

/** Reads the decision from a finished BPMN process's variables. */
export function decisionFromVariables(variables: Record<string, unknown>): Decision | undefined {
  const raw = String(variables.decision ?? '').toLowerCase();
  const decision = ['approved', 'approve', 'genehmigt'].includes(raw)
    ? 'approved'
    : ['rejected', 'reject', 'abgelehnt'].includes(raw)
      ? 'rejected'
      : undefined;
  if (!decision) return undefined;
  return {
    decision,
    reasons: String(variables.reasons ?? ''),
    decidedBy: String(variables.decidedBy ?? 'Sachbearbeitung'),
  };
}

/** Runs the office's process until it, or a caseworker through the API, decides. */
export async function runOfficeProcess(
  state: CaseState,
  variables: Record<string, unknown>,
): Promise<Decision> {
  const route = state.route!;
  const process = await acts.loadOfficeProcess({ leikaId: route.leikaId, ars: route.ars });
  const workflowId = `${state.applicationId}/process`;
  state.childWorkflowId = workflowId;
  state.childKind = process.kind;
  let failed = false;
  // The office's process is filterable in the Temporal UI by the same attributes as its case.
  const typedSearchAttributes = [
    { key: DS_SERVICE, value: route.leikaId },
    { key: DS_MUNICIPALITY, value: route.ars },
    { key: DS_OFFICE, value: route.officeId },
    { key: DS_LEVEL, value: route.level },
  ];
  const scope = new CancellationScope();
  const child = scope.run(async (): Promise<Decision | undefined> => {
    if (process.kind === 'default') {
      return executeChild(officeReviewWorkflow, {
        workflowId,
        typedSearchAttributes,
        args: [{ applicationId: state.applicationId, route }],
      });
    }
    const result = await executeChild<(input: unknown) => Promise<BpmnResult>>('bpmnProcessWorkflow', {
      workflowId,
      typedSearchAttributes,
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
      if (!decision) failed = true;
    },
    (error: unknown) => {
      if (!isCancellation(error)) {
        log.warn('office process failed; a caseworker decides through the API', { error: String(error) });
        failed = true;
      }
    },
  );
  await condition(() => state.decision !== undefined || failed);
  if (!state.decision) {
    await protocol(state, {
      step: 'process',
      outcome: 'error',
      detail: { process: workflowId, note: 'ended without a decision' },
    });
    await condition(() => state.decision !== undefined);
  }
  // A decision through the API ends the process; its tasks must not linger in the office's list.
  scope.cancel();
  await acts.cancelOpenTasks({ workflowId });
  return state.decision!;
}
