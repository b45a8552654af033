// Small builders for process models in tests: elements without incoming/outgoing, flows as "a->b" strings
// (or tuples with a condition); the builder fills in the wiring, start events and event sub-processes.
import type {
  EventTrigger,
  FlowElement,
  ProcessDefinition,
  ProcessModel,
  Scope,
  SequenceFlow,
  ServiceTask,
  SubProcess,
  TimerDefinition,
  UserTask,
} from '../../../workflows/bpmn/model';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Node = DistributiveOmit<FlowElement, 'incoming' | 'outgoing'>;
export type Flow =
  string | [from: string, to: string, options?: { condition?: string; isDefault?: boolean; id?: string }];

/** A scope (process body or sub-process) from nodes and flows. */
export function scope(id: string, nodes: Node[], flows: Flow[]): Scope {
  const elements: Record<string, FlowElement> = {};
  for (const node of nodes) elements[node.id] = { ...node, incoming: [], outgoing: [] } as FlowElement;
  const sequenceFlows: Record<string, SequenceFlow> = {};
  for (const spec of flows) {
    const [source, target, options] =
      typeof spec === 'string' ? (spec.split('->') as [string, string]) : spec;
    const flowId = options?.id ?? `${source}->${target}`;
    const from = elements[source];
    const to = elements[target];
    if (!from || !to) throw new Error(`flow ${flowId} refers to an unknown element`);
    sequenceFlows[flowId] = {
      id: flowId,
      source,
      target,
      isDefault: options?.isDefault ?? false,
      ...(options?.condition ? { condition: options.condition } : {}),
    };
    from.outgoing.push(flowId);
    to.incoming.push(flowId);
    if (options?.isDefault && 'default' in from) (from as { default?: string }).default = flowId;
  }
  const all = Object.values(elements);
  return {
    id,
    elements,
    flows: sequenceFlows,
    startEventIds: all.filter((e) => e.kind === 'startEvent').map((e) => e.id),
    eventSubProcessIds: all.filter((e) => e.kind === 'subProcess' && e.triggeredByEvent).map((e) => e.id),
  };
}

/** A process definition. */
export function processDef(id: string, nodes: Node[], flows: Flow[]): ProcessDefinition {
  return { ...scope(id, nodes, flows), isExecutable: true };
}

/** A model whose first process is the main one. */
export function model(main: ProcessDefinition, ...others: ProcessDefinition[]): ProcessModel {
  const processes: Record<string, ProcessDefinition> = {};
  for (const p of [main, ...others]) processes[p.id] = p;
  return { id: `model-${main.id}`, name: main.id, version: 1, processes, mainProcessId: main.id };
}

export const duration = (expression: string): TimerDefinition => ({ kind: 'duration', expression });
export const cycle = (expression: string): TimerDefinition => ({ kind: 'cycle', expression });

/** Element shorthands. */
export const el = {
  start: (
    id: string,
    trigger: Extract<EventTrigger, { type: 'none' | 'message' | 'timer' | 'error' | 'escalation' }> = {
      type: 'none',
    },
    interrupting = true,
  ): Node => ({ id, kind: 'startEvent', trigger, interrupting }),
  end: (
    id: string,
    trigger: Extract<EventTrigger, { type: 'none' | 'terminate' | 'error' | 'message' | 'escalation' }> = {
      type: 'none',
    },
  ): Node => ({ id, kind: 'endEvent', trigger }),
  task: (id: string): Node => ({ id, kind: 'task' }),
  service: (id: string, taskType: string, extra: Partial<ServiceTask> = {}): Node =>
    ({ id, kind: 'serviceTask', taskType, headers: {}, retries: 1, ...extra }) as Node,
  user: (id: string, extra: Partial<UserTask> = {}): Node =>
    ({ id, kind: 'userTask', name: id, formFields: [], candidateGroups: ['office'], ...extra }) as Node,
  xor: (id: string): Node => ({ id, kind: 'exclusiveGateway' }),
  or: (id: string): Node => ({ id, kind: 'inclusiveGateway' }),
  and: (id: string): Node => ({ id, kind: 'parallelGateway' }),
  eventGateway: (id: string): Node => ({ id, kind: 'eventBasedGateway' }),
  timer: (id: string, timer: TimerDefinition): Node => ({
    id,
    kind: 'intermediateCatchEvent',
    trigger: { type: 'timer', timer },
  }),
  message: (id: string, name: string, correlationKey?: string): Node => ({
    id,
    kind: 'intermediateCatchEvent',
    trigger: { type: 'message', message: { name, ...(correlationKey ? { correlationKey } : {}) } },
  }),
  boundary: (
    id: string,
    attachedTo: string,
    trigger: Extract<Node, { kind: 'boundaryEvent' }>['trigger'],
    cancelActivity = true,
  ): Node => ({ id, kind: 'boundaryEvent', attachedTo, cancelActivity, trigger }),
  sub: (id: string, inner: Scope, extra: Partial<SubProcess> = {}): Node =>
    ({ id, kind: 'subProcess', triggeredByEvent: false, scope: inner, ...extra }) as Node,
  eventSub: (id: string, inner: Scope): Node => ({
    id,
    kind: 'subProcess',
    triggeredByEvent: true,
    scope: inner,
  }),
};
