// Which internal process runs a case: the active BPMN model for service and municipality, else the default review.
import type { ProcessModel } from '../workflows/bpmn/model';
import type { ModelRef } from '../workflows/bpmn/api';
import { activeProcessModel } from '../bpmn/depot';
import type { ActivityDeps } from './deps';

export type OfficeProcessChoice =
  | { kind: 'default' }
  /** `model` only in results recorded before models travelled by reference (replayed histories). */
  | { kind: 'bpmn'; versionId: string; modelRef?: ModelRef; model?: ProcessModel };

export function createOfficeProcessActivities({ pool }: ActivityDeps) {
  return {
    /** Pins the process version at case start: later activations affect new cases only. */
    async loadOfficeProcess({
      leikaId,
      ars,
    }: {
      leikaId: string;
      ars: string;
    }): Promise<OfficeProcessChoice> {
      const active = await activeProcessModel(pool, leikaId, ars);
      if (!active?.compiled) return { kind: 'default' };
      // The reference, not the model: the child workflow reads the model itself (see loadModel).
      return {
        kind: 'bpmn',
        versionId: active.id,
        modelRef: { modelId: active.id, version: active.version },
      };
    },
  };
}
