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
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createServiceTaskActivities, type ServiceTaskHandler } from '../../../activities/serviceTasks';
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

export interface TestTask {
  request: OpenCaseworkerTaskRequest;
  status: 'open' | 'completed' | 'cancelled';
  output?: Record<string, unknown>;
}

export interface BpmnWorker {
  client: Client;
  taskQueue: string;
  tasks: Map<string, TestTask>;
  /** Service-task requests in the order they ran. */
  calls: { taskType: string; elementId: string; variables: Record<string, unknown> }[];
  start(
    model: ProcessModel,
    variables?: Record<string, unknown>,
    extra?: Partial<BpmnProcessInput>,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof bpmnProcessWorkflow>>;
  message(handle: WorkflowHandle, message: BpmnMessage): Promise<void>;
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
  const activities: BpmnActivities = {
    ...createServiceTaskActivities(recorded),
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
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });

  const self: BpmnWorker = {
    client,
    taskQueue,
    tasks,
    calls,
    start: (model, variables = {}, extra = {}) =>
      client.workflow.start<typeof bpmnProcessWorkflow>('bpmnProcessWorkflow', {
        taskQueue,
        workflowId: `bpmn-test-${crypto.randomUUID()}`,
        args: [{ model, variables, businessKey: 'case-1', ...extra }],
      }),
    message: (handle, message) => handle.signal(bpmnMessageSignal, message),
    state: (handle) => handle.query(bpmnStateQuery),
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
