// A real worker for interpreter tests, on its own task queue of the run's Temporal dev server, with
// service-task handlers chosen by each test and an in-memory caseworker task list.
import crypto from 'node:crypto';
import { inject } from 'vitest';
import {
  Client,
  Connection,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createServiceTaskActivities, type ServiceTaskHandler } from '../../../activities/serviceTasks';
import { createProcessModelActivities } from '../../../activities/processModelParts';
import { ModelCache } from '../../../activities/modelCache';
import { createBpmnSignalActivities } from '../../../activities/bpmnSignals';
import type { ProcessModel } from '../../../workflows/bpmn/model';
import {
  bpmnMessageSignal,
  bpmnStateQuery,
  completeUserTaskUpdate,
  type BpmnActivities,
  type BpmnMessage,
  type BpmnProcessInput,
  type BpmnStateView,
  type OpenCaseworkerTaskRequest,
} from '../../../workflows/bpmn/api';
import type { bpmnProcessWorkflow } from '../../../workflows/bpmn/workflow';
import { eventually } from '../../support/testHub';
import { loadConfig } from '../../../platform/config';
import { hubDataConverter } from '../../../platform/dataConverter';

export interface TestTask {
  request: OpenCaseworkerTaskRequest;
  status: 'open' | 'completed' | 'cancelled';
  output?: Record<string, unknown>;
}

export interface BpmnWorker {
  client: Client;
  /** The hub's encrypting data converter, for replays of this worker's histories. */
  dataConverter: DataConverter;
  taskQueue: string;
  tasks: Map<string, TestTask>;
  /** The worker's model cache; `start` stores each model under a fresh reference (as an import would). */
  models: ModelCache;
  /** Service-task requests in the order they ran. */
  calls: { taskType: string; elementId: string; variables: Record<string, unknown> }[];
  start(
    model: ProcessModel,
    variables?: Record<string, unknown>,
    extra?: Partial<BpmnProcessInput>,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof bpmnProcessWorkflow>>;
  message(handle: WorkflowHandle, message: BpmnMessage): Promise<void>;
  /** Puts a model version into this worker's depot (for instances started by others, e.g. signal starts). */
  store(ref: { modelId: string; version: number }, model: ProcessModel): void;
  state(handle: WorkflowHandle): Promise<BpmnStateView>;
  /** Waits until the process has an open user task for the element, and returns its id. */
  openTask(handle: WorkflowHandle, elementId: string): Promise<string>;
  completeTask(handle: WorkflowHandle, taskId: string, output?: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** Polls until `check` returns something other than undefined. */
export function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  return eventually(check, timeoutMs, what);
}

/** Starts a worker with the given service-task handlers (type → handler). */
export async function startBpmnWorker(
  handlers: Record<string, ServiceTaskHandler> = {},
): Promise<BpmnWorker> {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
    } catch {
      // A test hub in the same file installed the process-wide runtime first; its settings are fine too.
    }
  }
  const address = inject('temporalAddress');
  const taskQueue = `bpmn-${crypto.randomUUID()}`;
  const tasks = new Map<string, TestTask>();
  const calls: BpmnWorker['calls'] = [];
  const recorded: Record<string, ServiceTaskHandler> = {};
  for (const [type, handler] of Object.entries(handlers)) {
    recorded[type] = (request) => {
      calls.push({ taskType: request.taskType, elementId: request.elementId, variables: request.variables });
      return handler(request);
    };
  }
  // The depot of this worker: models travel by reference, as in the hub.
  const depot = new Map<string, string>();
  const models = new ModelCache(async (ref) => depot.get(`${ref.modelId}@${ref.version}`));
  const clientRef: { client?: Client } = {};
  const activities: BpmnActivities = {
    ...createServiceTaskActivities(recorded),
    ...createBpmnSignalActivities(() => clientRef.client),
    ...createProcessModelActivities(models),
    async openCaseworkerTask(request) {
      if (!tasks.has(request.taskId)) tasks.set(request.taskId, { request, status: 'open' });
      return { taskId: request.taskId };
    },
    async closeCaseworkerTask({ taskId, outcome, output }) {
      const task = tasks.get(taskId);
      if (task && task.status === 'open')
        Object.assign(task, { status: outcome, ...(output ? { output } : {}) });
    },
    // The incidents table lives in the hub's database; interpreter tests read incidents from bpmnState.
    async recordIncident() {},
    async closeIncidentRecord() {},
  };
  const dataConverter = hubDataConverter(loadConfig({}).codec.keys);
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities,
    dataConverter,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter });
  clientRef.client = client;

  const self: BpmnWorker = {
    client,
    dataConverter,
    taskQueue,
    tasks,
    calls,
    models,
    start(model, variables = {}, extra = {}) {
      const modelRef = { modelId: crypto.randomUUID(), version: model.version };
      depot.set(`${modelRef.modelId}@${modelRef.version}`, JSON.stringify(model));
      return client.workflow.start<typeof bpmnProcessWorkflow>('bpmnProcessWorkflow', {
        taskQueue,
        workflowId: `bpmn-test-${crypto.randomUUID()}`,
        args: [{ modelRef, variables, businessKey: 'case-1', ...extra }],
      });
    },
    message: (handle, message) => handle.signal(bpmnMessageSignal, message),
    store: (ref, model) => void depot.set(`${ref.modelId}@${ref.version}`, JSON.stringify(model)),
    // Right after start the process reads its model (by reference); its state is what comes after.
    state: (handle) =>
      until(async () => {
        const view = await handle.query(bpmnStateQuery);
        return view.loading ? undefined : view;
      }, 'the process to read its model'),
    openTask: (handle, elementId) =>
      until(
        async () =>
          (await handle.query(bpmnStateQuery)).userTasks.find((t) => t.elementId === elementId)?.taskId,
        `user task ${elementId}`,
      ),
    async completeTask(handle, taskId, output = {}) {
      await handle.executeUpdate(completeUserTaskUpdate, { args: [{ taskId, output }] });
    },
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
  return self;
}
