// The import report: for every element id, whether the hub executes it, ignores it (documentation,
// layout, data, organisation) or cannot run it (blocking). A model is executable only without blocking
// findings; unsupported elements are always reported, never passed through silently.
import { body, child, children, extension, flag, is, isAny, text, type BpmnElement } from './is';
import { taskFormOf } from './formFields';
import type { ParsedBpmn, ParsedFile, ParseWarning } from './parse';
import { calledProcessId, hasFlowElements, indexProcesses, type ProcessIndex } from './processIndex';
import { camunda7Implementation, taskBindingOf, taskTypeFromName } from './taskBinding';
import { vendorNotes, type Note } from './vendorNotes';
import { TRIGGER_SUPPORT, triggerOf, type EventRole, type TriggerName } from './triggers';
import { checkTimer, notFeel } from './expressions';

export type Severity = 'info' | 'warning' | 'blocking';
export type ElementStatus = 'executable' | 'ignored' | 'blocking';

export interface Finding {
  elementId: string;
  elementType: string;
  name?: string;
  filename?: string;
  severity: Severity;
  /** Stable code; docs/bpmn-import.md has a row per code. */
  code: string;
  message: string;
}

export interface ElementEntry {
  elementId: string;
  elementType: string;
  name?: string;
  filename: string;
  status: ElementStatus;
}

export interface ImportReport {
  executable: boolean;
  mainProcessId: string | null;
  files: { filename: string; sha256: string; processIds: string[] }[];
  processes: { id: string; name?: string; filename: string; isExecutable: boolean; run: boolean }[];
  /** Task types the model binds (service, send, business-rule, script tasks, message throws). */
  taskTypes: string[];
  elements: ElementEntry[];
  findings: Finding[];
  notes: Note[];
  counts: { elements: Record<ElementStatus, number>; findings: Record<Severity, number> };
}

export interface ReportOptions {
  /** Task types the hub can run; when given, a binding to another type blocks. */
  knownTaskTypes?: Iterable<string>;
  /** The process a case starts; default: the first not-called process of the first file. */
  mainProcessId?: string;
}

/** Moddle types the hub never runs: documentation, data, organisation. */
const IGNORED_TYPES = [
  'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:TextAnnotation', 'bpmn:Group',
  'bpmn:Association', 'bpmn:Lane', 'bpmn:LaneSet', 'bpmn:Participant', 'bpmn:MessageFlow', 'bpmn:DataStore',
  'bpmn:GlobalTask', 'bpmn:Category', 'bpmn:Collaboration', 'bpmndi:BPMNDiagram',
];

/** Properties whose dangling reference changes what runs (other dangling references only affect layout). */
const SEMANTIC_REFERENCES = new Set([
  'bpmn:sourceRef', 'bpmn:targetRef', 'bpmn:attachedToRef', 'bpmn:default', 'bpmn:messageRef', 'bpmn:errorRef',
  'bpmn:escalationRef', 'bpmn:signalRef', 'bpmn:eventDefinitionRef',
]);

class ReportBuilder {
  readonly findings: Finding[] = [];
  private readonly entries = new Map<string, ElementEntry>();
  readonly taskTypes = new Set<string>();
  filename = '';

  constructor(readonly known: ReadonlySet<string> | undefined) {}

  entry(element: BpmnElement, status: ElementStatus): void {
    const id = element.id ?? `${element.$type}@${this.filename}`;
    const name = text(element, 'name');
    if (this.entries.has(`${this.filename}#${id}`)) return;
    this.entries.set(`${this.filename}#${id}`, { elementId: id, elementType: element.$type, ...(name ? { name } : {}), filename: this.filename, status });
  }

  add(element: BpmnElement, severity: Severity, code: string, message: string): void {
    const name = text(element, 'name');
    this.findings.push({
      elementId: element.id ?? '', elementType: element.$type, ...(name ? { name } : {}), filename: this.filename, severity, code, message,
    });
  }

  raw(finding: Finding): void {
    this.findings.push(finding);
  }

  elements(): ElementEntry[] {
    const blocked = new Set(this.findings.filter((f) => f.severity === 'blocking').map((f) => `${f.filename}#${f.elementId}`));
    return [...this.entries.values()].map((e) => (blocked.has(`${e.filename}#${e.elementId}`) ? { ...e, status: 'blocking' as const } : e));
  }
}

