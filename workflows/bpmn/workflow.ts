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
  bpmnStateQuery,
  completeUserTaskUpdate,
  type BpmnProcessInput,
  type BpmnProcessResult,
} from './api';
import { Engine, initialState } from './engine';
import { assertWellFormed, incidentActionUpdate } from '../incidents';
import { assertFormOutput } from '../forms';
import type { EngineEvent } from './ports';
import { indexProcess } from './processIndex';
import { createTemporalEffects } from './temporalEffects';

const DEFAULT_STEPS_PER_RUN = 1000;

/** Executes a BPMN process durably; returns its final state and variables. */
export async function bpmnProcessWorkflow(input: BpmnProcessInput): Promise<BpmnProcessResult> {
  const processId = input.resume?.processId ?? input.processId ?? input.model.mainProcessId;
  const process = input.model.processes[processId];
  // Not a Failed workflow: the caller (a call activity, or the case) turns this into an incident.
  if (!process) {
    const message = `process ${processId} is not part of model ${input.model.id}`;
    return { state: 'failed', variables: {}, error: { code: 'UNKNOWN_PROCESS', message, incident: true } };
  }
  const inbox: EngineEvent[] = [];
  const effects = createTemporalEffects(input, inbox);
  const engine = new Engine(indexProcess(process), input.resume ?? initialState(processId), effects);

  setHandler(bpmnMessageSignal, (message) => void inbox.push({ type: 'message', message }));
  setHandler(bpmnStateQuery, () => ({ ...engine.view(), incidents: engine.openIncidents() }));
  setHandler(
    completeUserTaskUpdate,
    ({ taskId, output }) => {
      const elementId = engine.markCompleting(taskId);
      inbox.push({ type: 'userTaskCompleted', taskId, output: output ?? {} });
      return Promise.resolve({ completed: true as const, taskId, elementId });
    },
    {
      validator: ({ taskId, output }) => {
        if (!engine.isOpenTask(taskId))
          throw new Error(
            `user task ${taskId} is not open in this process instance (unknown, completed or cancelled)`,
          );
        assertFormOutput(engine.formFieldsOf(taskId), output ?? {});
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
        engine.assertIncidentAction(action);
      },
    },
  );

  const stepsPerRun = input.limits?.stepsPerRun ?? DEFAULT_STEPS_PER_RUN;
  try {
    if (input.resume) engine.resume();
    else engine.start(input.variables, input.startEventId);
    while (!engine.outcome) {
      // Time for a fresh history: hold back new activities, let running ones finish, then continue as new.
      // A running called process cannot be carried over, so the switch waits until none runs.
      const due = engine.state.steps >= stepsPerRun || workflowInfo().continueAsNewSuggested;
      if (due && !engine.holdingWork && !effects.childrenRunning()) engine.holdNewWork();
      if (engine.holdingWork && inbox.length === 0 && effects.idle()) {
        await continueAsNew<typeof bpmnProcessWorkflow>({ ...input, processId, resume: engine.state });
      }
      await condition(() => inbox.length > 0 || (engine.holdingWork && effects.idle()));
      while (inbox.length > 0 && !engine.outcome) engine.handle(inbox.shift() as EngineEvent);
    }
    await settle();
    return engine.outcome;
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(async () => {
        engine.abort();
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
      while (inbox.length > 0) engine.handle(inbox.shift() as EngineEvent);
    }
  }
}
