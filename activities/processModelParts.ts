// The `loadProcessModelPart` activity: BPMN process workflows read their model by reference, in slices,
// through the worker's model cache.
import { ApplicationFailure } from '@temporalio/common';
import { MODEL_NOT_FOUND, type ModelPart, type ModelRef } from '../workflows/bpmn/api';
import type { ModelCache } from './modelCache';

/**
 * Characters per slice. JSON escaping and multi-byte characters can at most triple a slice's bytes, which
 * keeps every result below 1.3 MB, well inside Temporal's 2 MB payload limit.
 */
export const MODEL_PART_CHARS = 400_000;

/** Builds the activity over the worker's model cache (loading from the depot in the hub, from a map in tests). */
export function createProcessModelActivities(cache: ModelCache) {
  return {
    /** Reads one slice of a compiled model version's JSON, from the worker's cache after the first read. */
    async loadProcessModelPart({ ref, offset }: { ref: ModelRef; offset: number }): Promise<ModelPart> {
      const json = await cache.get(ref);
      if (json === undefined) {
        throw ApplicationFailure.create({
          type: MODEL_NOT_FOUND,
          message: `process model ${ref.modelId} version ${ref.version} is not in the depot or not executable`,
          nonRetryable: true,
        });
      }
      return { json: json.slice(offset, offset + MODEL_PART_CHARS), total: json.length };
    },
  };
}
