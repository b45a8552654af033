// Guided mode: a descriptive model (what a process platform draws) runs as a guided case. Untyped tasks become
// manual steps in the office's task list, gateways without conditions the caseworker's choice, message and
// timer events without details confirmations. This file decides per element what runs guided and rewrites
// the report accordingly; bpmn/guidedCompile.ts applies the same entries to the compiled model.
import { child, children, extension, flag, is, isAny, text, type BpmnElement } from './is';
import { taskBindingOf, taskTypeFromName } from './taskBinding';
import { checkTimer } from './expressions';
import { conditionProblem } from './checkCondition';
import { calledProcessId, type ProcessIndex } from './processIndex';
import { eventDefinitionsOf, triggerOf } from './triggers';
import type { ElementEntry, Finding } from './reportBuilder';

export type GuidedKind = 'step' | 'choice' | 'confirmation' | 'start' | 'passed';

/** One element that runs guided, as the report lists it. */
export interface GuidedEntry {
  elementId: string;
  elementType: string;
  name?: string;
  filename: string;
  /**
   * step: a caseworker task with the element's name and documentation; choice: the caseworker picks the
   * outgoing flow(s); confirmation: the caseworker confirms the event happened; start: the case start stands
   * for a start event without details, or (on a scope) a start is added before the nodes without incoming
   * flow; passed: an event after a guided event-based gateway, already confirmed by the choice.
   */
  kind: GuidedKind;
  title?: string;
  instructions?: string;
  /** Choices: one per outgoing flow, in model order. */
  options?: { flowId: string; label: string }[];
  /** Inclusive gateways: several flows may be chosen. */
  multiple?: boolean;
}

/** Findings a guided element no longer has, per kind (the codes that describe what guided mode supplies). */
const RESOLVES: Record<GuidedKind, readonly string[]> = {
  step: ['missing-task-type', 'call-target-missing', 'pass-through', 'script-language', 'script-incomplete'],
  confirmation: [
    'message-without-name',
    'message-without-correlation-key',
    'timer-without-expression',
    'timer-invalid',
  ],
  passed: [
    'message-without-name',
    'message-without-correlation-key',
    'timer-without-expression',
    'timer-invalid',
  ],
  start: [
    'message-without-name',
    'timer-without-expression',
    'timer-invalid',
    'subprocess-start',
    'no-start-event',
  ],
  choice: ['event-gateway-target', 'event-gateway-single'],
};
/** Findings on the outgoing flows of a guided choice. */
const FLOW_RESOLVES = [
  'missing-condition',
  'condition-is-label',
  'condition-not-feel',
  'expression-not-feel',
];

const documentation = (node: BpmnElement): string | undefined => {
  const parts = children(node, 'documentation')
    .map((d) => text(d, 'text'))
    .filter((t): t is string => t !== undefined);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
};

/** True if a message or timer definition lacks what the interpreter needs to wait for it. */
function withoutDetails(definition: BpmnElement | undefined, needsCorrelation: boolean): boolean {
  const trigger = triggerOf(definition);
  if (trigger === 'timer') return checkTimer(definition) !== undefined;
  if (trigger !== 'message') return false;
  const message = child(definition, 'messageRef');
  if (!text(message, 'name')) return true;
  return needsCorrelation && !text(extension(message, 'zeebe:Subscription'), 'correlationKey');
}

