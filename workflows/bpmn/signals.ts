// Signal broadcast, the engine's side: which subscriptions take a signal and which broadcasts were already
// taken. The throw runs the broadcastBpmnSignal activity (activities/bpmnSignals.ts), which finds subscribed
// instances through the search attribute DsBpmnSignals that signalAttribute.ts keeps current.
import type { EngineState, Subscription } from './state';

/** Patch id of signal broadcast: before it, signal catches were plain named messages and throws did nothing. */
export const SIGNALS_PATCH = 'bpmn-signal-broadcast';

/** A redelivered broadcast (activity retry) must not trigger twice; the newest ids are enough for that. */
const MAX_SEEN_SIGNALS = 200;

/** Records a broadcast as taken; false when it was taken before (at-least-once delivery, once in effect). */
export function rememberSignal(state: EngineState, throwId: string): boolean {
  const seen = (state.seenSignals ??= []);
  if (seen.includes(throwId)) return false;
  seen.push(throwId);
  if (seen.length > MAX_SEEN_SIGNALS) seen.shift();
  return true;
}

/** Every open subscription for the signal, in subscription order: a broadcast triggers all of them. */
export function signalSubscriptions(state: EngineState, name: string): Subscription[] {
  return Object.values(state.subscriptions).filter((s) => s.signal?.name === name);
}

/** Names this instance waits for, sorted (the value of DsBpmnSignals). */
export function subscribedSignalNames(state: EngineState): string[] {
  const names = new Set<string>();
  for (const s of Object.values(state.subscriptions)) if (s.signal) names.add(s.signal.name);
  return [...names].sort();
}
