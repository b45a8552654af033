// The one contract for completing a caseworker task, whichever workflow owns it (the case itself, the default
// review, a BPMN process): the API sends this update to the task's workflow.
import { defineUpdate } from '@temporalio/workflow';

export interface CompleteUserTaskInput {
  taskId: string;
  /** Values of the task's form fields (validated against them by the API and the update validator). */
  output?: Record<string, unknown>;
}

export interface CompleteUserTaskResult {
  completed: true;
  taskId: string;
  /** The BPMN element of the task, for tasks of a BPMN process. */
  elementId?: string;
}

/** Caseworker: complete an open task with its form output. */
export const completeUserTaskUpdate = defineUpdate<CompleteUserTaskResult, [CompleteUserTaskInput]>(
  'completeUserTask',
);
