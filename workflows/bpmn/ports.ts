// The seam between the synchronous token engine and Temporal: the engine asks for side effects through
// `Effects` and learns about their outcomes (and about signals and updates) as `EngineEvent`s.
import type { FormField, GuidedStep, TaskBinding } from './model';
import type { BpmnMessage, BpmnProcessResult, BpmnSignal } from './api';
import type { IncidentAction, IncidentResolution } from '../incidents';
import type { Subscription } from './state';

export type JobRequest =
  | { kind: 'service'; elementId: string; binding: TaskBinding; variables: Record<string, unknown> }
  | {
      kind: 'openTask';
      instanceId: string;
      elementId: string;
      name: string;
      formFields: FormField[];
      candidateGroups: string[];
      candidateUsers?: string[];
      assignee?: string;
      /** Guided mode: what kind of caseworker step this is, with instructions. */
      guided?: GuidedStep;
      variables: Record<string, unknown>;
    }
  | { kind: 'signal'; elementId: string; name: string; variables: Record<string, unknown> }
  | {
      kind: 'closeTask';
      taskId: string;
      outcome: 'completed' | 'cancelled';
      output?: Record<string, unknown>;
    };

export interface ChildRequest {
  processId: string;
  variables: Record<string, unknown>;
}

export interface Effects {
  /** Temporal's patched(): true on new paths, false while replaying a history recorded before the patch. */
  patched(patchId: string): boolean;
  /** Workflow time in epoch milliseconds. */
  now(): number;
  startJob(instanceId: string, seq: number, job: JobRequest): void;
  cancelJob(instanceId: string): void;
  /** Closes a caseworker task as cancelled, independent of any instance (its instance is gone). */
  closeTaskDetached(taskId: string): void;
  armTimer(subscription: Subscription): void;
  disarmTimer(subscriptionId: string): void;
  startChild(instanceId: string, request: ChildRequest): void;
  cancelChild(instanceId: string): void;
  /** Hands a message on to the child workflows of these call-activity instances. */
  forwardMessage(instanceIds: string[], message: BpmnMessage): void;
  /** The process-wide id of the n-th incident of this process instance. */
  incidentId(n: number): string;
  /** Records an incident that keeps its element waiting; marks the process as having one. */
  raiseIncident(incident: { incidentId: string; elementId: string; code: string; message: string }): void;
  /** Records how an incident ended; `stillOpen` is how many others remain. */
  closeIncident(
    incidentId: string,
    outcome: {
      state: 'retried' | 'resolved';
      resolution: IncidentResolution | { outcome: string };
      by: string;
    },
    stillOpen: number,
  ): void;
}

export interface JobFailure {
  /** Set when the handler raised a modelled BPMN error (failure type BPMN_ERROR). */
  bpmnError?: { code: string; message: string; variables?: Record<string, unknown> };
  /** Failure type of a technical failure (e.g. UNKNOWN_TASK_TYPE). */
  type?: string;
  message: string;
}

export type EngineEvent =
  | {
      type: 'jobDone';
      instanceId: string;
      seq: number;
      purpose: JobRequest['kind'];
      result: Record<string, unknown>;
    }
  | { type: 'jobFailed'; instanceId: string; seq: number; purpose: JobRequest['kind']; failure: JobFailure }
  | { type: 'timer'; subscriptionId: string; dueAt: number }
  | { type: 'message'; message: BpmnMessage }
  | { type: 'signal'; signal: BpmnSignal }
  | { type: 'userTaskCompleted'; taskId: string; output: Record<string, unknown> }
  | { type: 'childDone'; instanceId: string; result: BpmnProcessResult }
  | { type: 'childFailed'; instanceId: string; message: string }
  | { type: 'incidentAction'; action: IncidentAction };
