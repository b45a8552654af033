// Event checks: which triggers the interpreter runs in which place, and what each trigger needs.
import { child, is, text, type BpmnElement } from './is';
import { taskBindingOf } from './taskBinding';
import { checkTimer } from './expressions';
import { TRIGGER_SUPPORT, eventDefinitionsOf, triggerOf, type EventRole, type TriggerName } from './triggers';
import { binding, message } from './checkBinding';
import { ioMapping } from './checkActivity';
import type { ReportBuilder, ScopeKind } from './reportBuilder';

/** Checks a start, end, intermediate or boundary event. */
export function event(r: ReportBuilder, node: BpmnElement, kind: ScopeKind): void {
  ioMapping(r, node);
  const role = eventRole(node, kind);
  const definitions = eventDefinitionsOf(node);
  if (definitions.length > 1) {
    r.add(
      node,
      'blocking',
      'multiple-event-definitions',
      'Events with several triggers (multiple/parallel multiple) are not supported.',
    );
    return;
  }
  const definition = definitions[0];
  const trigger = triggerOf(definition);
  if (!TRIGGER_SUPPORT[role].includes(trigger)) {
    r.add(
      node,
      'blocking',
      'unsupported-event-definition',
      `A ${trigger === 'none' ? 'trigger-less' : trigger} ${roleLabel(role)} is not supported.`,
    );
    return;
  }
  if (role === 'boundary' && !child(node, 'attachedToRef'))
    r.add(node, 'blocking', 'boundary-unattached', 'The boundary event is attached to no activity.');
  triggerDetails(r, node, definition, trigger, role);
}

function eventRole(node: BpmnElement, kind: ScopeKind): EventRole {
  if (is(node, 'bpmn:StartEvent'))
    return kind === 'eventSubProcess'
      ? 'eventSubProcessStart'
      : kind === 'subProcess'
        ? 'subProcessStart'
        : 'start';
  if (is(node, 'bpmn:EndEvent')) return 'end';
  if (is(node, 'bpmn:BoundaryEvent')) return 'boundary';
  if (is(node, 'bpmn:IntermediateThrowEvent')) return 'throw';
  return 'catch';
}

function roleLabel(role: EventRole): string {
  return {
    start: 'start event of a process',
    subProcessStart: 'start event of an embedded sub-process',
    eventSubProcessStart: 'start event of an event sub-process',
    end: 'end event',
    boundary: 'boundary event',
    throw: 'intermediate throw event',
    catch: 'intermediate catch event',
  }[role];
}

function triggerDetails(
  r: ReportBuilder,
  node: BpmnElement,
  definition: BpmnElement | undefined,
  trigger: TriggerName,
  role: EventRole,
): void {
  const throwing = role === 'end' || role === 'throw';
  switch (trigger) {
    case 'message':
      if (throwing) {
        if (taskBindingOf(node)) binding(r, node, false);
        else
          r.add(
            node,
            'warning',
            'message-throw-without-task',
            'A message throw without a zeebe:taskDefinition sends nothing; add a task type (e.g. send-mail) to give it work.',
          );
        return;
      }
      return message(r, node, child(definition, 'messageRef'), role !== 'start');
    case 'timer':
      return timer(r, node, definition);
    case 'error':
      if (throwing && !text(child(definition, 'errorRef'), 'errorCode'))
        r.add(node, 'blocking', 'error-without-code', 'An error end event needs an error with an errorCode.');
      return;
    case 'escalation':
      if (throwing && !text(child(definition, 'escalationRef'), 'escalationCode'))
        r.add(
          node,
          'blocking',
          'escalation-without-code',
          'An escalation throw needs an escalation with an escalationCode.',
        );
      return;
    case 'link':
      if (!text(definition, 'name'))
        r.add(node, 'blocking', 'link-without-name', 'A link event needs a name that pairs throw and catch.');
      return;
    case 'signal':
      if (!text(child(definition, 'signalRef'), 'name'))
        r.add(node, 'blocking', 'signal-without-name', 'A signal event needs a signal with a name.');
      return;
    default:
      return;
  }
}

function timer(r: ReportBuilder, node: BpmnElement, definition: BpmnElement | undefined): void {
  const problem = checkTimer(definition);
  if (problem) r.add(node, 'blocking', problem.code, problem.message);
}
