// One generic activity for all BPMN service/send/business-rule/script tasks: the task type picks the
// hub handler from a registry, so a model binds to hub activities by name only.
import { ApplicationFailure } from '@temporalio/common';
import { BPMN_ERROR, UNKNOWN_TASK_TYPE, type ServiceTaskRequest } from '../workflows/bpmn/api';

export type { ServiceTaskRequest };

/** A hub handler for one task type; returns the output variables (or nothing). */
export type ServiceTaskHandler = (request: ServiceTaskRequest) => Promise<Record<string, unknown> | void>;

/** A modelled BPMN error: boundary error events (and error event sub-processes) with this code catch it. */
export function bpmnError(
  code: string,
  message = `BPMN error ${code}`,
  variables?: Record<string, unknown>,
): ApplicationFailure {
  return ApplicationFailure.create({
    type: BPMN_ERROR,
    message,
    nonRetryable: true,
    details: [{ code, message, ...(variables ? { variables } : {}) }],
  });
}

/** The `runServiceTask` activity over a registry of handlers keyed by task type. */
export function createServiceTaskActivities(handlers: Record<string, ServiceTaskHandler>) {
  const registry = new Map(Object.entries(handlers));
  return {
    /** Runs the handler registered for the request's task type. */
    async runServiceTask(request: ServiceTaskRequest): Promise<Record<string, unknown>> {
      const handler = registry.get(request.taskType);
      if (!handler) {
        throw ApplicationFailure.create({
          type: UNKNOWN_TASK_TYPE,
          nonRetryable: true,
          message: `No handler for task type "${request.taskType}" (element ${request.elementId}). Known types: ${[...registry.keys()].sort().join(', ') || 'none'}.`,
        });
      }
      return (await handler(request)) ?? {};
    },
  };
}