/** Builds the report for parsed files; pure (no I/O), so the same input always gives the same report. */
export function buildReport(parsed: ParsedBpmn, options: ReportOptions = {}): ImportReport {
  const known = options.knownTaskTypes ? new Set(options.knownTaskTypes) : undefined;
  const r = new ReportBuilder(known);
  const index = indexProcesses(parsed, options.mainProcessId);

  for (const file of parsed.files) {
    r.filename = file.filename;
    warningsOf(r, file);
    for (const root of children(file.definitions, 'rootElements')) {
      if (is(root, 'bpmn:Process')) continue;
      if (is(root, 'bpmn:Collaboration')) collaboration(r, root);
      else if (isAny(root, IGNORED_TYPES)) r.entry(root, 'ignored');
    }
    for (const diagram of children(file.definitions, 'diagrams')) r.entry(diagram, 'ignored');
  }

  for (const entry of index.processes) {
    r.filename = entry.filename;
    const process = entry.element;
    if (!entry.analysed) {
      r.entry(process, 'ignored');
      const why = hasFlowElements(process)
        ? 'it is marked isExecutable="false" while other processes of the import are executable, and none of them calls it'
        : 'it has no flow elements (a black-box pool)';
      r.add(process, 'info', 'process-not-run', `Process ${entry.id} is not run: ${why}.`);
      continue;
    }
    r.entry(process, 'executable');
    scope(r, process, index, 'process');
  }

  for (const { id, filenames } of index.duplicateIds) {
    r.raw({ elementId: id, elementType: 'bpmn:Process', severity: 'blocking', code: 'duplicate-process-id', filename: filenames[0],
      message: `Process id ${id} is defined in ${filenames.join(', ')}; call activities could not tell which one to call. Rename one.` });
  }
  mainProcessChecks(r, index, parsed);

  const findings = r.findings;
  const elements = r.elements();
  const count = <K extends string>(values: K[], key: K) => values.filter((v) => v === key).length;
  const statuses = elements.map((e) => e.status);
  const severities = findings.map((f) => f.severity);
  return {
    executable: !severities.includes('blocking'),
    mainProcessId: index.mainProcessId ?? null,
    files: parsed.files.map((f) => ({
      filename: f.filename, sha256: f.sha256,
      processIds: index.processes.filter((p) => p.filename === f.filename).map((p) => p.id),
    })),
    processes: index.processes.map((p) => ({ id: p.id, ...(p.name ? { name: p.name } : {}), filename: p.filename, isExecutable: p.isExecutable, run: p.analysed })),
    taskTypes: [...r.taskTypes].sort(),
    elements,
    findings,
    notes: vendorNotes(parsed.files),
    counts: {
      elements: { executable: count(statuses, 'executable'), ignored: count(statuses, 'ignored'), blocking: count(statuses, 'blocking') },
      findings: { info: count(severities, 'info'), warning: count(severities, 'warning'), blocking: count(severities, 'blocking') },
    },
  };
}

function mainProcessChecks(r: ReportBuilder, index: ProcessIndex, parsed: ParsedBpmn): void {
  r.filename = parsed.files[0]?.filename ?? '';
  const main = index.mainProcessId ? index.byId.get(index.mainProcessId) : undefined;
  if (!main) {
    const detail = index.mainProcessId ? `The requested main process ${index.mainProcessId} is not in the files.` : 'No file contains a process with flow elements.';
    r.raw({ elementId: index.mainProcessId ?? '', elementType: 'bpmn:Process', severity: 'blocking', code: 'no-process', filename: r.filename, message: `${detail} Nothing could run.` });
    return;
  }
  if (index.otherStartCandidates.length > 0) {
    r.filename = main.filename;
    r.add(main.element, 'warning', 'several-main-processes',
      `Cases start process ${main.id}; ${index.otherStartCandidates.join(', ')} ${index.otherStartCandidates.length === 1 ? 'is' : 'are'} neither main nor called and will only be checked, not run.`);
  }
}

function warningsOf(r: ReportBuilder, file: ParsedFile): void {
  const definitionsId = file.definitions.id ?? file.filename;
  for (const warning of file.warnings) {
    const { severity, code } = classifyWarning(warning);
    const where = warning.line === undefined ? '' : ` (line ${warning.line}${warning.column === undefined ? '' : `, column ${warning.column}`})`;
    r.raw({
      elementId: warning.elementId ?? definitionsId, elementType: warning.elementType ?? 'bpmn:Definitions', filename: file.filename,
      severity, code, message: `${warning.message}${where}`,
    });
  }
}

