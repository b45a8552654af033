// Unreachable flow nodes: nothing a case does can ever bring a token there, so they never run.
import { child, flag, is, text, type BpmnElement } from './is';
import { eventDefinitionsOf } from './triggers';
import type { ReportBuilder } from './reportBuilder';

const linkName = (node: BpmnElement) =>
  text(
    eventDefinitionsOf(node).find((d) => is(d, 'bpmn:LinkEventDefinition')),
    'name',
  );

/**
 * Reports flow nodes of one scope that no token reaches: tokens start at start events (and, in a scope
 * without start events, at nodes without incoming flow, BPMN 2.0 §10.5.2), follow sequence flows, jump from
 * link throws to link catches of the same name, and leave boundary events of reached activities. Event
 * sub-processes are started by their trigger; compensation handlers are reached by compensation.
 */
export function unreachable(r: ReportBuilder, nodes: BpmnElement[], flows: BpmnElement[]): void {
  const runnable = nodes.filter(
    (n) =>
      is(n, 'bpmn:FlowNode') &&
      !flag(n, 'isForCompensation', false) &&
      !(is(n, 'bpmn:SubProcess') && flag(n, 'triggeredByEvent', false)),
  );
  const targets = new Map<string, BpmnElement[]>();
  const hasIncoming = new Set<string>();
  for (const flow of flows) {
    const source = child(flow, 'sourceRef')?.id;
    const target = child(flow, 'targetRef');
    if (!source || !target?.id) continue;
    targets.set(source, [...(targets.get(source) ?? []), target]);
    hasIncoming.add(target.id);
  }
  const starts = runnable.filter((n) => is(n, 'bpmn:StartEvent'));
  const entry =
    starts.length > 0
      ? starts
      : runnable.filter(
          (n) =>
            !hasIncoming.has(n.id ?? '') &&
            !is(n, 'bpmn:BoundaryEvent') &&
            !(is(n, 'bpmn:IntermediateCatchEvent') && linkName(n)),
        );
  const reached = new Set<string>();
  const queue = [...entry];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (!node.id || reached.has(node.id)) continue;
    reached.add(node.id);
    queue.push(...(targets.get(node.id) ?? []));
    if (is(node, 'bpmn:IntermediateThrowEvent') && linkName(node))
      queue.push(
        ...runnable.filter((n) => is(n, 'bpmn:IntermediateCatchEvent') && linkName(n) === linkName(node)),
      );
    if (is(node, 'bpmn:Activity')) queue.push(...runnable.filter((n) => child(n, 'attachedToRef') === node));
  }
  for (const node of runnable) {
    if (node.id && !reached.has(node.id))
      r.add(
        node,
        'warning',
        'unreachable',
        'No sequence flow leads here from a start event, so this element never runs; connect it or remove it.',
      );
  }
}
