// The bpmnState query's answer: what an administrator (or a test) needs to see of a running process.
import type { BpmnProcessResult, BpmnStateView } from './api';
import type { EngineState } from './state';

/** Active tokens, open waits and process variables, as a fresh copy of the state. */
export function describeState(state: EngineState, outcome: BpmnProcessResult | undefined): BpmnStateView {
  const instances = Object.values(state.instances);
  const tokens = instances
    .filter((i) => i.role !== 'process')
    .map((i) => ({
      instanceId: i.id,
      elementId: i.elementId,
      ...(i.wait ? { waitingFor: i.wait.type === 'job' ? `job:${i.wait.purpose}` : i.wait.type } : {}),
      ...(i.wait?.type === 'userTask' ? { taskId: i.wait.taskId } : {}),
    }));
  const waits = Object.values(state.subscriptions).map((s) => ({
    elementId: s.elementId,
    type: s.timer ? ('timer' as const) : s.signal ? ('signal' as const) : ('message' as const),
    ...(s.signal ? { signalName: s.signal.name } : {}),
    ...(s.timer ? { dueAt: new Date(s.timer.dueAt).toISOString() } : {}),
    ...(s.message
      ? {
          messageName: s.message.name,
          ...(s.message.correlationKey !== undefined ? { correlationKey: s.message.correlationKey } : {}),
        }
      : {}),
  }));
  const userTasks = instances.flatMap((i) =>
    i.wait?.type === 'userTask' ? [{ taskId: i.wait.taskId, elementId: i.elementId }] : [],
  );
  const variables = state.instances[state.rootId]?.variables ?? outcome?.variables ?? {};
  return {
    processId: state.processId,
    status: outcome?.state ?? 'running',
    tokens,
    waits,
    userTasks,
    variables: JSON.parse(JSON.stringify(variables)) as Record<string, unknown>,
    bufferedMessages: state.bufferedMessages.length,
    runs: state.runs,
  };
}
