// The engine's side effects as Temporal commands: activities, timers and child workflows, each in its own
// cancellation scope so a boundary event can cancel exactly one of them. Outcomes land in the inbox.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { DS_INCIDENT } from '../searchAttributes';
import {
  BPMN_ERROR,
  bpmnMessageSignal,
  UNKNOWN_TASK_TYPE,
  type BpmnActivities,
  type BpmnProcessInput,
} from './api';
import { CASEWORKER_TASK, serviceTaskOptions, SIGNAL_BROADCAST } from './activityOptions';
import { bpmnProcessWorkflow } from './workflow';
import type { ChildRequest, Effects, EngineEvent, JobFailure, JobRequest } from './ports';
import type { Subscription } from './state';

const caseworkerTasks = proxyActivities<BpmnActivities>(CASEWORKER_TASK);
const signalBroadcast = proxyActivities<BpmnActivities>(SIGNAL_BROADCAST);

export interface TemporalEffects extends Effects {
  /** No activity or child workflow is running (continue-as-new and the end of the process wait for this). */
  idle(): boolean;
  /** A called process is running; it cannot be carried across continue-as-new. */
  childrenRunning(): boolean;
}

/** How an activity failure reads to the engine: a modelled BPMN error or a technical failure. */
export function describeFailure(error: unknown): JobFailure {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type === BPMN_ERROR) {
    const details = (cause.details?.[0] ?? {}) as {
      code?: unknown;
      message?: unknown;
      variables?: Record<string, unknown>;
    };
    const code = typeof details.code === 'string' ? details.code : cause.message;
    const message = typeof details.message === 'string' ? details.message : cause.message;
    return {
      bpmnError: { code, message, ...(details.variables ? { variables: details.variables } : {}) },
      message,
    };
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return { message, ...(cause instanceof ApplicationFailure && cause.type ? { type: cause.type } : {}) };
}

