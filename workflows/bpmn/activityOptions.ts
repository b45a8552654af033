// Activity options of the BPMN interpreter's kinds of activity, defined once; the case workflows use the
// caseworker-task kind too (workflows/activityOptions.ts holds the case's own kinds).
import type { ActivityOptions } from '@temporalio/workflow';

/** Opening and closing caseworker tasks (the default review and BPMN user tasks). */
export const CASEWORKER_TASK: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};

/** BPMN service tasks: the model's retries and the process's timeout; the listed failures are final. */
export function serviceTaskOptions(
  timeout: ActivityOptions['startToCloseTimeout'],
  retries: number,
  nonRetryableErrorTypes: string[],
): ActivityOptions {
  return {
    startToCloseTimeout: timeout,
    retry: {
      initialInterval: '1 second',
      maximumInterval: '1 minute',
      maximumAttempts: Math.max(1, retries),
      nonRetryableErrorTypes,
    },
  };
}

/** Signal broadcast: retried for a while (receivers drop repeats), then an incident at the throw event. */
export const SIGNAL_BROADCAST: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
};
