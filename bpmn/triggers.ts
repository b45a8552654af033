// Event triggers by role: which the interpreter runs (workflows/bpmn/model.ts EventTrigger) and which block.
import { children, is, type BpmnElement } from './is';

export type TriggerName =
  | 'none'
  | 'message'
  | 'timer'
  | 'error'
  | 'escalation'
  | 'link'
  | 'signal'
  | 'terminate'
  | 'conditional'
  | 'compensation'
  | 'cancel'
  | 'unknown';

export type EventRole =
  'start' | 'subProcessStart' | 'eventSubProcessStart' | 'end' | 'boundary' | 'throw' | 'catch';

/** Signals broadcast across the hub's instances (workflows/bpmn/signals.ts, activities/bpmnSignals.ts). */
const SIGNALS: readonly TriggerName[] = ['signal'];

/** Triggers the interpreter runs, per event role; conditional, compensation and cancel never run. */
export const TRIGGER_SUPPORT: Record<EventRole, readonly TriggerName[]> = {
  start: ['none', 'message', 'timer', ...SIGNALS],
  subProcessStart: ['none'],
  eventSubProcessStart: ['message', 'timer', 'error', 'escalation', ...SIGNALS],
  end: ['none', 'terminate', 'error', 'message', 'escalation', ...SIGNALS],
  boundary: ['timer', 'message', 'error', 'escalation', ...SIGNALS],
  throw: ['none', 'link', 'message', 'escalation', ...SIGNALS],
  catch: ['timer', 'message', 'link', ...SIGNALS],
};

const BY_TYPE: [string, TriggerName][] = [
  ['bpmn:MessageEventDefinition', 'message'],
  ['bpmn:TimerEventDefinition', 'timer'],
  ['bpmn:ErrorEventDefinition', 'error'],
  ['bpmn:EscalationEventDefinition', 'escalation'],
  ['bpmn:LinkEventDefinition', 'link'],
  ['bpmn:SignalEventDefinition', 'signal'],
  ['bpmn:TerminateEventDefinition', 'terminate'],
  ['bpmn:ConditionalEventDefinition', 'conditional'],
  ['bpmn:CompensateEventDefinition', 'compensation'],
  ['bpmn:CancelEventDefinition', 'cancel'],
];

/** The trigger an event definition stands for; no definition means a none event. */
export function triggerOf(definition: BpmnElement | undefined): TriggerName {
  if (!definition) return 'none';
  return BY_TYPE.find(([type]) => is(definition, type))?.[1] ?? 'unknown';
}

/**
 * An event's definitions: contained ones and those given by reference to a root-level definition. bpmn-moddle
 * names the reference list `eventDefinitionRef` (singular, isMany), as the BPMN 2.0 schema does.
 */
export function eventDefinitionsOf(node: BpmnElement | undefined): BpmnElement[] {
  return [...children(node, 'eventDefinitions'), ...children(node, 'eventDefinitionRef')];
}
