// The baseline for bench/e2e.ts: a bare workflow running the same number of activities, which do nothing.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

/** Runs `activities` no-op activities in sequence. */
export async function noopWorkflow(activities: number): Promise<void> {
  for (let i = 0; i < activities; i++) await noop();
}
