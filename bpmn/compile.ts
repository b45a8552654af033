// Compiles the moddle tree (parent links, cycles) into the plain-JSON ProcessModel the interpreter runs.
// Only reports without blocking findings compile, so this code may rely on what the report checked.
import { body, child, children, extension, flag, is, isAny, text, type BpmnElement } from './is';
import type {
  EventTrigger,
  FlowElement,
  IoMapping,
  IoParameter,
  MessageRef,
  MultiInstance,
  ProcessDefinition,
  ProcessModel,
  Scope,
  SequenceFlow,
  TaskBinding,
} from '../workflows/bpmn/model';
import type { ParsedBpmn } from './parse';
import type { ImportReport } from './report';
import { calledProcessId, indexProcesses, participantOf, versionTagOf } from './processIndex';
import { taskBindingOf, taskTypeFromName } from './taskBinding';
import { taskFormOf } from './formFields';
import { assignmentOf } from './assignment';
import { eventDefinitionsOf, triggerOf } from './triggers';
import { timerOf } from './expressions';
import { guideModel } from './guidedCompile';

/** Compiling was asked for a model whose report has blocking findings. */
export class BpmnCompileError extends Error {
  override readonly name = 'BpmnCompileError';
  constructor(readonly report: ImportReport) {
    const blocking = report.findings.filter((f) => f.severity === 'blocking');
    super(
      `The model is not executable: ${blocking.length} blocking finding(s), first: ${blocking[0]?.code} at ${blocking[0]?.elementId}.`,
    );
  }
}

export interface CompileOptions {
  /** Model id; default the definitions id of the first file. */
  id?: string;
  name?: string;
  version?: number;
}

/** Drops undefined values so the model survives a JSON round trip unchanged. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Compiles parsed files into a ProcessModel; throws BpmnCompileError unless `report.executable`. */
export function compileModel(
  parsed: ParsedBpmn,
  report: ImportReport,
  options: CompileOptions = {},
): ProcessModel {
  if (!report.executable || !report.mainProcessId) throw new BpmnCompileError(report);
  const index = indexProcesses(parsed, report.mainProcessId);
  const processes: Record<string, ProcessDefinition> = {};
  for (const entry of index.processes.filter((p) => p.runs)) {
    processes[entry.id] = defined({
      ...compileScope(entry.element),
      name: entry.name,
      isExecutable: entry.isExecutable,
    });
  }
  const main = index.byId.get(report.mainProcessId)!;
  const definitions = parsed.files.find((f) => f.filename === main.filename)!.definitions;
  const id = options.id ?? parsed.files[0]!.definitions.id ?? main.id;
  const name =
    options.name ??
    main.name ??
    text(participantOf(definitions, main.id), 'name') ??
    text(definitions, 'name') ??
    main.id;
  const model: ProcessModel = defined({
    id,
    name,
    version: options.version ?? 0,
    versionTag: versionTagOf(main.element),
    sourceHash: parsed.sourceHash,
    processes,
    mainProcessId: main.id,
  });
  return report.guided ? guideModel(model, report.guided) : model;
}

function compileScope(container: BpmnElement): Scope {
  const all = children(container, 'flowElements');
  const flows: Record<string, SequenceFlow> = {};
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of all.filter((e) => is(e, 'bpmn:SequenceFlow'))) {
    const source = child(flow, 'sourceRef')!;
    const target = child(flow, 'targetRef')!;
    flows[flow.id!] = defined({
      id: flow.id!,
      name: text(flow, 'name'),
      source: source.id!,
      target: target.id!,
      condition: body(flow, 'conditionExpression'),
      isDefault: child(source, 'default') === flow,
    });
    outgoing.set(source.id!, [...(outgoing.get(source.id!) ?? []), flow.id!]);
    incoming.set(target.id!, [...(incoming.get(target.id!) ?? []), flow.id!]);
  }
  const elements: Record<string, FlowElement> = {};
  for (const node of all.filter((e) => is(e, 'bpmn:FlowNode'))) {
    elements[node.id!] = compileNode(node, incoming.get(node.id!) ?? [], outgoing.get(node.id!) ?? []);
  }
  const nodes = Object.values(elements);
  return {
    id: container.id!,
    elements,
    flows,
    startEventIds: nodes.filter((n) => n.kind === 'startEvent').map((n) => n.id),
    eventSubProcessIds: nodes.filter((n) => n.kind === 'subProcess' && n.triggeredByEvent).map((n) => n.id),
  };
}

