// bpmnProcessWorkflow: runs one process of a compiled model with the token engine; signals, updates and
// activity outcomes feed the engine through an inbox, and long runs continue as new with the full state.
import {
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  bpmnMessageSignal,
  bpmnSignalSignal,
  bpmnStateQuery,
  completeUserTaskUpdate,
  type BpmnProcessInput,
  type BpmnProcessResult,
  type BpmnStateView,
} from './api';
import { Engine, initialState } from './engine';
import { assertWellFormed, incidentActionUpdate } from '../incidents';
import { assertFormOutput } from '../forms';
import type { EngineEvent } from './ports';
import { indexProcess } from './processIndex';
import { loadModel } from './loadModel';
import { openUserTask, reserveUserTask } from './userTasks';
import { describeState } from './view';
import { createTemporalEffects } from './temporalEffects';
import { createSignalAttributeSync } from './signalAttribute';

const DEFAULT_STEPS_PER_RUN = 1000;

/** Executes a BPMN process durably; returns its final state and variables. */
export async function bpmnProcessWorkflow(input: BpmnProcessInput): Promise<BpmnProcessResult> {
  const inbox: EngineEvent[] = [];
  // Handlers come first: queries and updates may arrive while the model is being read. Until then they
  // answer from the state carried over by continue-as-new (a fresh instance has no tasks yet).
  const loaded: { engine?: Engine } = {};
  const carried = input.resume;
  setHandler(bpmnMessageSignal, (message) => void inbox.push({ type: 'message', message }));
  setHandler(bpmnSignalSignal, (signal) => void inbox.push({ type: 'signal', signal }));
  setHandler(bpmnStateQuery, () =>
    loaded.engine
      ? { ...loaded.engine.view(), incidents: loaded.engine.openIncidents() }
      : carried
        ? describeState({ ...carried, runs: carried.runs + 1 }, undefined)
        : loadingView(input),
  );
  // Form checks need the model: until it is read, completions are refused (the caller may try again).
  const engineFor = (what: string): Engine => {
    if (!loaded.engine) throw new Error(`the process is still reading its model; ${what} again in a moment`);
    return loaded.engine;
  };
  setHandler(
    completeUserTaskUpdate,
    ({ taskId, output }) => {
      const state = loaded.engine?.state ?? carried;
      const elementId = state ? reserveUserTask(state, taskId) : '';
      inbox.push({ type: 'userTaskCompleted', taskId, output: output ?? {} });
      return Promise.resolve({ completed: true as const, taskId, elementId });
    },
    {
      validator: ({ taskId, output }) => {
        const state = loaded.engine?.state ?? carried;
        if (!state || !openUserTask(state, taskId))
          throw new Error(
            `user task ${taskId} is not open in this process instance (unknown, completed or cancelled)`,
          );
        assertFormOutput(engineFor('complete the task').formFieldsOf(taskId), output ?? {});
      },
    },
  );
  setHandler(
    incidentActionUpdate,
    (action) => {
      inbox.push({ type: 'incidentAction', action });
      return { incidentId: action.incidentId, accepted: true as const };
    },
    {
      validator: (action) => {
        assertWellFormed(action);
        engineFor('retry or resolve the incident').assertIncidentAction(action);
      },
    },
  );

  // Not cancellable: a run cancelled while it reads its model still needs the engine to close its open tasks.
  const model = await CancellationScope.nonCancellable(() => loadModel(input));
  const processId = input.resume?.processId ?? input.processId ?? model.mainProcessId;
  const process = model.processes[processId];
  // Not a Failed workflow: the caller (a call activity, or the case) turns this into an incident.
  if (!process) {
    const message = `process ${processId} is not part of model ${model.id}`;
    return { state: 'failed', variables: {}, error: { code: 'UNKNOWN_PROCESS', message, incident: true } };
  }
  const effects = createTemporalEffects(input, inbox);
  const run = new Engine(indexProcess(process), input.resume ?? initialState(processId), effects);
  loaded.engine = run;

  const stepsPerRun = input.limits?.stepsPerRun ?? DEFAULT_STEPS_PER_RUN;
  const syncSignals = createSignalAttributeSync();
  try {
    if (input.resume) run.resume();
    else run.start(input.variables, input.startEventId);
    while (!run.outcome) {
      syncSignals(run.state);
      // Time for a fresh history: hold back new activities, let running ones finish, then continue as new.
      // A running called process cannot be carried over, so the switch waits until none runs.
      const due = run.state.steps >= stepsPerRun || workflowInfo().continueAsNewSuggested;
      if (due && !run.holdingWork && !effects.childrenRunning()) run.holdNewWork();
      if (run.holdingWork && inbox.length === 0 && effects.idle()) {
        await continueAsNew<typeof bpmnProcessWorkflow>({ ...input, processId, resume: run.state });
      }
      await condition(() => inbox.length > 0 || (run.holdingWork && effects.idle()));
      while (inbox.length > 0 && !run.outcome) run.handle(inbox.shift() as EngineEvent);
    }
    await settle();
    return run.outcome;
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(async () => {
        run.abort();
        await settle();
      });
    }
    throw error;
  }

  /** Caseworker tasks closed on the way out (or opened too late) are closed before the process reports its end. */
  async function settle(): Promise<void> {
    for (;;) {
      await condition(() => inbox.length > 0 || effects.idle());
      if (inbox.length === 0) return;
      while (inbox.length > 0) run.handle(inbox.shift() as EngineEvent);
    }
  }
}

/** What the bpmnState query answers before the model is read. */
function loadingView(input: BpmnProcessInput): BpmnStateView {
  return {
    processId: input.resume?.processId ?? input.processId ?? '',
    status: 'running',
    tokens: [],
    waits: [],
    userTasks: [],
    variables: {},
    bufferedMessages: 0,
    runs: input.resume?.runs ?? 0,
    loading: true,
  };
}
