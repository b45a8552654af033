// Activities are built by a factory from their dependencies, so tests hand in real or fake ones.
import type { Pool } from '../db/pool';
import { createRecordActivities } from './record';

export interface ActivityDeps {
  pool: Pool;
}

/** All activities the worker registers; workflows import only this type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createRecordActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
