// The compiled model of a process instance: inline in old histories, otherwise read by reference through an
// activity in slices, so no single payload approaches Temporal's 2 MB limit however large the model is.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ProcessModel } from './model';
import { MODEL_NOT_FOUND, type BpmnActivities, type BpmnProcessInput } from './api';

const { loadProcessModelPart } = proxyActivities<BpmnActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [MODEL_NOT_FOUND],
  },
});

/** The model this run interprets; every run (also after continue-as-new) reads it again, the worker caches it. */
export async function loadModel(input: BpmnProcessInput): Promise<ProcessModel> {
  if (input.model) return input.model;
  const ref = input.modelRef;
  if (!ref) throw ApplicationFailure.nonRetryable('the process input names no model', MODEL_NOT_FOUND);
  const parts: string[] = [];
  let offset = 0;
  for (;;) {
    const part = await loadProcessModelPart({ ref, offset });
    parts.push(part.json);
    offset += part.json.length;
    if (offset >= part.total || part.json.length === 0) break;
  }
  return JSON.parse(parts.join('')) as ProcessModel;
}