function classifyWarning(warning: ParseWarning): { severity: Severity; code: string } {
  if (/duplicate ID/i.test(warning.message)) return { severity: 'blocking', code: 'duplicate-id' };
  if (/unparsable content/i.test(warning.message)) return { severity: 'blocking', code: 'unparsable-content' };
  if (/unresolved reference/i.test(warning.message)) {
    return SEMANTIC_REFERENCES.has(warning.property ?? '')
      ? { severity: 'blocking', code: 'unresolved-reference' }
      : { severity: 'info', code: 'unresolved-layout-reference' };
  }
  if (/encoding/i.test(warning.message)) return { severity: 'info', code: 'encoding' };
  return { severity: 'warning', code: 'xml-warning' };
}

function collaboration(r: ReportBuilder, element: BpmnElement): void {
  r.entry(element, 'ignored');
  for (const participant of children(element, 'participants')) r.entry(participant, 'ignored');
  const flows = children(element, 'messageFlows');
  for (const flow of flows) r.entry(flow, 'ignored');
  if (flows.length > 0) {
    r.add(element, 'info', 'message-flows-ignored',
      'Message flows between pools are documentation; a message reaches a running case through a message catch event or receive task and its correlation key.');
  }
  for (const artifact of children(element, 'artifacts')) r.entry(artifact, 'ignored');
}

type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess';

function scope(r: ReportBuilder, container: BpmnElement, index: ProcessIndex, kind: ScopeKind): void {
  const elements = children(container, 'flowElements');
  const flows = elements.filter((e) => is(e, 'bpmn:SequenceFlow'));
  const outgoing = new Map<string, BpmnElement[]>();
  for (const flow of flows) {
    const source = child(flow, 'sourceRef')?.id;
    if (source) outgoing.set(source, [...(outgoing.get(source) ?? []), flow]);
  }
  const nodes = elements.filter((e) => !is(e, 'bpmn:SequenceFlow'));
  for (const flow of flows) sequenceFlow(r, flow);
  for (const node of nodes) flowNode(r, node, index, outgoing.get(node.id ?? '') ?? [], kind);

  for (const artifact of children(container, 'artifacts')) r.entry(artifact, 'ignored');
  for (const laneSet of children(container, 'laneSets')) lanes(r, laneSet);
  startEvents(r, container, nodes, kind);
  links(r, nodes);
}

function lanes(r: ReportBuilder, laneSet: BpmnElement): void {
  for (const lane of children(laneSet, 'lanes')) {
    r.entry(lane, 'ignored');
    const nested = child(lane, 'childLaneSet');
    if (nested) lanes(r, nested);
  }
}

function startEvents(r: ReportBuilder, container: BpmnElement, nodes: BpmnElement[], kind: ScopeKind): void {
  const starts = nodes.filter((n) => is(n, 'bpmn:StartEvent'));
  if (kind === 'eventSubProcess') {
    if (starts.length !== 1) {
      r.add(container, 'blocking', 'event-subprocess-start', `An event sub-process needs exactly one start event with a trigger; it has ${starts.length}.`);
    }
    return;
  }
  const none = starts.filter((s) => children(s, 'eventDefinitions').length === 0);
  if (kind === 'subProcess' && (starts.length !== 1 || none.length !== 1)) {
    r.add(container, 'blocking', 'subprocess-start', `An embedded sub-process needs exactly one none start event; it has ${starts.length} start event(s), ${none.length} without trigger.`);
  }
  if (kind === 'process' && none.length === 0) {
    r.add(container, 'blocking', 'no-none-start-event', 'The process has no none start event, so neither a new case nor a call activity can start it. Add a start event without trigger.');
  }
  if (kind === 'process' && none.length > 1) {
    r.add(container, 'warning', 'several-none-start-events', `The process has ${none.length} none start events; a case starts at all of them at once.`);
  }
}

