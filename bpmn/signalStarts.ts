// Which active process models start a new instance on a signal: every executable process of a model
// version active for some service and scope (the newest activation per service and municipality wins)
// whose start event waits for a signal with that name.
import type { Pool } from '../db/pool';
import type { ProcessModel } from '../workflows/bpmn/model';

export interface SignalStartTarget {
  modelId: string;
  version: number;
  processId: string;
  startEventId: string;
}

/** Start events (of the processes themselves, not of event sub-processes) that wait for `name`. */
export function signalStartsOf(
  model: ProcessModel,
  name: string,
): { processId: string; startEventId: string }[] {
  return Object.values(model.processes).flatMap((process) =>
    !process.isExecutable
      ? []
      : process.startEventIds.flatMap((id) => {
          const start = process.elements[id];
          // A FEEL signal name (`=...`) has no variables to read before the instance exists: literal names only.
          return start?.kind === 'startEvent' &&
            start.trigger.type === 'signal' &&
            start.trigger.name === name
            ? [{ processId: process.id, startEventId: id }]
            : [];
        }),
  );
}

/** Signal starts of the currently active model versions (each version once, however many scopes use it). */
export async function activeSignalStarts(pool: Pool, name: string): Promise<SignalStartTarget[]> {
  const result = await pool.query<{ id: string; version: number; compiled: ProcessModel }>(
    `SELECT DISTINCT m.id, m.version, m.compiled
       FROM (SELECT DISTINCT ON (a.leika_id, coalesce(a.ars, '')) a.model_id
               FROM process_model_activations a
              ORDER BY a.leika_id, coalesce(a.ars, ''), a.id DESC) active
       JOIN process_models m ON m.id = active.model_id
      WHERE m.compiled IS NOT NULL`,
  );
  return result.rows
    .flatMap((r) =>
      signalStartsOf(r.compiled, name).map((s) => ({ modelId: r.id, version: r.version, ...s })),
    )
    .sort((a, b) => `${a.modelId}/${a.startEventId}`.localeCompare(`${b.modelId}/${b.startEventId}`));
}