function untypedTask(node: BpmnElement, index: ProcessIndex): boolean {
  if (node.$type === 'bpmn:Task') return !taskTypeFromName(text(node, 'name'));
  if (is(node, 'bpmn:ManualTask')) return true;
  if (isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']))
    return !taskBindingOf(node);
  if (is(node, 'bpmn:ScriptTask')) return !extension(node, 'zeebe:Script') && !taskBindingOf(node);
  if (is(node, 'bpmn:CallActivity')) {
    const target = calledProcessId(node);
    return !target || (!target.startsWith('=') && !index.byId.has(target));
  }
  return false;
}

function receiveWithoutDetails(node: BpmnElement): boolean {
  const message = child(node, 'messageRef');
  return !text(message, 'name') || !text(extension(message, 'zeebe:Subscription'), 'correlationKey');
}

class Planner {
  readonly entries: GuidedEntry[] = [];
  filename = '';

  constructor(private readonly index: ProcessIndex) {}

  add(node: BpmnElement, kind: GuidedKind, extra: Partial<GuidedEntry> = {}): void {
    const name = text(node, 'name');
    const instructions = documentation(node);
    this.entries.push({
      elementId: node.id ?? '',
      elementType: node.$type,
      ...(name ? { name } : {}),
      filename: this.filename,
      kind,
      ...(instructions ? { instructions } : {}),
      ...extra,
    });
  }

  scope(container: BpmnElement, kind: 'process' | 'subProcess' | 'eventSubProcess'): void {
    const elements = children(container, 'flowElements');
    const flows = elements.filter((e) => is(e, 'bpmn:SequenceFlow'));
    const nodes = elements.filter((e) => is(e, 'bpmn:FlowNode'));
    const outgoing = (node: BpmnElement) => flows.filter((f) => child(f, 'sourceRef') === node);
    const passed = new Set<BpmnElement>();
    for (const node of nodes.filter((n) => is(n, 'bpmn:Gateway'))) this.gateway(node, outgoing(node), passed);
    for (const node of nodes) {
      if (passed.has(node)) this.add(node, 'passed');
      else if (is(node, 'bpmn:Activity')) this.activity(node);
      else if (
        isAny(node, ['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent']) &&
        withoutDetails(eventDefinitionsOf(node)[0], true)
      )
        this.add(node, 'confirmation', { title: confirmationTitle(node) });
    }
    if (kind !== 'eventSubProcess') this.starts(container, nodes, kind);
    else
      for (const start of nodes.filter((n) => is(n, 'bpmn:StartEvent')))
        if (withoutDetails(eventDefinitionsOf(start)[0], true))
          this.add(start, 'confirmation', { title: confirmationTitle(start) });
  }

  private activity(node: BpmnElement): void {
    if (untypedTask(node, this.index)) this.add(node, 'step', { title: text(node, 'name') ?? node.id });
    else if (is(node, 'bpmn:ReceiveTask') && receiveWithoutDetails(node))
      this.add(node, 'confirmation', { title: confirmationTitle(node) });
    if (is(node, 'bpmn:SubProcess') && !isAny(node, ['bpmn:Transaction', 'bpmn:AdHocSubProcess']))
      this.scope(node, flag(node, 'triggeredByEvent', false) ? 'eventSubProcess' : 'subProcess');
  }

  private gateway(node: BpmnElement, outgoing: BpmnElement[], passed: Set<BpmnElement>): void {
    if (outgoing.length < 2 && !is(node, 'bpmn:EventBasedGateway')) return;
    const option = (flow: BpmnElement) => {
      const condition = text(child(flow, 'conditionExpression'), 'body');
      const label =
        text(flow, 'name') ??
        (condition && conditionProblem(condition)?.code === 'condition-is-label' ? condition : undefined) ??
        text(child(flow, 'targetRef'), 'name') ??
        flow.id ??
        '';
      return { flowId: flow.id ?? '', label };
    };
    if (is(node, 'bpmn:EventBasedGateway')) {
      const targets = outgoing.map((f) => child(f, 'targetRef')).filter((t) => t !== undefined);
      const descriptive = targets.some((t) =>
        is(t, 'bpmn:ReceiveTask') ? receiveWithoutDetails(t) : withoutDetails(eventDefinitionsOf(t)[0], true),
      );
      if (!descriptive) return;
      for (const target of targets) passed.add(target);
      this.add(node, 'choice', { title: choiceTitle(node), options: outgoing.map(option) });
      return;
    }
    if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
    const defaultFlow = child(node, 'default');
    const undecided = outgoing.some((flow) => {
      if (flow === defaultFlow) return false;
      const condition = text(child(flow, 'conditionExpression'), 'body');
      return !condition || conditionProblem(condition) !== undefined;
    });
    if (!undecided) return;
    this.add(node, 'choice', {
      title: choiceTitle(node),
      options: outgoing.map(option),
      ...(is(node, 'bpmn:InclusiveGateway') ? { multiple: true } : {}),
    });
  }

  private starts(container: BpmnElement, nodes: BpmnElement[], kind: 'process' | 'subProcess'): void {
    const starts = nodes.filter((n) => is(n, 'bpmn:StartEvent'));
    if (starts.length === 0) {
      this.add(container, 'start');
      return;
    }
    if (starts.some((s) => eventDefinitionsOf(s).length === 0)) return;
    const runnable = starts.some(
      (s) => kind === 'process' && !withoutDetails(eventDefinitionsOf(s)[0], false),
    );
    if (runnable) return;
    const first = starts.find((s) => withoutDetails(eventDefinitionsOf(s)[0], false));
    if (first) this.add(first, 'start');
  }
}

/** The message a caseworker's confirmation of a guided boundary event sends. */
export function guidedMessageName(elementId: string): string {
  return `guided:${elementId}`;
}

function confirmationTitle(node: BpmnElement): string {
  const trigger = is(node, 'bpmn:ReceiveTask') ? 'message' : triggerOf(eventDefinitionsOf(node)[0]);
  const what = trigger === 'timer' ? 'Frist abgelaufen' : 'Nachricht eingegangen';
  const name = text(node, 'name');
  return name ? `Bestätigen: ${name}` : `Bestätigen: ${what}`;
}

function choiceTitle(node: BpmnElement): string {
  const name = text(node, 'name');
  if (name) return `Entscheiden: ${name}`;
  return is(node, 'bpmn:EventBasedGateway')
    ? 'Bestätigen: Was ist eingetreten?'
    : 'Entscheiden: Wie geht es weiter?';
}

/** What runs guided in the processes that run, in walk order. */
export function planGuidance(index: ProcessIndex): GuidedEntry[] {
  const planner = new Planner(index);
  for (const entry of index.processes.filter((p) => p.runs)) {
    planner.filename = entry.filename;
    planner.scope(entry.element, 'process');
  }
  return planner.entries;
}

const GUIDED_MESSAGES: Record<GuidedKind, (entry: GuidedEntry) => string> = {
  step: (e) =>
    `Runs guided: a manual step "${e.title}" in the office's task list${e.instructions ? ', with the documentation as instructions' : ''}.`,
  choice: (e) =>
    `Runs guided: the caseworker chooses ${e.multiple ? 'one or more of' : 'one of'} ${e.options!.map((o) => `"${o.label}"`).join(', ')}.`,
  confirmation: (e) =>
    e.elementType === 'bpmn:BoundaryEvent' || e.elementType === 'bpmn:StartEvent'
      ? `Runs guided: while its scope runs, a confirmation of "${e.title}" (message "${guidedMessageName(e.elementId)}") triggers it.`
      : `Runs guided: the caseworker confirms "${e.title}" instead of the case waiting for the event.`,
  start: (e) =>
    e.elementType === 'bpmn:StartEvent'
      ? 'Runs guided: the case start stands for this start event without details.'
      : 'Runs guided: the scope has no start event, so it starts at every node without incoming flow (BPMN 2.0 §10.5.2).',
  passed: () => 'Runs guided: confirmed by the choice at the event-based gateway before it.',
};

/**
 * Rewrites findings and element statuses for guided mode: findings that guided mode answers are replaced by one
 * `guided-<kind>` info finding per element; everything else stays as the executable verdict had it.
 */
export function guideFindings(
  findings: Finding[],
  elements: ElementEntry[],
  entries: GuidedEntry[],
): { findings: Finding[]; elements: ElementEntry[] } {
  const key = (filename: string | undefined, id: string) => `${filename ?? ''}#${id}`;
  const byElement = new Map(entries.map((e) => [key(e.filename, e.elementId), e]));
  const choiceFlows = new Map<string, GuidedEntry>();
  for (const entry of entries.filter((e) => e.kind === 'choice'))
    for (const option of entry.options ?? []) choiceFlows.set(key(entry.filename, option.flowId), entry);
  const kept = findings.filter((f) => {
    const entry = byElement.get(key(f.filename, f.elementId));
    if (entry && RESOLVES[entry.kind].includes(f.code)) return false;
    return !(choiceFlows.has(key(f.filename, f.elementId)) && FLOW_RESOLVES.includes(f.code));
  });
  const guided: Finding[] = entries.map((e) => ({
    elementId: e.elementId,
    elementType: e.elementType,
    ...(e.name ? { name: e.name } : {}),
    filename: e.filename,
    severity: 'info',
    code: `guided-${e.kind}`,
    message: GUIDED_MESSAGES[e.kind](e),
  }));
  const blocked = new Set(
    kept.filter((f) => f.severity === 'blocking').map((f) => key(f.filename, f.elementId)),
  );
  return {
    findings: [...kept, ...guided],
    elements: elements.map((e) =>
      e.status === 'blocking' && !blocked.has(key(e.filename, e.elementId))
        ? { ...e, status: 'executable' }
        : e,
    ),
  };
}
