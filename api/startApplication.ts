// Starting the lifecycle workflow is idempotent: the workflow id is the application id.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../platform/config';
import { applicationWorkflow } from '../workflows/application';
import { DS_MUNICIPALITY, DS_SERVICE, DS_STATUS } from '../workflows/searchAttributes';

export async function startApplication(
  temporal: Client,
  config: Pick<Config, 'taskQueue' | 'caseTiming'>,
  app: { id: string; leikaId: string; ars: string },
): Promise<void> {
  try {
    await temporal.workflow.start(applicationWorkflow, {
      workflowId: app.id,
      taskQueue: config.taskQueue,
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
}
