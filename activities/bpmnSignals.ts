// The signal broadcast of BPMN signal throw events: finds the running instances that wait for the signal
// (search attribute DsBpmnSignals, kept by workflows/bpmn/signalAttribute.ts) and signals each of them.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bpmnSignalSignal, type BpmnSignal } from '../workflows/bpmn/api';

/** Starts new instances of processes whose start event waits for this signal; answers how many started. */
export type SignalStarter = (signal: BpmnSignal) => Promise<number>;

/** Visibility query for running instances subscribed to the name (quotes escaped, the name is data). */
export function subscribersQuery(name: string): string {
  const literal = name.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `DsBpmnSignals = "${literal}" AND ExecutionStatus = "Running"`;
}

/** Activities of the signal broadcast; `client` is read at call time (the worker may connect after creating them). */
export function createBpmnSignalActivities(client: () => Client | undefined, startProcesses?: SignalStarter) {
  return {
    /** Broadcasts a thrown signal: every subscribed running instance gets it (repeats are dropped by throwId). */
    async broadcastBpmnSignal(
      request: BpmnSignal & { sourceWorkflowId: string },
    ): Promise<{ delivered: number; started: number }> {
      const temporal = client();
      if (!temporal)
        throw ApplicationFailure.nonRetryable('the worker has no Temporal client for signal broadcasts');
      const signal: BpmnSignal = {
        throwId: request.throwId,
        name: request.name,
        variables: request.variables ?? {},
      };
      let delivered = 0;
      for await (const execution of temporal.workflow.list({ query: subscribersQuery(request.name) })) {
        try {
          // No run id: an instance that continued as new takes the signal in its current run.
          await temporal.workflow.getHandle(execution.workflowId).signal(bpmnSignalSignal, signal);
          delivered += 1;
        } catch (error) {
          // Ended between the query and the signal: it no longer waits, which is what a broadcast allows.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
      const started = startProcesses ? await startProcesses(signal) : 0;
      return { delivered, started };
    },
  };
}
