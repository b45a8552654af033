// Which internal process runs a case: the active BPMN model for service and municipality, else the default review.
import type { ProcessModel } from '../workflows/bpmn/model';
import { activeProcessModel } from '../bpmn/depot';
import type { ActivityDeps } from './deps';

export type OfficeProcessChoice =
  { kind: 'default' } | { kind: 'bpmn'; versionId: string; model: ProcessModel };

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
      return { kind: 'bpmn', versionId: String(active.id), model: active.compiled };
    },
  };
}
