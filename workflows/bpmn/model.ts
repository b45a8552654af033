// The serialisable process model: what `bpmn/compile.ts` produces from the moddle tree and what the
// interpreter workflow (`workflows/bpmn/`) executes. Plain JSON data only: no classes, no parent links,
// no cycles (elements refer to each other by id), so it can be a workflow argument and be stored as is.
//
// Expression fields follow the Camunda 8 convention and are typed as one of two aliases:
// - `Expression`: always FEEL (conditions, input collections, output elements). A leading `=` is
//   allowed and ignored, so `=amount > 100` and `amount > 100` mean the same.
// - `ValueOrExpression`: a leading `=` makes the rest FEEL (`=orderId`); anything else is a literal
//   string taken as is (`PT5M`, `order-42`). Used for timers, io-mapping sources, correlation keys,
//   message names, assignees, called process ids.

import type { CalledDecision } from './decisions';

/** FEEL source text; a leading `=` is optional. */
export type Expression = string;
/** `=FEEL` or a literal string. */
export type ValueOrExpression = string;

/** A whole imported model: one or several processes (call activities are stitched by process id). */
export interface ProcessModel {
  /** Stable id of the model (the BPMN definitions id or the depot's model id). */
  id: string;
  name: string;
  /** Version number assigned by the depot; 0 until the model is stored. */
  version: number;
  /** `zeebe:versionTag` or similar, if the source had one. */
  versionTag?: string;
  /** Hash of the source file(s), so a case can be traced to the exact XML it ran. */
  sourceHash?: string;
  processes: Record<string, ProcessDefinition>;
  /** The process a new case starts. */
  mainProcessId: string;
}

/** A flow scope: a process, an embedded sub-process or an event sub-process. */
export interface Scope {
  id: string;
  /** All flow nodes directly in this scope, including boundary events and (event) sub-processes. */
  elements: Record<string, FlowElement>;
  flows: Record<string, SequenceFlow>;
  /** Start events of this scope that a normal entry uses (not those of event sub-processes). */
  startEventIds: string[];
  /** Ids of `subProcess` elements in `elements` with `triggeredByEvent: true`. */
  eventSubProcessIds: string[];
}

/** One BPMN process (a `bpmn:process`). */
export interface ProcessDefinition extends Scope {
  name?: string;
  isExecutable: boolean;
}

export interface SequenceFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  /** Condition on a flow leaving an exclusive or inclusive gateway (or a conditional activity flow). */
  condition?: Expression;
  /** True for the default flow of its source (mirrors the source's `default`). */
  isDefault: boolean;
}

/** Timer of a start, intermediate or boundary event. Literals are ISO-8601 (duration, date-time, `R3/PT1M`). */
export interface TimerDefinition {
  kind: 'duration' | 'date' | 'cycle';
  expression: ValueOrExpression;
}

/** A message a catch event waits for (`bpmn:message` name plus `zeebe:subscription correlationKey`). */
export interface MessageRef {
  name: ValueOrExpression;
  /** Absent on message start events of a process; required for catches inside a running instance in Camunda 8. */
  correlationKey?: ValueOrExpression;
}

/** Binding of a job-worker-style element to a hub activity (`zeebe:taskDefinition`, `zeebe:taskHeaders`). */
export interface TaskBinding {
  taskType: string;
  headers: Record<string, string>;
  /** Attempts before the error is raised (Camunda 8 default 3). */
  retries: number;
}

export interface IoParameter {
  source: ValueOrExpression;
  /** Variable name; dotted paths (`a.b`) write into nested context. */
  target: string;
}

/** Input mappings build the activity's local variables; output mappings copy results back to the parent scope. */
export interface IoMapping {
  inputs: IoParameter[];
  outputs: IoParameter[];
}

export interface MultiInstance {
  sequential: boolean;
  /** Evaluates to a list; one instance per item. */
  inputCollection: Expression;
  /** Local variable holding the current item. */
  inputElement?: string;
  /** Variable (in the parent scope) that receives the list of `outputElement` results, in item order. */
  outputCollection?: string;
  outputElement?: Expression;
  /** When true after an instance completes, the remaining instances are cancelled. */
  completionCondition?: Expression;
}

export type EventTrigger =
  | { type: 'none' }
  | { type: 'message'; message: MessageRef }
  | { type: 'timer'; timer: TimerDefinition }
  /** `code` absent on a catch means "any error". */
  | { type: 'error'; code?: string; message?: string }
  /** `code` absent on a catch means "any escalation". */
  | { type: 'escalation'; code?: string }
  | { type: 'link'; name: string }
  | { type: 'signal'; name: ValueOrExpression }
  | { type: 'terminate' };

type Trigger<T extends EventTrigger['type']> = Extract<EventTrigger, { type: T }>;

interface ElementBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
}

/** Fields every activity (task, sub-process, call activity) may carry. */
interface ActivityBase extends ElementBase {
  ioMapping?: IoMapping;
  multiInstance?: MultiInstance;
}

export interface StartEvent extends ElementBase {
  kind: 'startEvent';
  /** error/escalation only on start events of event sub-processes. */
  trigger: Trigger<'none' | 'message' | 'timer' | 'error' | 'escalation' | 'signal'>;
  /** Only meaningful in event sub-processes: false keeps the enclosing scope running. */
  interrupting: boolean;
  /** Output mappings apply to the start variables (e.g. a reference id from `=string(now())`). */
  ioMapping?: IoMapping;
}

