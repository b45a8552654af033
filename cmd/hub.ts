// Assembles a running hub from a Config: database, Temporal, worker and API.
// Used by `npm start`, by the separate entrypoints and by the end-to-end tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Config } from '../platform/config';
import { createPool, type Pool } from '../db/pool';
import { migrate } from '../db/migrate';
import { buildApp } from '../api/app';
import { createMetrics } from '../api/metrics';
import { createWorker } from '../worker/createWorker';
import { listUnstarted } from '../db/applications';
import { startApplication } from '../api/startApplication';
import { seedCatalog } from '../db/seed/seedCatalog';
import { seedRules } from '../rules/seedRules';
import { configureRuleThreads, warmRuleThreads } from '../rules/rulePool';
import { configureBpmnThreads } from '../bpmn/parsePool';
import { ensureToken, removeDemoTokens } from '../db/tokens';
import { registerSearchAttributes } from '../platform/searchAttributes';
import { hubDataConverter } from '../platform/dataConverter';

export interface HubEndpoints {
  temporalAddress: string;
  databaseUrl: string;
}

export interface Hub {
  pool: Pool;
  temporal: Client;
  apiUrl: string | undefined;
  /** The worker's workflow cache size in effect (reported by the worker process), if a worker runs. */
  workerCacheSize: number | undefined;
  stop(): Promise<void>;
}

export interface HubParts {
  api: boolean;
  worker: boolean;
  workflowBundlePath?: string;
}

// Where this process reaches its own API: a wildcard address is reached over loopback.
function localUrlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts the requested parts of the hub against already running Temporal and PostgreSQL. */
export async function startHub(config: Config, endpoints: HubEndpoints, parts: HubParts): Promise<Hub> {
  // Rules and BPMN imports run on threads of their own, so a runaway cannot freeze API or worker.
  configureRuleThreads(config.ruleThreads);
  configureBpmnThreads(config.bpmnThreads);
  warmRuleThreads();
  const pool = createPool(endpoints.databaseUrl, 20);
  await migrate(pool);
  await seedCatalog(pool);
  await seedRules(pool);
  if (config.mode === 'production') {
    const removed = await removeDemoTokens(pool);
    if (removed > 0)
      process.stderr.write(`[hub] production mode: removed ${removed} demo tokens from the database\n`);
  }
  if (config.adminToken)
    await ensureToken(pool, config.adminToken, {
      role: 'admin',
      label: 'bootstrap administrator (ADMIN_TOKEN)',
    });
  const connection = await Connection.connect({ address: endpoints.temporalAddress });
  await registerSearchAttributes(connection, config.temporalNamespace);
  const dataConverter = hubDataConverter(config.codec.keys);
  const temporal = new Client({ connection, namespace: config.temporalNamespace, dataConverter });

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let closeWorkerConnection: (() => Promise<void>) | undefined;
  if (parts.worker) {
    const created = await createWorker({
      address: endpoints.temporalAddress,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      deps: { pool, integrations: config.integrations, temporal },
      workflowBundlePath: parts.workflowBundlePath ?? config.workflowBundlePath,
      logLevel: config.logLevel,
      dataConverter,
      cacheSize: config.workerCacheSize,
    });
    worker = created.worker;
    closeWorkerConnection = () => created.connection.close();
    workerRun = worker.run();
  }

  let server: http.Server | undefined;
  let apiUrl: string | undefined;
  if (parts.api) {
    const app = buildApp({ config, pool, temporal, metrics: createMetrics() });
    server = http.createServer(app);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, config.host, () => resolve());
    });
    apiUrl = `http://${localUrlHost(config.host)}:${(server.address() as AddressInfo).port}`;
    // Applications accepted just before a crash of the API may lack their workflow.
    for (const app of await listUnstarted(pool)) await startApplication(temporal, pool, config, app);
  }

  return {
    pool,
    temporal,
    apiUrl,
    workerCacheSize: worker?.options.maxCachedWorkflows,
    async stop() {
      if (server) {
        // Requests in flight finish (for a few seconds at most) before the pool they need is closed.
        const closed = new Promise((r) => server!.close(r));
        server.closeIdleConnections();
        await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000).unref())]);
        server.closeAllConnections();
        await closed;
      }
      if (worker) {
        worker.shutdown();
        await workerRun;
        await closeWorkerConnection?.();
      }
      await connection.close();
      await pool.end();
    },
  };
}
