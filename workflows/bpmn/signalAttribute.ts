// Keeps the search attribute DsBpmnSignals equal to the signal names an instance waits for, so the
// broadcast activity finds subscribers with a visibility query (no table, no activity per subscription).
import { upsertSearchAttributes } from '@temporalio/workflow';
import { DS_BPMN_SIGNALS } from '../searchAttributes';
import type { EngineState } from './state';
import { subscribedSignalNames } from './signals';

/** Returns a function to call after each engine step; it upserts only when the set of names changed. */
export function createSignalAttributeSync(): (state: EngineState) => void {
  // Signal subscriptions exist only on the patched path (SIGNALS_PATCH), so old histories never upsert here.
  let last = '';
  return (state) => {
    const names = subscribedSignalNames(state);
    const key = names.join('\n');
    if (key === last) return;
    last = key;
    upsertSearchAttributes([{ key: DS_BPMN_SIGNALS, value: names.length > 0 ? names : null }]);
  };
}