export interface EndEvent extends ElementBase {
  kind: 'endEvent';
  trigger: Trigger<'none' | 'terminate' | 'error' | 'message' | 'escalation' | 'signal'>;
  /** A message end event with a job type (Camunda 8) runs it like a send task. */
  binding?: TaskBinding;
  ioMapping?: IoMapping;
}

export interface IntermediateCatchEvent extends ElementBase {
  kind: 'intermediateCatchEvent';
  trigger: Trigger<'timer' | 'message' | 'link' | 'signal'>;
  ioMapping?: IoMapping;
}

export interface IntermediateThrowEvent extends ElementBase {
  kind: 'intermediateThrowEvent';
  trigger: Trigger<'none' | 'link' | 'message' | 'escalation' | 'signal'>;
  /** A message throw event with a job type (Camunda 8) runs it like a send task. */
  binding?: TaskBinding;
  ioMapping?: IoMapping;
}

export interface BoundaryEvent extends ElementBase {
  kind: 'boundaryEvent';
  attachedTo: string;
  /** false = non-interrupting (the activity keeps running, a token also leaves the boundary event). */
  cancelActivity: boolean;
  trigger: Trigger<'timer' | 'message' | 'error' | 'escalation' | 'signal'>;
  ioMapping?: IoMapping;
}

/** `task` (undefined task) and `manualTask` pass through; they exist so ids and mappings survive. */
export interface PassThroughTask extends ActivityBase {
  kind: 'task' | 'manualTask';
}

/** Tasks executed by the generic `runServiceTask` activity. */
export interface ServiceTask extends ActivityBase, TaskBinding {
  kind: 'serviceTask' | 'sendTask' | 'businessRuleTask';
  /** A business-rule task whose DMN decision came with the import: evaluated in the workflow, no job. */
  decision?: CalledDecision;
}

/** A script task runs a job (`binding`) or, Camunda 8.2+, an inline FEEL script into `resultVariable`. */
export interface ScriptTask extends ActivityBase {
  kind: 'scriptTask';
  binding?: TaskBinding;
  script?: { expression: Expression; resultVariable: string };
}

export interface FormField {
  /** Variable the value is written to. */
  key: string;
  label?: string;
  /** textfield, textarea, number, checkbox, select, radio, datetime ... (form-js types or Camunda 7 form types). */
  type: string;
  required?: boolean;
  options?: { value: string; label?: string }[];
  defaultValue?: unknown;
}

export interface UserTask extends ActivityBase {
  kind: 'userTask';
  /** Form key or form id, if the model refers to a form rather than embedding it. */
  formKey?: string;
  formFields: FormField[];
  candidateGroups: string[];
  /** Users who may take the task (Camunda candidateUsers, BPMN potentialOwner `user(...)`). */
  candidateUsers?: string[];
  assignee?: ValueOrExpression;
  /** Set by guided mode (bpmn/guided.ts): what the caseworker is asked to do instead of the modelled element. */
  guided?: GuidedStep;
}

/** A caseworker step that guided mode made from a descriptive element. */
export interface GuidedStep {
  /** step: do the work of an untyped task; choice: pick the outgoing flow(s); confirmation: confirm an event. */
  kind: 'step' | 'choice' | 'confirmation';
  /** The element's documentation, shown as instructions. */
  instructions?: string;
}

export interface ReceiveTask extends ActivityBase {
  kind: 'receiveTask';
  message: MessageRef;
}

export interface ExclusiveGateway extends ElementBase {
  kind: 'exclusiveGateway';
  /** Id of the default flow. */
  default?: string;
}

export interface InclusiveGateway extends ElementBase {
  kind: 'inclusiveGateway';
  default?: string;
}

export interface SimpleGateway extends ElementBase {
  kind: 'parallelGateway' | 'eventBasedGateway';
}

/** Embedded sub-process; with `triggeredByEvent` an event sub-process (its scope has one triggering start event). */
export interface SubProcess extends ActivityBase {
  kind: 'subProcess';
  triggeredByEvent: boolean;
  scope: Scope;
}

export interface CallActivity extends ActivityBase {
  kind: 'callActivity';
  /** Key into `ProcessModel.processes`. */
  calledProcessId: ValueOrExpression;
  /** Copy all child variables back on completion (Camunda 8 `propagateAllChildVariables`, default true). */
  propagateAllVariables: boolean;
}

export type FlowElement =
  | StartEvent
  | EndEvent
  | IntermediateCatchEvent
  | IntermediateThrowEvent
  | BoundaryEvent
  | PassThroughTask
  | ServiceTask
  | ScriptTask
  | UserTask
  | ReceiveTask
  | ExclusiveGateway
  | InclusiveGateway
  | SimpleGateway
  | SubProcess
  | CallActivity;

export type FlowElementKind = FlowElement['kind'];

export type Activity =
  PassThroughTask | ServiceTask | ScriptTask | UserTask | ReceiveTask | SubProcess | CallActivity;

const activityKinds: ReadonlySet<FlowElementKind> = new Set<FlowElementKind>([
  'task',
  'manualTask',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'scriptTask',
  'userTask',
  'receiveTask',
  'subProcess',
  'callActivity',
]);

/** True for elements that can carry boundary events, io mappings and multi-instance. */
export function isActivity(element: FlowElement): element is Activity {
  return activityKinds.has(element.kind);
}