/** Builds the effects for one workflow run; `inbox` receives the outcomes in history order. */
export function createTemporalEffects(input: BpmnProcessInput, inbox: EngineEvent[]): TemporalEffects {
  const jobs = new Map<string, CancellationScope>();
  const timers = new Map<string, CancellationScope>();
  const children = new Map<string, CancellationScope>();
  let running = 0;
  const { workflowId, runId } = workflowInfo();
  const serviceTimeout = input.limits?.serviceTaskTimeout ?? '10 minutes';

  const callActivity = (job: JobRequest, seq: number): Promise<Record<string, unknown>> => {
    if (job.kind === 'signal') {
      // One id per throw (seq is unique in the instance, across continue-as-new): receivers drop repeats.
      return signalBroadcast.broadcastBpmnSignal({
        throwId: `${workflowId}/signal/${seq}`,
        name: job.name,
        variables: job.variables,
        sourceWorkflowId: workflowId,
      }) as unknown as Promise<Record<string, unknown>>;
    }
    if (job.kind === 'service') {
      const { runServiceTask } = proxyActivities<BpmnActivities>(
        serviceTaskOptions(serviceTimeout, job.binding.retries, [BPMN_ERROR, UNKNOWN_TASK_TYPE]),
      );
      return runServiceTask({
        taskType: job.binding.taskType,
        elementId: job.elementId,
        processInstanceId: workflowId,
        businessKey: input.businessKey,
        variables: job.variables,
        headers: job.binding.headers,
      });
    }
    if (job.kind === 'openTask') {
      const {
        elementId,
        name,
        formFields,
        candidateGroups,
        candidateUsers,
        guided,
        assignee,
        variables,
        instanceId,
      } = job;
      return caseworkerTasks.openCaseworkerTask({
        // One task per element instance: loops and multi-instance open several tasks for one element.
        taskId: `${workflowId}:${elementId}:${instanceId}`,
        workflowId,
        runId,
        businessKey: input.businessKey,
        elementId,
        name,
        formFields,
        candidateGroups,
        variables,
        ...(candidateUsers ? { candidateUsers } : {}),
        ...(guided ? { guided } : {}),
        ...(assignee ? { assignee } : {}),
      });
    }
    const { taskId, outcome, output } = job;
    return caseworkerTasks
      .closeCaseworkerTask({ taskId, outcome, ...(output ? { output } : {}) })
      .then(() => ({}));
  };

  /** Runs work in its own scope, counts it as running and reports cancellation as nothing at all. */
  const track = <T>(
    registry: Map<string, CancellationScope> | undefined,
    key: string,
    scope: CancellationScope,
    work: () => Promise<T>,
    onDone: (value: T) => void,
    onError: (error: unknown) => void,
  ): void => {
    registry?.set(key, scope);
    running += 1;
    scope
      .run(work)
      .then(onDone, (error: unknown) => {
        if (!isCancellation(error)) onError(error);
      })
      .finally(() => {
        running -= 1;
        if (registry?.get(key) === scope) registry.delete(key);
      });
  };

  /** Incident records go out in order and are not cancelled with the element (the table must learn the end). */
  const incidentRecord = (work: () => Promise<void>) =>
    track(
      undefined,
      'incident',
      new CancellationScope({ cancellable: false }),
      work,
      () => {},
      () => {},
    );

  return {
    now: () => Date.now(),
    patched: (patchId) => patched(patchId),
    idle: () => running === 0,
    incidentId: (n) => `${workflowId}/incident/${n}`,
    raiseIncident({ incidentId, elementId, code, message }) {
      upsertSearchAttributes([{ key: DS_INCIDENT, value: elementId }]);
      incidentRecord(() =>
        caseworkerTasks.recordIncident({
          id: incidentId,
          applicationId: input.businessKey,
          workflowId,
          step: elementId,
          elementId,
          errorType: code,
          message,
        }),
      );
    },
    closeIncident(incidentId, { state, resolution, by }, stillOpen) {
      if (stillOpen === 0) upsertSearchAttributes([{ key: DS_INCIDENT, value: null }]);
      incidentRecord(() =>
        caseworkerTasks.closeIncidentRecord({
          id: incidentId,
          applicationId: input.businessKey,
          state,
          outcome: resolution,
          by,
        }),
      );
    },
    childrenRunning: () => children.size > 0,
    startJob(instanceId, seq, job) {
      track(
        jobs,
        instanceId,
        new CancellationScope(),
        () => callActivity(job, seq),
        (result) => inbox.push({ type: 'jobDone', instanceId, seq, purpose: job.kind, result: result ?? {} }),
        (error) =>
          inbox.push({
            type: 'jobFailed',
            instanceId,
            seq,
            purpose: job.kind,
            failure: describeFailure(error),
          }),
      );
    },
    cancelJob(instanceId) {
      jobs.get(instanceId)?.cancel();
    },
    closeTaskDetached(taskId) {
      // Not cancellable: the task must leave the caseworkers' list even while the process is being cancelled.
      track(
        undefined,
        taskId,
        new CancellationScope({ cancellable: false }),
        () => callActivity({ kind: 'closeTask', taskId, outcome: 'cancelled' }, 0),
        () => {},
        () => {},
      );
    },
    armTimer(subscription: Subscription) {
      const dueAt = subscription.timer?.dueAt ?? Date.now();
      timers.get(subscription.id)?.cancel();
      const scope = new CancellationScope();
      timers.set(subscription.id, scope);
      scope
        .run(() => sleep(Math.max(1, dueAt - Date.now())))
        .then(() => inbox.push({ type: 'timer', subscriptionId: subscription.id, dueAt }))
        .catch((error: unknown) => {
          if (!isCancellation(error)) throw error;
        })
        .finally(() => {
          if (timers.get(subscription.id) === scope) timers.delete(subscription.id);
        });
    },
    disarmTimer(subscriptionId) {
      timers.get(subscriptionId)?.cancel();
      timers.delete(subscriptionId);
    },
    startChild(instanceId, request: ChildRequest) {
      // The child reads the same model version; inline models (old histories, tests) travel inline.
      const childInput: BpmnProcessInput = {
        ...(input.modelRef ? { modelRef: input.modelRef } : { model: input.model }),
        processId: request.processId,
        variables: request.variables,
        businessKey: input.businessKey,
        ...(input.limits ? { limits: input.limits } : {}),
      };
      track(
        children,
        instanceId,
        new CancellationScope(),
        () =>
          executeChild(bpmnProcessWorkflow, {
            workflowId: `${workflowId}/${instanceId}`,
            args: [childInput],
          }),
        (result) => inbox.push({ type: 'childDone', instanceId, result }),
        (error) => inbox.push({ type: 'childFailed', instanceId, message: describeFailure(error).message }),
      );
    },
    cancelChild(instanceId) {
      children.get(instanceId)?.cancel();
    },
    forwardMessage(instanceIds, message) {
      for (const instanceId of instanceIds) {
        // A child that has just ended cannot take the message any more; that is not the parent's failure.
        track(
          undefined,
          instanceId,
          new CancellationScope({ cancellable: false }),
          () => getExternalWorkflowHandle(`${workflowId}/${instanceId}`).signal(bpmnMessageSignal, message),
          () => {},
          () => {},
        );
      }
    },
  };
}
