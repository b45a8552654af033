// Workflow code bundled by bench/bpmn.ts: the interpreter, and as a baseline the same chain of activities
// written by hand, which shows what Temporal itself costs per step.
import { proxyActivities } from '@temporalio/workflow';
import type { BpmnActivities } from '../workflows/bpmn/api';

export { bpmnProcessWorkflow } from '../workflows/bpmn/workflow';

const { runServiceTask } = proxyActivities<BpmnActivities>({ startToCloseTimeout: '1 minute' });

/** Runs the "step" service task n times in a row, without any interpreter. */
export async function activityChainWorkflow(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await runServiceTask({
      taskType: 'step',
      elementId: `Task_${i}`,
      processInstanceId: 'bench',
      businessKey: 'bench',
      variables: {},
      headers: {},
    });
  }
}
