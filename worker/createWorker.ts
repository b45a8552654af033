// Builds a worker for the hub's task queue; used by cmd/worker.ts, npm start and the tests.
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';
import { WORKFLOWS_PATH } from '../platform/workflowsPath';

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A pre-built workflow bundle (tests build it once); otherwise the worker bundles on start. */
  workflowBundlePath?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The hub's encrypting data converter (platform/dataConverter.ts); a pre-built bundle must use its failure converter. */
  dataConverter: DataConverter;
  /** maxCachedWorkflows; undefined keeps the SDK's default (from the heap limit). */
  cacheSize?: number;
}

let runtimeInstalled = false;

/** The SDK's runtime is process-wide and can be installed once; it sets the worker log level. */
function installRuntime(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // The process owner (npm start, cmd/worker.ts, tests) decides when to stop, not the SDK.
  Runtime.install({ logger: new DefaultLogger(level), shutdownSignals: [] });
}

/** Connects and creates a worker; the caller runs it with `worker.run()` and closes the connection. */
export async function createWorker(
  options: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntime((options.logLevel ?? 'info').toUpperCase() as 'INFO');
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    dataConverter: options.dataConverter,
    ...(options.cacheSize !== undefined ? { maxCachedWorkflows: options.cacheSize } : {}),
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
  });
  return { worker, connection };
}
