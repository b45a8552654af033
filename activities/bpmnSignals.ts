// The signal broadcast of BPMN signal throw events: finds the running instances that wait for the signal
// (search attribute DsBpmnSignals, kept by workflows/bpmn/signalAttribute.ts) and signals each of them.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
} from '@temporalio/common';
import { Context } from '@temporalio/activity';
import { bpmnSignalSignal, type BpmnProcessInput, type BpmnSignal } from '../workflows/bpmn/api';
import { activeSignalStarts, type SignalStartTarget } from '../bpmn/signalStarts';
import type { Pool } from '../db/pool';

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

/**
 * Starts one instance per active signal start event. The workflow id names the throw, so a retried
 * broadcast finds the instance already started (also after it ended: duplicates are rejected).
 */
export function createSignalStarter(
  pool: Pool,
  client: () => Client | undefined,
  taskQueue?: string,
): SignalStarter {
  return async (signal) => {
    const temporal = client();
    if (!temporal) return 0;
    const queue = taskQueue ?? Context.current().info.taskQueue;
    let started = 0;
    for (const target of await activeSignalStarts(pool, signal.name)) {
      const input: BpmnProcessInput = {
        modelRef: { modelId: target.modelId, version: target.version },
        processId: target.processId,
        startEventId: target.startEventId,
        variables: signal.variables ?? {},
        // No case behind it: the throw names the instance (incidents carry this key instead of a case id).
        businessKey: `signal:${signal.throwId}`,
      };
      try {
        await temporal.workflow.start('bpmnProcessWorkflow', {
          taskQueue: queue,
          workflowId: signalStartWorkflowId(signal.throwId, target),
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [input],
        });
        started += 1;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    }
    return started;
  };
}

/** Workflow id of the instance a signal start event started for one throw. */
export function signalStartWorkflowId(throwId: string, target: SignalStartTarget): string {
  return `bpmn-signal/${throwId}/${target.modelId}@${target.version}/${target.processId}/${target.startEventId}`;
}
