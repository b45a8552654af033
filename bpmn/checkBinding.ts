// Checks shared by tasks and events: the task type a job-style element runs, and the message it waits for.
import { extension, text, type BpmnElement } from './is';
import { camunda7Implementation, taskBindingOf } from './taskBinding';
import { notFeel } from './expressions';
import type { ReportBuilder } from './reportBuilder';

/** Checks the task type of an element; `required` makes a missing one blocking. */
export function binding(r: ReportBuilder, node: BpmnElement, required: boolean): void {
  const resolved = taskBindingOf(node);
  if (!resolved) {
    if (!required) return;
    const java = camunda7Implementation(node);
    r.add(
      node,
      'blocking',
      'missing-task-type',
      `No task type: add a zeebe:taskDefinition type, a camunda:topic, or start the name with "[task-type] "${java ? ` (the Camunda 7 implementation ${java} cannot run in the hub)` : ''}.`,
    );
    return;
  }
  r.taskTypes.add(resolved.taskType);
  if (resolved.taskType.startsWith('=')) {
    r.add(
      node,
      'blocking',
      'task-type-expression',
      `The task type ${resolved.taskType} is an expression; the hub binds fixed task types only.`,
    );
    return;
  }
  if (resolved.source === 'name')
    r.add(
      node,
      'info',
      'task-type-by-name',
      `Task type "${resolved.taskType}" taken from the name convention "[type] label".`,
    );
  if (resolved.source === 'camunda-topic')
    r.add(
      node,
      'info',
      'task-type-by-topic',
      `Task type "${resolved.taskType}" taken from the Camunda 7 external-task topic.`,
    );
  if (resolved.source === 'decision')
    r.add(
      node,
      'info',
      'decision-as-task',
      `The DMN decision runs as hub task type "${resolved.taskType}"; the hub does not evaluate DMN itself.`,
    );
  if (resolved.retriesIgnored)
    r.add(
      node,
      'warning',
      'retries-ignored',
      `Retries "${resolved.retriesIgnored}" is not a number; the default ${resolved.retries} applies.`,
    );
  if (r.known && !r.known.has(resolved.taskType)) {
    r.add(
      node,
      'blocking',
      'unknown-task-type',
      `Task type "${resolved.taskType}" is not one the hub runs (known: ${[...r.known].sort().join(', ') || 'none'}).`,
    );
  }
}

/** Checks that a waited-for message has a name and (if needed) a FEEL correlation key. */
export function message(
  r: ReportBuilder,
  node: BpmnElement,
  ref: BpmnElement | undefined,
  needsCorrelation: boolean,
): void {
  if (!text(ref, 'name')) {
    r.add(
      node,
      'blocking',
      'message-without-name',
      'The message has no name; the hub correlates messages by name.',
    );
    return;
  }
  const key = text(extension(ref, 'zeebe:Subscription'), 'correlationKey');
  if (needsCorrelation && !key) {
    r.add(
      node,
      'blocking',
      'message-without-correlation-key',
      `Message "${text(ref, 'name')}" has no zeebe:subscription correlationKey; a waiting case could not be found (use e.g. "= businessKey").`,
    );
  } else if (key && notFeel(key)) {
    r.add(node, 'blocking', 'expression-not-feel', `The correlation key ${key} is not FEEL.`);
  }
}
