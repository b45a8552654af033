// The default internal process of an office when no BPMN model is active: one caseworker task
// "review and decide". A BPMN process (workflows/bpmn) takes its place when a model is activated.
import {
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Decision, RouteDecision, TaskOutput } from './caseTypes';
import { assertFormOutput, DEFAULT_MAX_TEXT, type AnnouncedField } from './forms';
import { completeUserTaskUpdate } from './userTasks';

const { openCaseworkerTask, closeCaseworkerTask } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
});

/** "reasons" is optional: without it the notice states a standard sentence (workflows/texts.ts). */
export const REVIEW_FORM: AnnouncedField[] = [
  { id: 'decision', label: 'Entscheidung', type: 'enum', values: ['approved', 'rejected'], required: true },
  { id: 'reasons', label: 'Begründung', type: 'text', required: false, maxLength: DEFAULT_MAX_TEXT },
];

/** Opens the review task and returns the caseworker's decision. */
export async function officeReviewWorkflow(input: {
  applicationId: string;
  route: RouteDecision;
}): Promise<Decision> {
  const workflowId = workflowInfo().workflowId;
  const taskId = `${workflowId}:review-and-decide`;
  let output: TaskOutput | undefined;
  setHandler(
    completeUserTaskUpdate,
    (update) => {
      output = update.output ?? {};
      return { completed: true as const, taskId };
    },
    {
      validator: (update) => {
        if (update.taskId !== taskId)
          throw new Error(`task ${update.taskId} does not belong to this process`);
        if (output) throw new Error(`task ${taskId} is already completed`);
        assertFormOutput(REVIEW_FORM, update.output ?? {});
      },
    },
  );
  await openCaseworkerTask({
    taskId,
    workflowId,
    elementId: 'review-and-decide',
    name: 'Antrag prüfen und entscheiden',
    kind: 'review',
    applicationId: input.applicationId,
    formFields: REVIEW_FORM,
  });
  try {
    await condition(() => output !== undefined);
  } catch (error) {
    if (isCancellation(error))
      await CancellationScope.nonCancellable(() => closeCaseworkerTask({ taskId, outcome: 'cancelled' }));
    throw error;
  }
  await closeCaseworkerTask({ taskId, outcome: 'completed', output });
  return reviewDecision(output!);
}

/** The decision in a review task's output (which the validator checked against REVIEW_FORM). */
export function reviewDecision(output: TaskOutput): Decision {
  return {
    decision: output.decision as Decision['decision'],
    reasons: typeof output.reasons === 'string' ? output.reasons : '',
    decidedBy: typeof output.decidedBy === 'string' ? output.decidedBy : 'Sachbearbeitung',
  };
}
