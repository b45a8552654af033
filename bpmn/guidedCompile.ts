// Applies a guided report (bpmn/guided.ts) to the compiled model: descriptive elements become caseworker tasks
// the interpreter already runs (user tasks, gateways with conditions on the caseworker's answer), so guided
// cases need no interpreter of their own and running cases of executable models are untouched.
import type {
  FlowElement,
  FormField,
  ProcessModel,
  Scope,
  SequenceFlow,
  UserTask,
} from '../workflows/bpmn/model';
import { guidedMessageName, type GuidedEntry } from './guided';

/** The variable a guided choice writes: the chosen flow id (exclusive) or the list of chosen ids (inclusive). */
export const GUIDED_CHOICE = 'guidedChoice';
/** The label of the chosen flow (exclusive choices), e.g. "genehmigt": what the case reads as its decision. */
export const GUIDED_CHOICE_LABEL = 'guidedChoiceLabel';

/** Ids of the elements guided mode adds around a choice gateway. */
export const choiceTaskId = (gatewayId: string) => `${gatewayId}__choice`;
const splitId = (gatewayId: string) => `${gatewayId}__split`;

function userTask(element: FlowElement, entry: GuidedEntry, formFields: FormField[]): UserTask {
  const activity = 'ioMapping' in element && element.ioMapping ? { ioMapping: element.ioMapping } : {};
  const multi =
    'multiInstance' in element && element.multiInstance ? { multiInstance: element.multiInstance } : {};
  return {
    id: element.id,
    ...((entry.title ?? element.name) ? { name: entry.title ?? element.name } : {}),
    incoming: element.incoming,
    outgoing: element.outgoing,
    ...activity,
    ...multi,
    kind: 'userTask',
    formFields,
    candidateGroups: [],
    guided: {
      kind: entry.kind === 'choice' ? 'choice' : entry.kind === 'step' ? 'step' : 'confirmation',
      ...(entry.instructions ? { instructions: entry.instructions } : {}),
    },
  };
}

/** A FEEL string literal. */
const literal = (value: string) => JSON.stringify(value);

function choice(scope: Scope, gateway: FlowElement, entry: GuidedEntry): void {
  const options = entry.options ?? [];
  const field: FormField = {
    key: GUIDED_CHOICE,
    label: entry.title ?? 'Wie geht es weiter?',
    type: entry.multiple ? 'checklist' : 'select',
    required: true,
    options: options.map((o) => ({ value: o.flowId, label: o.label })),
  };
  const taskId = choiceTaskId(gateway.id);
  const split = splitId(gateway.id);
  const toTask: SequenceFlow = { id: `${taskId}__in`, source: gateway.id, target: taskId, isDefault: false };
  const toSplit: SequenceFlow = { id: `${taskId}__out`, source: taskId, target: split, isDefault: false };
  const defaultFlow = 'default' in gateway ? gateway.default : undefined;
  for (const flowId of gateway.outgoing) {
    const flow = scope.flows[flowId]!;
    scope.flows[flowId] = {
      ...flow,
      source: split,
      condition: entry.multiple
        ? `= list contains(${GUIDED_CHOICE}, ${literal(flowId)})`
        : `= ${GUIDED_CHOICE} = ${literal(flowId)}`,
    };
  }
  scope.flows[toTask.id] = toTask;
  scope.flows[toSplit.id] = toSplit;
  const kind = entry.multiple ? 'inclusiveGateway' : 'exclusiveGateway';
  scope.elements[split] = {
    id: split,
    kind,
    incoming: [toSplit.id],
    outgoing: gateway.outgoing,
    ...(defaultFlow ? { default: defaultFlow } : {}),
  };
  // The label travels with the choice, so a case can read "genehmigt" / "abgelehnt" as its decision.
  const label = options.reduceRight(
    (rest, o) => `if ${GUIDED_CHOICE} = ${literal(o.flowId)} then ${literal(o.label)} else ${rest}`,
    'null',
  );
  const outputs = [
    { source: `=${GUIDED_CHOICE}`, target: GUIDED_CHOICE },
    ...(entry.multiple ? [] : [{ source: `=${label}`, target: GUIDED_CHOICE_LABEL }]),
    { source: '=decidedBy', target: 'decidedBy' },
  ];
  scope.elements[taskId] = userTask(
    {
      id: taskId,
      name: entry.title,
      incoming: [toTask.id],
      outgoing: [toSplit.id],
      kind: 'task',
      ioMapping: { inputs: [], outputs },
    },
    entry,
    [field],
  );
  // The gateway keeps its incoming flows (and join behaviour); it now leads only to the choice.
  const joinKind = gateway.kind === 'inclusiveGateway' ? 'inclusiveGateway' : 'exclusiveGateway';
  scope.elements[gateway.id] = {
    id: gateway.id,
    ...(gateway.name ? { name: gateway.name } : {}),
    kind: joinKind,
    incoming: gateway.incoming,
    outgoing: [toTask.id],
  };
}

