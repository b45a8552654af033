// Compensation (Camunda 8.5+): an activity with a compensation boundary event records, when it completes,
// that its handler may undo it; a compensation throw (intermediate or end) runs the handlers of the
// completed activities of its scope in reverse completion order, one after the other, and then continues.
import type { ProcessIndex } from './processIndex';
import type { CompensableActivity, EngineState, Instance } from './state';

/** After an activity completed: remember its compensation handler, if it has one. */
export function recordCompensable(state: EngineState, index: ProcessIndex, instance: Instance): void {
  if (instance.role === 'miInner' || instance.parentId === null) return;
  for (const boundary of index.boundaries(instance.elementId)) {
    if (boundary.kind !== 'boundaryEvent' || boundary.trigger.type !== 'compensation') continue;
    if (!boundary.compensationHandler) continue;
    (state.compensable ??= []).push({
      scopeId: instance.parentId,
      elementId: instance.elementId,
      handlerId: boundary.compensationHandler,
    });
  }
}

/** Takes the activities a throw in `scopeId` compensates (newest first); each is compensated only once. */
export function takeCompensable(
  state: EngineState,
  scopeId: string,
  activityRef?: string,
): CompensableActivity[] {
  const all = state.compensable ?? [];
  const taken = all.filter((c) => c.scopeId === scopeId && (!activityRef || c.elementId === activityRef));
  state.compensable = all.filter((c) => !taken.includes(c));
  return taken.reverse();
}

/** A scope that ends can no longer be compensated from inside. */
export function forgetScope(state: EngineState, scopeId: string): void {
  if (state.compensable?.some((c) => c.scopeId === scopeId))
    state.compensable = state.compensable.filter((c) => c.scopeId !== scopeId);
}
