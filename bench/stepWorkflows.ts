// Workflows for bench/stepLatency.ts: the same number of sequential no-op steps, as activities and as local ones.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

type Noop = { noop(): Promise<void> };
const { noop } = proxyActivities<Noop>({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities<Noop>({ startToCloseTimeout: '10 seconds' });

/** Runs `steps` no-op activities in sequence. */
export async function activitySteps(steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) await noop();
}

/** Runs `steps` no-op local activities in sequence: the baseline without a server round trip per step. */
export async function localActivitySteps(steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) await local.noop();
}
