import type { Client } from '@temporalio/client';
import type { Config } from '../platform/config';
import type { Pool } from '../db/pool';
import type { Metrics } from './metrics';

/** What the HTTP layer needs; built once by the entrypoint and handed to buildApp. */
export interface AppDeps {
  config: Pick<Config, 'taskQueue' | 'mode' | 'caseTiming' | 'integrations' | 'codec' | 'temporalNamespace'>;
  pool: Pool;
  temporal: Client;
  metrics: Metrics;
}