/** A none start event before every node without incoming flow (a scope without start events, BPMN 2.0 §10.5.2). */
function implicitStart(scope: Scope): void {
  const startId = `${scope.id}__start`;
  const targets = Object.values(scope.elements).filter(
    (e) =>
      e.incoming.length === 0 &&
      e.kind !== 'boundaryEvent' &&
      !(e.kind === 'subProcess' && e.triggeredByEvent) &&
      !(e.kind === 'intermediateCatchEvent' && e.trigger.type === 'link'),
  );
  const outgoing: string[] = [];
  for (const target of targets) {
    const flowId = `${startId}__to__${target.id}`;
    scope.flows[flowId] = { id: flowId, source: startId, target: target.id, isDefault: false };
    target.incoming = [...target.incoming, flowId];
    outgoing.push(flowId);
  }
  scope.elements[startId] = {
    id: startId,
    kind: 'startEvent',
    trigger: { type: 'none' },
    interrupting: true,
    incoming: [],
    outgoing,
  };
  scope.startEventIds = [startId, ...scope.startEventIds];
}

function guideScope(scope: Scope, entries: Map<string, GuidedEntry>): void {
  for (const element of Object.values(scope.elements)) {
    if (element.kind === 'subProcess') guideScope(element.scope, entries);
    const entry = entries.get(element.id);
    if (!entry) continue;
    switch (entry.kind) {
      case 'step':
        scope.elements[element.id] = userTask(element, entry, []);
        break;
      case 'confirmation':
        if (element.kind === 'boundaryEvent' || element.kind === 'startEvent')
          scope.elements[element.id] = {
            ...element,
            trigger: { type: 'message', message: { name: guidedMessageName(element.id) } },
          };
        else scope.elements[element.id] = userTask(element, entry, []);
        break;
      case 'passed':
        scope.elements[element.id] = {
          id: element.id,
          ...(element.name ? { name: element.name } : {}),
          kind: 'task',
          incoming: element.incoming,
          outgoing: element.outgoing,
        };
        break;
      case 'start':
        if (element.kind === 'startEvent')
          scope.elements[element.id] = { ...element, trigger: { type: 'none' } };
        break;
      case 'choice':
        choice(scope, element, entry);
        break;
    }
  }
  if (entries.get(scope.id)?.kind === 'start') implicitStart(scope);
}

/** Rewrites the compiled model as the guided report says; the result is plain JSON like any compiled model. */
export function guideModel(model: ProcessModel, guided: GuidedEntry[]): ProcessModel {
  const copy = JSON.parse(JSON.stringify(model)) as ProcessModel;
  const entries = new Map(guided.map((e) => [e.elementId, e]));
  for (const process of Object.values(copy.processes)) guideScope(process, entries);
  return copy;
}