function compileNode(node: BpmnElement, incoming: string[], outgoing: string[]): FlowElement {
  const base = defined({ id: node.id!, name: text(node, 'name'), incoming, outgoing });
  if (is(node, 'bpmn:Activity')) return compileActivity(node, base);
  if (is(node, 'bpmn:StartEvent')) {
    return defined({
      ...base,
      kind: 'startEvent',
      trigger: triggerFor(node) as never,
      interrupting: flag(node, 'isInterrupting', true),
      ioMapping: ioMappingOf(node),
    });
  }
  if (is(node, 'bpmn:EndEvent'))
    return defined({
      ...base,
      kind: 'endEvent',
      trigger: triggerFor(node) as never,
      binding: throwBinding(node),
      ioMapping: ioMappingOf(node),
    });
  if (is(node, 'bpmn:BoundaryEvent')) {
    return defined({
      ...base,
      kind: 'boundaryEvent',
      attachedTo: child(node, 'attachedToRef')!.id!,
      cancelActivity: flag(node, 'cancelActivity', true),
      trigger: triggerFor(node) as never,
      ioMapping: ioMappingOf(node),
    });
  }
  if (is(node, 'bpmn:IntermediateThrowEvent')) {
    return defined({
      ...base,
      kind: 'intermediateThrowEvent',
      trigger: triggerFor(node) as never,
      binding: throwBinding(node),
      ioMapping: ioMappingOf(node),
    });
  }
  if (is(node, 'bpmn:IntermediateCatchEvent'))
    return defined({
      ...base,
      kind: 'intermediateCatchEvent',
      trigger: triggerFor(node) as never,
      ioMapping: ioMappingOf(node),
    });
  if (is(node, 'bpmn:ExclusiveGateway'))
    return defined({ ...base, kind: 'exclusiveGateway', default: child(node, 'default')?.id });
  if (is(node, 'bpmn:InclusiveGateway'))
    return defined({ ...base, kind: 'inclusiveGateway', default: child(node, 'default')?.id });
  if (is(node, 'bpmn:ParallelGateway')) return { ...base, kind: 'parallelGateway' };
  if (is(node, 'bpmn:EventBasedGateway')) return { ...base, kind: 'eventBasedGateway' };
  throw new Error(`compile: ${node.$type} ${node.id} passed the report but has no compilation`);
}

type Base = { id: string; name?: string; incoming: string[]; outgoing: string[] };

function compileActivity(node: BpmnElement, base: Base): FlowElement {
  const activity = defined({ ...base, ioMapping: ioMappingOf(node), multiInstance: multiInstanceOf(node) });
  if (is(node, 'bpmn:SubProcess')) {
    return {
      ...activity,
      kind: 'subProcess',
      triggeredByEvent: flag(node, 'triggeredByEvent', false),
      scope: compileScope(node),
    };
  }
  if (is(node, 'bpmn:CallActivity')) {
    const propagate = flag(extension(node, 'zeebe:CalledElement'), 'propagateAllChildVariables', true);
    return {
      ...activity,
      kind: 'callActivity',
      calledProcessId: calledProcessId(node)!,
      propagateAllVariables: propagate,
    };
  }
  if (is(node, 'bpmn:UserTask')) {
    const form = taskFormOf(node);
    const assignment = assignmentOf(node);
    return defined({
      ...activity,
      kind: 'userTask',
      formKey: form.formKey ?? assignment.vendorFormKey,
      formFields: form.formFields,
      candidateGroups: assignment.candidateGroups,
      candidateUsers: assignment.candidateUsers.length > 0 ? assignment.candidateUsers : undefined,
      assignee: assignment.assignee,
    });
  }
  if (is(node, 'bpmn:ReceiveTask'))
    return { ...activity, kind: 'receiveTask', message: messageOf(child(node, 'messageRef')) };
  if (is(node, 'bpmn:ScriptTask')) {
    const script = extension(node, 'zeebe:Script');
    return defined({
      ...activity,
      kind: 'scriptTask',
      binding: script ? undefined : bindingOf(node),
      script: script
        ? { expression: text(script, 'expression')!, resultVariable: text(script, 'resultVariable')! }
        : undefined,
    });
  }
  // PICTURE and other modelling tools export typed work as plain tasks; the name convention binds them.
  if (
    isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']) ||
    (node.$type === 'bpmn:Task' && taskTypeFromName(text(node, 'name')))
  ) {
    const kind = is(node, 'bpmn:SendTask')
      ? 'sendTask'
      : is(node, 'bpmn:BusinessRuleTask')
        ? 'businessRuleTask'
        : 'serviceTask';
    return { ...activity, ...bindingOf(node)!, kind };
  }
  return { ...activity, kind: is(node, 'bpmn:ManualTask') ? 'manualTask' : 'task' };
}

