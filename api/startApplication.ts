// Starting the lifecycle workflow: the workflow id is the application id, a closed case is never started again,
// and the start is recorded so that only applications whose start is not recorded are restarted.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Config } from '../platform/config';
import type { Pool } from '../db/pool';
import { markWorkflowStarted } from '../db/applications';
import { applicationWorkflow } from '../workflows/application';
import { DS_MUNICIPALITY, DS_SERVICE, DS_STATUS } from '../workflows/searchAttributes';

/** Starts the case's workflow once; a running or closed workflow of the same application counts as started. */
export async function startApplication(
  temporal: Client,
  pool: Pool,
  config: Pick<Config, 'taskQueue' | 'caseTiming'>,
  app: { id: string; leikaId: string; ars: string },
): Promise<void> {
  try {
    await temporal.workflow.start(applicationWorkflow, {
      workflowId: app.id,
      taskQueue: config.taskQueue,
      // One application, one run: neither a running nor a closed case of this id is started a second time.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      args: [{ applicationId: app.id, leikaId: app.leikaId, ars: app.ars, timing: config.caseTiming }],
      typedSearchAttributes: [
        { key: DS_SERVICE, value: app.leikaId },
        { key: DS_MUNICIPALITY, value: app.ars },
        { key: DS_STATUS, value: 'SUBMITTED' },
      ],
      memo: { summary: `Antrag ${app.id}: Leistung ${app.leikaId}, Gemeinde ${app.ars}` },
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await markWorkflowStarted(pool, app.id);
}
