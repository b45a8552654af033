// Activity options of the case workflows, one definition per kind, so timeouts and retries are read in one
// place; the BPMN interpreter's kinds (caseworker task, service task) are in bpmn/activityOptions.ts.
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import type { CaseTiming } from './caseTypes';

/** The case's own steps: short database or HTTP calls; a dead worker's attempt is retried after 30 s. */
export const CASE_STEP: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};

/**
 * The case's pure database look-ups and writes (route, status, office process): local activities run inside the
 * workflow task, without two trips through the server's task queues; same timeouts and retries as CASE_STEP.
 */
export const CASE_LOCAL_STEP: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};

/** Patch id of the switch to local activities; cases started before it replay with regular activities. */
export const LOCAL_LOOKUPS = 'local-lookups';

/** Deliveries: retried by the case's delivery timing; when retries run out the delivery is parked. */
export function deliveryOptions(timing: CaseTiming['delivery']): ActivityOptions {
  return {
    // Short, so a delivery whose worker died is retried soon (HTTP calls time out after 15 s).
    startToCloseTimeout: '30 seconds',
    retry: {
      maximumAttempts: timing.maximumAttempts,
      initialInterval: timing.initialIntervalMs,
      maximumInterval: timing.maximumIntervalMs,
      backoffCoefficient: 2,
    },
  };
}
