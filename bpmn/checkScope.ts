// Walks a process or sub-process: flows, nodes, artifacts and lanes, start-event and link rules.
import { body, child, children, flag, is, isAny, text, type BpmnElement } from './is';
import { conditionProblem } from './checkCondition';
import { callActivitiesIn, calledProcessId, type ProcessIndex } from './processIndex';
import { eventDefinitionsOf, triggerOf } from './triggers';
import { unreachable } from './checkReachable';
import { checkActivity } from './checkActivity';
import { event } from './checkEvent';
import { unsupported, type ReportBuilder, type ScopeKind } from './reportBuilder';

/** Moddle types the hub never runs: documentation, data, organisation. */
export const IGNORED_TYPES = [
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Group',
  'bpmn:Association',
  'bpmn:Lane',
  'bpmn:LaneSet',
  'bpmn:Participant',
  'bpmn:MessageFlow',
  'bpmn:DataStore',
  'bpmn:GlobalTask',
  'bpmn:Category',
  'bpmn:Collaboration',
  'bpmndi:BPMNDiagram',
];

export function scope(r: ReportBuilder, container: BpmnElement, index: ProcessIndex, kind: ScopeKind): void {
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
  startEvents(r, container, nodes, kind, index);
  links(r, nodes);
  unreachable(r, nodes, flows);
}

function lanes(r: ReportBuilder, laneSet: BpmnElement): void {
  for (const lane of children(laneSet, 'lanes')) {
    r.entry(lane, 'ignored');
    const nested = child(lane, 'childLaneSet');
    if (nested) lanes(r, nested);
  }
}

function startEvents(
  r: ReportBuilder,
  container: BpmnElement,
  nodes: BpmnElement[],
  kind: ScopeKind,
  index: ProcessIndex,
): void {
  const starts = nodes.filter((n) => is(n, 'bpmn:StartEvent'));
  if (kind === 'eventSubProcess') {
    if (starts.length !== 1) {
      r.add(
        container,
        'blocking',
        'event-subprocess-start',
        `An event sub-process needs exactly one start event with a trigger; it has ${starts.length}.`,
      );
    }
    return;
  }
  const none = starts.filter((s) => eventDefinitionsOf(s).length === 0);
  if (kind === 'subProcess' && (starts.length !== 1 || none.length !== 1)) {
    r.add(
      container,
      'blocking',
      'subprocess-start',
      `An embedded sub-process needs exactly one none start event; it has ${starts.length} start event(s), ${none.length} without trigger.`,
    );
  }
  if (kind !== 'process') return;
  // A case starts a process at its none start events, else at its message or timer start events
  // (docs/bpmn-interpreter.md); a call activity can only enter at a none start event.
  const triggered = starts.filter((s) => ['message', 'timer'].includes(triggerOf(eventDefinitionsOf(s)[0])));
  if (none.length === 0 && triggered.length === 0) {
    r.add(
      container,
      'blocking',
      'no-start-event',
      'The process has no start event a case could start it at (none, message or timer); add a start event without trigger.',
    );
  } else if (none.length === 0 && isCalled(container, index)) {
    r.add(
      container,
      'blocking',
      'no-none-start-event',
      'A call activity calls this process, but it has no none start event, so the call could not start it. Add a start event without trigger.',
    );
  }
  if (none.length > 1) {
    r.add(
      container,
      'warning',
      'several-none-start-events',
      `The process has ${none.length} none start events; a case starts at all of them at once.`,
    );
  }
}

function isCalled(process: BpmnElement, index: ProcessIndex): boolean {
  return index.processes.some(
    (p) => p.analysed && callActivitiesIn(p.element).some((call) => calledProcessId(call) === process.id),
  );
}

/** Every link throw needs a catch with the same name in the same scope. */
function links(r: ReportBuilder, nodes: BpmnElement[]): void {
  const linkName = (n: BpmnElement) =>
    text(
      eventDefinitionsOf(n).find((d) => is(d, 'bpmn:LinkEventDefinition')),
      'name',
    );
  const catches = new Set(
    nodes
      .filter((n) => is(n, 'bpmn:IntermediateCatchEvent'))
      .map(linkName)
      .filter(Boolean),
  );
  for (const node of nodes.filter((n) => is(n, 'bpmn:IntermediateThrowEvent'))) {
    const name = linkName(node);
    if (name && !catches.has(name))
      r.add(
        node,
        'blocking',
        'link-target-missing',
        `No link catch event named "${name}" in the same scope.`,
      );
  }
}

