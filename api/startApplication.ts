// Starting the lifecycle workflow is idempotent: the workflow id is the application id.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { applicationWorkflow } from '../workflows/application';

export async function startApplication(
  temporal: Client,
  taskQueue: string,
  app: { id: string; leikaId: string; ars: string },
): Promise<void> {
  try {
    await temporal.workflow.start(applicationWorkflow, {
      workflowId: app.id,
      taskQueue,
      args: [{ applicationId: app.id, leikaId: app.leikaId, ars: app.ars }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
