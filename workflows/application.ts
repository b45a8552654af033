// The application lifecycle: one durable workflow per application, id = application id.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

export interface ApplicationInput {
  applicationId: string;
  leikaId: string;
  ars: string;
}

export interface ApplicationResult {
  applicationId: string;
  status: string;
}

const { appendProtocol, publishStatus } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Carries one application from intake to its final state. */
export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationResult> {
  await appendProtocol({
    applicationId: input.applicationId,
    ars: input.ars,
    leikaId: input.leikaId,
    step: 'receive',
    outcome: 'ok',
    detail: { by: 'applicationWorkflow' },
  });
  await publishStatus({
    applicationId: input.applicationId,
    status: 'RECEIVED',
    phase: 'received',
    text: 'Ihr Antrag ist eingegangen und wird an die zuständige Stelle weitergeleitet.',
    openRequests: [],
  });
  return { applicationId: input.applicationId, status: 'RECEIVED' };
}