function sequenceFlow(r: ReportBuilder, flow: BpmnElement): void {
  r.entry(flow, 'executable');
  if (!child(flow, 'sourceRef') || !child(flow, 'targetRef')) {
    r.add(flow, 'blocking', 'broken-flow', 'The sequence flow lacks its source or target element.');
  }
  // A default flow's condition is never evaluated (the gateway check warns about it).
  if (child(child(flow, 'sourceRef'), 'default') === flow) return;
  const condition = body(flow, 'conditionExpression');
  const problem = condition ? conditionProblem(condition) : undefined;
  if (problem) r.add(flow, 'blocking', problem.code, problem.message);
}

function flowNode(
  r: ReportBuilder,
  node: BpmnElement,
  index: ProcessIndex,
  outgoing: BpmnElement[],
  kind: ScopeKind,
): void {
  if (isAny(node, IGNORED_TYPES)) return r.entry(node, 'ignored');
  r.entry(node, 'executable');
  if (is(node, 'bpmn:Activity')) {
    checkActivity(r, node, index);
    if (is(node, 'bpmn:SubProcess')) subProcess(r, node, index);
  } else if (is(node, 'bpmn:Event')) event(r, node, kind);
  else if (is(node, 'bpmn:Gateway')) gateway(r, node, outgoing);
  else
    r.add(
      node,
      'blocking',
      'unsupported-element',
      `${node.$type} is not supported by the hub's process engine.`,
    );
}

function gateway(r: ReportBuilder, node: BpmnElement, outgoing: BpmnElement[]): void {
  if (is(node, 'bpmn:ComplexGateway')) return unsupported(r, node, 'A complex gateway');
  if (is(node, 'bpmn:EventBasedGateway')) {
    for (const flow of outgoing) {
      const target = child(flow, 'targetRef');
      const ok =
        is(target, 'bpmn:ReceiveTask') ||
        (is(target, 'bpmn:IntermediateCatchEvent') &&
          eventDefinitionsOf(target).some((d) =>
            isAny(d, [
              'bpmn:TimerEventDefinition',
              'bpmn:MessageEventDefinition',
              'bpmn:SignalEventDefinition',
              // BPMN 2.0 §10.6.6 allows conditional events here; they block on their own finding.
              'bpmn:ConditionalEventDefinition',
            ]),
          ));
      if (!ok)
        r.add(
          node,
          'blocking',
          'event-gateway-target',
          `Flow ${flow.id} leads to ${target?.$type ?? 'nothing'}; an event-based gateway may only lead to timer, message, signal or conditional catch events or receive tasks.`,
        );
    }
    if (outgoing.length < 2)
      r.add(
        node,
        'warning',
        'event-gateway-single',
        'An event-based gateway with fewer than two outgoing flows waits for a single event.',
      );
    return;
  }
  if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
  const defaultFlow = child(node, 'default');
  if (defaultFlow && !outgoing.includes(defaultFlow))
    r.add(
      node,
      'blocking',
      'default-flow-foreign',
      `The default flow ${defaultFlow.id} does not leave this gateway.`,
    );
  if (outgoing.length < 2) return;
  for (const flow of outgoing) {
    const condition = body(flow, 'conditionExpression');
    if (flow === defaultFlow) {
      if (condition)
        r.add(
          flow,
          'warning',
          'default-flow-has-condition',
          `The default flow's condition "${condition}" is never evaluated.`,
        );
    } else if (!condition) {
      r.add(
        flow,
        'blocking',
        'missing-condition',
        `Flow ${flow.id} leaves gateway ${node.id} without a condition and is not its default flow; add a FEEL condition or make it the default.`,
      );
    }
  }
}

function subProcess(r: ReportBuilder, node: BpmnElement, index: ProcessIndex): void {
  if (is(node, 'bpmn:Transaction')) return unsupported(r, node, 'A transaction sub-process');
  if (is(node, 'bpmn:AdHocSubProcess')) return unsupported(r, node, 'An ad-hoc sub-process');
  scope(r, node, index, flag(node, 'triggeredByEvent', false) ? 'eventSubProcess' : 'subProcess');
}
