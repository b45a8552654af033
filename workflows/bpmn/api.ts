// The interpreter's contract with the hub: input/output, signals, updates, queries and the activities it
// calls. Clients import these definitions so names cannot drift.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { FormField, GuidedStep, ProcessModel } from './model';
import type { EngineState } from './state';
import type { IncidentRecord, OpenIncident } from '../incidents';

/** A compiled model version in the depot. Versions are immutable, so the reference pins the model. */
export interface ModelRef {
  modelId: string;
  version: number;
}

export interface BpmnProcessInput {
  /** The model by reference: loaded through `loadProcessModelPart`, so payloads stay small. */
  modelRef?: ModelRef;
  /** The model inline: histories recorded before models travelled by reference, tests and benchmarks. */
  model?: ProcessModel;
  /** Process to run; defaults to `model.mainProcessId` (call activities pass the called process). */
  processId?: string;
  variables: Record<string, unknown>;
  businessKey: string;
  /** Start at this start event (e.g. one of several message start events); default: the none start event. */
  startEventId?: string;
  /** State carried over by continue-as-new; never set by callers. */
  resume?: EngineState;
  limits?: BpmnLimits;
}

export interface BpmnLimits {
  /** Element activations per run before the workflow continues as new (default 1000). */
  stepsPerRun?: number;
  /** Start-to-close timeout of one service-task attempt (default '10 minutes'). */
  serviceTaskTimeout?: string;
}

export interface BpmnError {
  code: string;
  message: string;
  /** The element where the error was raised or the incident happened. */
  elementId?: string;
  /** true: a technical failure (task retries exhausted, FEEL error, no outgoing flow), not a modelled BPMN error. */
  incident?: boolean;
}

export interface BpmnProcessResult {
  state: 'completed' | 'terminated' | 'failed';
  endEventId?: string;
  variables: Record<string, unknown>;
  error?: BpmnError;
}

export interface BpmnMessage {
  name: string;
  correlationKey?: string;
  variables?: Record<string, unknown>;
}

/** A signal broadcast: every running instance subscribed to `name` takes it once (`throwId` dedups redelivery). */
export interface BpmnSignal {
  throwId: string;
  name: string;
  variables?: Record<string, unknown>;
}

export type { CompleteUserTaskInput } from '../userTasks';

export interface BpmnStateView {
  processId: string;
  status: 'running' | BpmnProcessResult['state'];
  /** Element instances currently active (a token each), with what they wait for. */
  tokens: { instanceId: string; elementId: string; waitingFor?: string; taskId?: string }[];
  /** Open timer and message subscriptions (boundary events, catch events, event sub-process starts). */
  waits: {
    elementId: string;
    type: 'timer' | 'message' | 'signal';
    dueAt?: string;
    messageName?: string;
    signalName?: string;
    correlationKey?: string;
  }[];
  userTasks: { taskId: string; elementId: string }[];
  variables: Record<string, unknown>;
  /** Messages received that no subscription took yet. */
  bufferedMessages: number;
  /** How many times this process instance continued as new. */
  runs: number;
  /** Set while a new instance reads its model (just after start): no tokens yet. */
  loading?: true;
  /** Incidents open at elements (retry or resolve them with the incidentAction update). */
  incidents?: OpenIncident[];
}

/** A message for message catch events, receive tasks, message start events and message boundary events. */
export const bpmnMessageSignal = defineSignal<[BpmnMessage]>('bpmnMessage');
/** A signal broadcast (sent by the broadcastBpmnSignal activity to every subscribed instance). */
export const bpmnSignalSignal = defineSignal<[BpmnSignal]>('bpmnSignal');
/** Completes an open user task with the caseworker's form output (the one contract of all task owners). */
export { completeUserTaskUpdate } from '../userTasks';
/** Active tokens, waits and variables, for administrators and tests. */
export const bpmnStateQuery = defineQuery<BpmnStateView>('bpmnState');

export interface ServiceTaskRequest {
  taskType: string;
  elementId: string;
  processInstanceId: string;
  businessKey: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface OpenCaseworkerTaskRequest {
  /** Stable per element instance (`workflowId:elementId:instanceId`), so activity retries open one task. */
  taskId: string;
  workflowId: string;
  runId?: string;
  businessKey: string;
  elementId: string;
  name: string;
  formFields: FormField[];
  candidateGroups: string[];
  candidateUsers?: string[];
  assignee?: string;
  /** Guided mode (docs/bpmn-interpreter.md): a manual step, a choice or a confirmation, with instructions. */
  guided?: GuidedStep;
  variables: Record<string, unknown>;
}

/** One slice of a compiled model's JSON; the workflow asks again from `offset + json.length` until `total`. */
export interface ModelPart {
  json: string;
  total: number;
}

/** The activities the interpreter calls; the worker registers implementations under these names. */
export interface BpmnActivities {
  /** Reads a slice of a compiled model version (slices keep each activity result far below the payload limit). */
  loadProcessModelPart(request: { ref: ModelRef; offset: number }): Promise<ModelPart>;
  /** Runs the hub activity bound to a service/send/business-rule/script task type; returns output variables. */
  runServiceTask(request: ServiceTaskRequest): Promise<Record<string, unknown>>;
  /** Creates a caseworker task in the office's task list. */
  openCaseworkerTask(request: OpenCaseworkerTaskRequest): Promise<{ taskId: string }>;
  /** Records an incident at an element (table row and protocol entry). */
  recordIncident(incident: IncidentRecord): Promise<void>;
  /** Records how an incident ended. */
  closeIncidentRecord(input: {
    id: string;
    applicationId: string;
    state: 'retried' | 'resolved';
    outcome: Record<string, unknown>;
    by: string;
  }): Promise<void>;
  /** Broadcasts a thrown signal to every running subscribed instance and starts processes with that signal start. */
  broadcastBpmnSignal(request: BpmnSignal & { sourceWorkflowId: string }): Promise<{
    delivered: number;
    started: number;
  }>;
  /** Closes a caseworker task, also when a boundary event interrupted it. */
  closeCaseworkerTask(request: {
    taskId: string;
    outcome: 'completed' | 'cancelled';
    output?: Record<string, unknown>;
  }): Promise<void>;
}

/** Failure type a service-task handler uses to raise a BPMN error (details[0] = { code, message?, variables? }). */
export const BPMN_ERROR = 'BPMN_ERROR';
/** Failure type when a referenced model version is not in the depot. */
export const MODEL_NOT_FOUND = 'MODEL_NOT_FOUND';
/** Failure type for a task type no handler is registered for. */
export const UNKNOWN_TASK_TYPE = 'UNKNOWN_TASK_TYPE';