function bindingOf(node: BpmnElement): TaskBinding | undefined {
  const resolved = taskBindingOf(node);
  return resolved && { taskType: resolved.taskType, headers: resolved.headers, retries: resolved.retries };
}

function throwBinding(node: BpmnElement): TaskBinding | undefined {
  return triggerOf(eventDefinitionsOf(node)[0]) === 'message' ? bindingOf(node) : undefined;
}

/** Message throws with a job may name no message (Camunda 8); their name is then empty. */
function messageOf(message: BpmnElement | undefined): MessageRef {
  return defined({
    name: text(message, 'name') ?? '',
    correlationKey: text(extension(message, 'zeebe:Subscription'), 'correlationKey'),
  });
}

function triggerFor(node: BpmnElement): EventTrigger {
  const definition = eventDefinitionsOf(node)[0];
  switch (triggerOf(definition)) {
    case 'message':
      return { type: 'message', message: messageOf(child(definition, 'messageRef')) };
    case 'timer':
      return { type: 'timer', timer: timerOf(definition)! };
    case 'error': {
      const error = child(definition, 'errorRef');
      return defined({
        type: 'error' as const,
        code: text(error, 'errorCode'),
        message: text(error, 'name'),
      });
    }
    case 'escalation':
      return defined({
        type: 'escalation' as const,
        code: text(child(definition, 'escalationRef'), 'escalationCode'),
      });
    case 'link':
      return { type: 'link', name: text(definition, 'name')! };
    case 'signal':
      return { type: 'signal', name: text(child(definition, 'signalRef'), 'name')! };
    case 'terminate':
      return { type: 'terminate' };
    default:
      return { type: 'none' };
  }
}

function ioMappingOf(node: BpmnElement): IoMapping | undefined {
  const mapping = extension(node, 'zeebe:IoMapping');
  if (!mapping) return undefined;
  // A zeebe parameter without source maps null (Camunda 8 semantics).
  const parameter = (p: BpmnElement): IoParameter => ({
    source: text(p, 'source') ?? '=null',
    target: text(p, 'target')!,
  });
  return {
    inputs: children(mapping, 'inputParameters').map(parameter),
    outputs: children(mapping, 'outputParameters').map(parameter),
  };
}

function multiInstanceOf(node: BpmnElement): MultiInstance | undefined {
  const characteristics = child(node, 'loopCharacteristics');
  if (!is(characteristics, 'bpmn:MultiInstanceLoopCharacteristics')) return undefined;
  const zeebe = extension(characteristics, 'zeebe:LoopCharacteristics');
  const camundaCollection = text(characteristics, 'collection');
  const cardinality = body(characteristics, 'loopCardinality')?.replace(/^=/, '');
  const inputCollection =
    text(zeebe, 'inputCollection') ??
    (camundaCollection ? `=${camundaCollection}` : `=for i in 1..(${cardinality}) return i`);
  return defined({
    sequential: flag(characteristics, 'isSequential', false),
    inputCollection,
    inputElement: text(zeebe, 'inputElement') ?? text(characteristics, 'elementVariable'),
    outputCollection: text(zeebe, 'outputCollection'),
    outputElement: text(zeebe, 'outputElement'),
    completionCondition: body(characteristics, 'completionCondition'),
  });
}