/** Every link throw needs a catch with the same name in the same scope. */
function links(r: ReportBuilder, nodes: BpmnElement[]): void {
  const linkName = (n: BpmnElement) => text(children(n, 'eventDefinitions').find((d) => is(d, 'bpmn:LinkEventDefinition')), 'name');
  const catches = new Set(nodes.filter((n) => is(n, 'bpmn:IntermediateCatchEvent')).map(linkName).filter(Boolean));
  for (const node of nodes.filter((n) => is(n, 'bpmn:IntermediateThrowEvent'))) {
    const name = linkName(node);
    if (name && !catches.has(name)) r.add(node, 'blocking', 'link-target-missing', `No link catch event named "${name}" in the same scope.`);
  }
}

function sequenceFlow(r: ReportBuilder, flow: BpmnElement): void {
  r.entry(flow, 'executable');
  if (!child(flow, 'sourceRef') || !child(flow, 'targetRef')) {
    r.add(flow, 'blocking', 'broken-flow', 'The sequence flow lacks its source or target element.');
  }
  const condition = body(flow, 'conditionExpression');
  if (condition && notFeel(condition)) {
    r.add(flow, 'blocking', 'expression-not-feel', `The condition ${condition} is a JUEL/Camunda 7 expression; write it in FEEL, e.g. "= amount > 100".`);
  }
}

function flowNode(r: ReportBuilder, node: BpmnElement, index: ProcessIndex, outgoing: BpmnElement[], kind: ScopeKind): void {
  if (isAny(node, IGNORED_TYPES)) return r.entry(node, 'ignored');
  r.entry(node, 'executable');
  if (is(node, 'bpmn:Activity')) activity(r, node, index);
  else if (is(node, 'bpmn:Event')) event(r, node, kind);
  else if (is(node, 'bpmn:Gateway')) gateway(r, node, outgoing);
  else r.add(node, 'blocking', 'unsupported-element', `${node.$type} is not supported by the hub's process engine.`);
}

function unsupported(r: ReportBuilder, node: BpmnElement, what: string): void {
  r.add(node, 'blocking', 'unsupported-element', `${what} is not supported by the hub's process engine (Camunda 8 executable subset). Model it differently or remove it.`);
}

