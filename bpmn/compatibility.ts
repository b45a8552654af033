// Would running cases survive the current interpreter? Their recorded histories are replayed against the
// workflow bundle this process would run; a replay that diverges means the case would get stuck after
// a deployment (Temporal reports a non-determinism error and stops making progress).
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { WORKFLOWS_PATH } from '../platform/workflowsPath';

export interface CompatibilityReport {
  checkedAt: string;
  /** Cases whose history replays cleanly. */
  compatible: string[];
  /** Cases the current code would not continue: non-determinism or another replay failure. */
  incompatible: {
    workflowId: string;
    runId: string;
    kind: 'non-determinism' | 'replay-failed';
    reason: string;
  }[];
  /** Cases whose history could not be read (unknown id, no access). */
  unavailable: { workflowId: string; reason: string }[];
}

export type WorkflowCode = Pick<ReplayWorkerOptions, 'workflowBundle' | 'workflowsPath'>;

let currentBundle: Promise<WorkflowCode> | undefined;

/** The bundle of this checkout's workflow code, built once per process (bundling takes seconds). */
export function currentWorkflowCode(): Promise<WorkflowCode> {
  currentBundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('WARN'),
  }).then((bundle) => ({ workflowBundle: { code: bundle.code } }));
  return currentBundle;
}

/** The running BPMN process instances, newest first (when the caller names none). */
export async function runningProcessIds(client: Client, limit = 200): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of client.workflow.list({
    query: `WorkflowType = 'bpmnProcessWorkflow' AND ExecutionStatus = 'Running'`,
  })) {
    ids.push(execution.workflowId);
    if (ids.length >= limit) break;
  }
  return ids;
}

/** Replays the latest run of each workflow against `code` and sorts the cases by outcome. */
export async function checkCompatibility(
  client: Client,
  workflowIds: string[],
  code: WorkflowCode,
): Promise<CompatibilityReport> {
  const report: CompatibilityReport = {
    checkedAt: new Date().toISOString(),
    compatible: [],
    incompatible: [],
    unavailable: [],
  };
  const histories = [];
  for (const workflowId of [...new Set(workflowIds)]) {
    try {
      histories.push({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() });
    } catch (error) {
      report.unavailable.push({ workflowId, reason: (error as Error).message });
    }
  }
  if (histories.length === 0) return report;
  for await (const result of Worker.runReplayHistories(
    { ...code, replayName: 'compatibility-check' },
    histories,
  )) {
    if (!result.error) report.compatible.push(result.workflowId);
    else {
      report.incompatible.push({
        workflowId: result.workflowId,
        runId: result.runId,
        kind: result.error instanceof DeterminismViolationError ? 'non-determinism' : 'replay-failed',
        reason: result.error.message,
      });
    }
  }
  return report;
}
