// Compensation in the compiled model: a compensation boundary event names its handler, the activity an
// association (not a sequence flow) leads to from the boundary event.
import { child, children, is, type BpmnElement } from './is';
import type { FlowElement } from '../workflows/bpmn/model';

/** Sets `compensationHandler` on the scope's compensation boundary events (in place). */
export function linkCompensationHandlers(
  container: BpmnElement,
  elements: Record<string, FlowElement>,
): void {
  for (const association of children(container, 'artifacts').filter((a) => is(a, 'bpmn:Association'))) {
    const source = elements[child(association, 'sourceRef')?.id ?? ''];
    const target = child(association, 'targetRef')?.id;
    if (source?.kind !== 'boundaryEvent' || source.trigger.type !== 'compensation' || !target) continue;
    if (elements[target]) source.compensationHandler = target;
  }
}