function gateway(r: ReportBuilder, node: BpmnElement, outgoing: BpmnElement[]): void {
  if (is(node, 'bpmn:ComplexGateway')) return unsupported(r, node, 'A complex gateway');
  if (is(node, 'bpmn:EventBasedGateway')) {
    for (const flow of outgoing) {
      const target = child(flow, 'targetRef');
      const ok = is(target, 'bpmn:ReceiveTask') || (is(target, 'bpmn:IntermediateCatchEvent')
        && children(target, 'eventDefinitions').some((d) => isAny(d, ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition'])));
      if (!ok) r.add(node, 'blocking', 'event-gateway-target', `Flow ${flow.id} leads to ${target?.$type ?? 'nothing'}; an event-based gateway may only lead to timer, message or signal catch events or receive tasks.`);
    }
    if (outgoing.length < 2) r.add(node, 'warning', 'event-gateway-single', 'An event-based gateway with fewer than two outgoing flows waits for a single event.');
    return;
  }
  if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
  const defaultFlow = child(node, 'default');
  if (defaultFlow && !outgoing.includes(defaultFlow)) r.add(node, 'blocking', 'default-flow-foreign', `The default flow ${defaultFlow.id} does not leave this gateway.`);
  if (outgoing.length < 2) return;
  for (const flow of outgoing) {
    const condition = body(flow, 'conditionExpression');
    if (flow === defaultFlow) {
      if (condition) r.add(flow, 'warning', 'default-flow-has-condition', `The default flow's condition "${condition}" is never evaluated.`);
    } else if (!condition) {
      r.add(flow, 'blocking', 'missing-condition', `Flow ${flow.id} leaves gateway ${node.id} without a condition and is not its default flow; add a FEEL condition or make it the default.`);
    }
  }
}

function activity(r: ReportBuilder, node: BpmnElement, index: ProcessIndex): void {
  if (flag(node, 'isForCompensation', false)) unsupported(r, node, 'A compensation handler');
  loop(r, node);
  if (children(node, 'dataInputAssociations').length + children(node, 'dataOutputAssociations').length > 0 || child(node, 'ioSpecification')) {
    r.add(node, 'info', 'data-association-ignored', 'Data associations and ioSpecification are documentation; variables flow through zeebe:ioMapping.');
  }
  if (extension(node, 'camunda:InputOutput')) {
    r.add(node, 'warning', 'camunda7-io-ignored', 'camunda:inputOutput (Camunda 7) is not mapped; its JUEL/script parameters cannot run. Use zeebe:ioMapping with FEEL.');
  }
  ioMapping(r, node);

  if (is(node, 'bpmn:SubProcess')) return subProcess(r, node, index);
  if (is(node, 'bpmn:CallActivity')) return callActivity(r, node, index);
  if (isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'])) return binding(r, node, true);
  if (is(node, 'bpmn:ScriptTask')) return scriptTask(r, node);
  if (is(node, 'bpmn:ReceiveTask')) return message(r, node, child(node, 'messageRef'), true);
  if (is(node, 'bpmn:UserTask')) return userTask(r, node);
  if (node.$type === 'bpmn:Task' && taskTypeFromName(text(node, 'name'))) return binding(r, node, true);
  if (node.$type === 'bpmn:Task') {
    r.add(node, 'info', 'pass-through', 'An undefined task does nothing when run; type it (user, service ...) or name it "[task-type] label" to give it work.');
  }
  if (!isAny(node, ['bpmn:ManualTask']) && node.$type !== 'bpmn:Task') unsupported(r, node, node.$type);
}

function ioMapping(r: ReportBuilder, node: BpmnElement): void {
  const mapping = extension(node, 'zeebe:IoMapping');
  for (const parameter of [...children(mapping, 'inputParameters'), ...children(mapping, 'outputParameters')]) {
    const source = text(parameter, 'source');
    if (!text(parameter, 'target')) r.add(node, 'blocking', 'io-mapping-target', 'A zeebe:ioMapping parameter has no target variable.');
    if (source && notFeel(source)) r.add(node, 'blocking', 'expression-not-feel', `The mapping source ${source} is not FEEL; write "= expression".`);
  }
}

function loop(r: ReportBuilder, node: BpmnElement): void {
  const characteristics = child(node, 'loopCharacteristics');
  if (!characteristics) return;
  if (is(characteristics, 'bpmn:StandardLoopCharacteristics')) {
    r.add(node, 'blocking', 'standard-loop', 'Standard loops (repeat while a condition holds) are not supported; use a gateway that loops back, or multi-instance over a collection.');
    return;
  }
  const zeebe = extension(characteristics, 'zeebe:LoopCharacteristics');
  if (text(zeebe, 'inputCollection')) return;
  if (text(characteristics, 'collection')) {
    r.add(node, 'info', 'multi-instance-camunda7', `The Camunda 7 collection "${text(characteristics, 'collection')}" is read as a FEEL variable name.`);
    if (notFeel(text(characteristics, 'collection')!)) r.add(node, 'blocking', 'expression-not-feel', 'The multi-instance collection is a JUEL expression; use a variable name or FEEL.');
    return;
  }
  if (body(characteristics, 'loopCardinality')) {
    r.add(node, 'info', 'multi-instance-cardinality', `The loop cardinality ${body(characteristics, 'loopCardinality')} runs as a collection 1..n.`);
    return;
  }
  r.add(node, 'blocking', 'multi-instance-without-collection', 'Multi-instance needs zeebe:loopCharacteristics inputCollection (or a loop cardinality) to know how many instances to run.');
}

function binding(r: ReportBuilder, node: BpmnElement, required: boolean): void {
  const resolved = taskBindingOf(node);
  if (!resolved) {
    if (!required) return;
    const java = camunda7Implementation(node);
    r.add(node, 'blocking', 'missing-task-type', `No task type: add a zeebe:taskDefinition type, a camunda:topic, or start the name with "[task-type] "${java ? ` (the Camunda 7 implementation ${java} cannot run in the hub)` : ''}.`);
    return;
  }
  r.taskTypes.add(resolved.taskType);
  if (resolved.taskType.startsWith('=')) {
    r.add(node, 'blocking', 'task-type-expression', `The task type ${resolved.taskType} is an expression; the hub binds fixed task types only.`);
    return;
  }
  if (resolved.source === 'name') r.add(node, 'info', 'task-type-by-name', `Task type "${resolved.taskType}" taken from the name convention "[type] label".`);
  if (resolved.source === 'camunda-topic') r.add(node, 'info', 'task-type-by-topic', `Task type "${resolved.taskType}" taken from the Camunda 7 external-task topic.`);
  if (resolved.source === 'decision') r.add(node, 'info', 'decision-as-task', `The DMN decision runs as hub task type "${resolved.taskType}"; the hub does not evaluate DMN itself.`);
  if (resolved.retriesIgnored) r.add(node, 'warning', 'retries-ignored', `Retries "${resolved.retriesIgnored}" is not a number; the default ${resolved.retries} applies.`);
  if (r.known && !r.known.has(resolved.taskType)) {
    r.add(node, 'blocking', 'unknown-task-type', `Task type "${resolved.taskType}" is not one the hub runs (known: ${[...r.known].sort().join(', ') || 'none'}).`);
  }
}

function scriptTask(r: ReportBuilder, node: BpmnElement): void {
  const script = extension(node, 'zeebe:Script');
  if (script) {
    if (!text(script, 'expression') || !text(script, 'resultVariable')) r.add(node, 'blocking', 'script-incomplete', 'zeebe:script needs an expression and a resultVariable.');
    return;
  }
  if (taskBindingOf(node)) return binding(r, node, true);
  const format = text(node, 'scriptFormat');
  if (format && !/^feel$/i.test(format)) {
    r.add(node, 'blocking', 'script-language', `Scripts in ${format} cannot run in the hub; use a FEEL zeebe:script or a task type.`);
    return;
  }
  binding(r, node, true);
}

function userTask(r: ReportBuilder, node: BpmnElement): void {
  const form = taskFormOf(node);
  if (form.problem) r.add(node, 'warning', 'form-unreadable', `${form.problem} The task gets no form fields.`);
  else if (form.formKey && form.formFields.length === 0) {
    r.add(node, 'info', 'form-not-embedded', `The form ${form.formKey} is linked, not embedded; the task list gets its key but no fields.`);
  }
}

function subProcess(r: ReportBuilder, node: BpmnElement, index: ProcessIndex): void {
  if (is(node, 'bpmn:Transaction')) return unsupported(r, node, 'A transaction sub-process');
  if (is(node, 'bpmn:AdHocSubProcess')) return unsupported(r, node, 'An ad-hoc sub-process');
  scope(r, node, index, flag(node, 'triggeredByEvent', false) ? 'eventSubProcess' : 'subProcess');
}

function callActivity(r: ReportBuilder, node: BpmnElement, index: ProcessIndex): void {
  const target = calledProcessId(node);
  if (!target) return r.add(node, 'blocking', 'call-target-missing', 'The call activity names no process (zeebe:calledElement processId or calledElement).');
  if (target.startsWith('=')) {
    r.add(node, 'warning', 'call-target-dynamic', `The called process is computed (${target}); only processes of this import can be called.`);
    return;
  }
  if (!index.byId.has(target)) {
    r.add(node, 'blocking', 'call-target-missing', `The called process "${target}" is in none of the imported files; import its file together with this one.`);
  }
}

function event(r: ReportBuilder, node: BpmnElement, kind: ScopeKind): void {
  const role = eventRole(node, kind);
  const definitions = [...children(node, 'eventDefinitions'), ...children(node, 'eventDefinitionRefs')];
  if (definitions.length > 1) {
    r.add(node, 'blocking', 'multiple-event-definitions', 'Events with several triggers (multiple/parallel multiple) are not supported.');
    return;
  }
  const definition = definitions[0];
  const trigger = triggerOf(definition);
  if (!TRIGGER_SUPPORT[role].includes(trigger)) {
    r.add(node, 'blocking', 'unsupported-event-definition', `A ${trigger === 'none' ? 'trigger-less' : trigger} ${roleLabel(role)} is not supported.`);
    return;
  }
  if (role === 'boundary' && !child(node, 'attachedToRef')) r.add(node, 'blocking', 'boundary-unattached', 'The boundary event is attached to no activity.');
  triggerDetails(r, node, definition, trigger, role);
}

function eventRole(node: BpmnElement, kind: ScopeKind): EventRole {
  if (is(node, 'bpmn:StartEvent')) return kind === 'eventSubProcess' ? 'eventSubProcessStart' : kind === 'subProcess' ? 'subProcessStart' : 'start';
  if (is(node, 'bpmn:EndEvent')) return 'end';
  if (is(node, 'bpmn:BoundaryEvent')) return 'boundary';
  if (is(node, 'bpmn:IntermediateThrowEvent')) return 'throw';
  return 'catch';
}

function roleLabel(role: EventRole): string {
  return {
    start: 'start event of a process', subProcessStart: 'start event of an embedded sub-process',
    eventSubProcessStart: 'start event of an event sub-process', end: 'end event', boundary: 'boundary event',
    throw: 'intermediate throw event', catch: 'intermediate catch event',
  }[role];
}

function triggerDetails(r: ReportBuilder, node: BpmnElement, definition: BpmnElement | undefined, trigger: TriggerName, role: EventRole): void {
  const throwing = role === 'end' || role === 'throw';
  switch (trigger) {
    case 'message':
      if (throwing) {
        if (taskBindingOf(node)) binding(r, node, false);
        else r.add(node, 'warning', 'message-throw-without-task', 'A message throw without a zeebe:taskDefinition sends nothing; add a task type (e.g. send-mail) to give it work.');
        return;
      }
      return message(r, node, child(definition, 'messageRef'), role !== 'start');
    case 'timer':
      return timer(r, node, definition);
    case 'error':
      if (throwing && !text(child(definition, 'errorRef'), 'errorCode')) r.add(node, 'blocking', 'error-without-code', 'An error end event needs an error with an errorCode.');
      return;
    case 'escalation':
      if (throwing && !text(child(definition, 'escalationRef'), 'escalationCode')) r.add(node, 'blocking', 'escalation-without-code', 'An escalation throw needs an escalation with an escalationCode.');
      return;
    case 'link':
      if (!text(definition, 'name')) r.add(node, 'blocking', 'link-without-name', 'A link event needs a name that pairs throw and catch.');
      return;
    case 'signal':
      if (!text(child(definition, 'signalRef'), 'name')) r.add(node, 'blocking', 'signal-without-name', 'A signal event needs a signal with a name.');
      return;
    default:
      return;
  }
}

function message(r: ReportBuilder, node: BpmnElement, ref: BpmnElement | undefined, needsCorrelation: boolean): void {
  if (!text(ref, 'name')) {
    r.add(node, 'blocking', 'message-without-name', 'The message has no name; the hub correlates messages by name.');
    return;
  }
  const key = text(extension(ref, 'zeebe:Subscription'), 'correlationKey');
  if (needsCorrelation && !key) {
    r.add(node, 'blocking', 'message-without-correlation-key', `Message "${text(ref, 'name')}" has no zeebe:subscription correlationKey; a waiting case could not be found (use e.g. "= businessKey").`);
  } else if (key && notFeel(key)) {
    r.add(node, 'blocking', 'expression-not-feel', `The correlation key ${key} is not FEEL.`);
  }
}

function timer(r: ReportBuilder, node: BpmnElement, definition: BpmnElement | undefined): void {
  const problem = checkTimer(definition);
  if (problem) r.add(node, 'blocking', problem.code, problem.message);
}

const ORDER: Severity[] = ['blocking', 'warning', 'info'];

function cell(value: string, width: number): string {
  return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

/** The report as a table a person can read in a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const { elements, findings } = report.counts;
  lines.push(`Executable: ${report.executable ? 'yes' : 'NO'}   main process: ${report.mainProcessId ?? '-'}`);
  lines.push(`Elements: ${elements.executable} executable, ${elements.ignored} ignored, ${elements.blocking} blocking`);
  lines.push(`Findings: ${findings.blocking} blocking, ${findings.warning} warning, ${findings.info} info`);
  lines.push(`Task types: ${report.taskTypes.join(', ') || '-'}`);
  lines.push('');
  const sorted = [...report.findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  if (sorted.length > 0) {
    lines.push(`${cell('SEVERITY', 9)} ${cell('CODE', 32)} ${cell('ELEMENT', 40)} ${cell('TYPE', 26)} MESSAGE`);
    for (const f of sorted) {
      const element = f.name ? `${f.elementId} (${f.name.replace(/\s+/g, ' ')})` : f.elementId;
      lines.push(`${cell(f.severity, 9)} ${cell(f.code, 32)} ${cell(element, 40)} ${cell(f.elementType, 26)} ${f.message}`);
    }
    lines.push('');
  }
  for (const note of report.notes) lines.push(`Note: ${note.message}`);
  return lines.join('\n');
}
