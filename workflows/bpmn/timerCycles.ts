// Timer start cycles fire on every tick: each tick starts a token at the start event in the same instance,
// and the instance stays open while the cycle has ticks to come (ISO `R3/PT10M`, `R/PT1H`, or cron).
import type { EngineState } from './state';

/** Before this patch a timer start cycle fired once and cron cycles were refused. */
export const TIMER_CYCLES_PATCH = 'bpmn-timer-cycles';

/** True while a process-level timer start still has ticks to come: the process does not complete yet. */
export function startCycleOpen(state: EngineState, startEventIds: string[]): boolean {
  return Object.values(state.subscriptions).some(
    (s) => s.ownerId === state.rootId && s.timer && startEventIds.includes(s.elementId),
  );
}
