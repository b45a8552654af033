// Open caseworker tasks in an engine state: shared by the engine and by the workflow's update validator,
// which must answer before a continued run has read its model again.
import type { EngineState, Instance } from './state';

/** The element instance waiting for this task, unless an update is already completing it. */
export function openUserTask(state: EngineState, taskId: string): Instance | undefined {
  return Object.values(state.instances).find(
    (i) => i.wait?.type === 'userTask' && i.wait.taskId === taskId && !i.wait.completing,
  );
}

/** Reserves the task for the update that completes it, so a second update is rejected; returns its element. */
export function reserveUserTask(state: EngineState, taskId: string): string {
  const instance = openUserTask(state, taskId);
  if (instance?.wait?.type === 'userTask') instance.wait.completing = true;
  return instance?.elementId ?? '';
}
