import type { Client } from '@temporalio/client';
import type { Pool } from '../db/pool';
import type { Integrations } from '../platform/config';

/** Everything activities may touch, handed in by the worker's owner. */
export interface ActivityDeps {
  pool: Pool;
  integrations: Integrations;
  /** For activities that signal workflows (BPMN service tasks acting on the case). */
  temporal?: Client;
}
