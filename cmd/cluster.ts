// `npm run cluster`: the production topology on one machine. A Temporal cluster node (temporal-server with
// PostgreSQL persistence and visibility, several history shards), the hub's PostgreSQL (embedded unless
// DATABASE_URL is set), the demo organisation, and the hub as separate processes: WORKERS worker processes and
// APIS API processes on PORT, PORT+1, ... Ctrl-C stops everything.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../platform/config';
import { startEmbeddedPostgres, type PostgresServer } from '../platform/embeddedPostgres';
import { startTemporalCluster } from '../platform/temporalCluster';
import type { TemporalServer } from '../platform/temporalServer';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedCatalog } from '../db/seed/seedCatalog';
import { seedRules } from '../rules/seedRules';
import { demoIntegrations, seedDemo, DEMO_TOKENS } from '../demo/seed';
import { startDemoOrganisation, type DemoOrganisation } from '../demo/organisation';
import { hubProcessEnv, READY, startHubProcess, stopHubProcesses, writeWorkflowBundle } from './hubProcess';

const log = (m: string) => process.stdout.write(`[cluster] ${m}\n`);
const workers = Number(process.env.WORKERS ?? 2);
const apis = Number(process.env.APIS ?? 2);

const config = loadConfig();
const started = Date.now();
const dataDir = path.join(config.dataDir, 'cluster');
const children: ChildProcess[] = [];
let postgres: PostgresServer | undefined;
let temporal: TemporalServer | undefined;
let demo: DemoOrganisation | undefined;
let stopping = false;
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
try {
  await main();
} catch (error) {
  process.stderr.write(`[cluster] start failed: ${(error as Error).stack}\n`);
  await shutdown(1);
}

async function main(): Promise<void> {
  const databaseUrl =
    config.databaseUrl ??
    (postgres = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), config.embeddedPostgresPort, log))
      .url;
  temporal = await startTemporalCluster({
    databaseUrl,
    dataDir,
    namespace: config.temporalNamespace,
    grpcPort: config.temporalGrpcPort,
    log,
  });
  const pool = createPool(databaseUrl, 2);
  await migrate(pool);
  await seedCatalog(pool);
  await seedRules(pool);
  demo = config.mode === 'demo' ? await startDemoOrganisation({ basePort: config.demoBasePort }) : undefined;
  if (demo) await seedDemo(pool, demo);
  await pool.end();

  // Bundled once here rather than by every worker process.
  const bundlePath = await writeWorkflowBundle(path.join(dataDir, 'workflow-bundle.js'));
  const env = hubProcessEnv({
    temporalAddress: temporal.address,
    databaseUrl,
    bundlePath,
    publicApiUrl: `http://127.0.0.1:${config.port}`,
    integrations: demo ? demoIntegrations(demo, config.integrations) : config.integrations,
  });

  const polling: Promise<string>[] = [];
  for (let i = 1; i <= workers; i++)
    polling.push(startHubProcess(`worker-${i}`, 'worker', env, children, READY.worker));
  const apiUrls: string[] = [];
  for (let i = 0; i < apis; i++) {
    void startHubProcess(`api-${i + 1}`, 'api', { ...env, PORT: String(config.port + i) }, children);
    apiUrls.push(`http://127.0.0.1:${config.port + i}`);
  }
  for (const url of apiUrls) await waitReady(url);
  await Promise.all(polling);

  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`APIs         ${apiUrls.join(', ')} (put a load balancer in front of them)`);
  log(`workers      ${workers} processes on task queue ${config.taskQueue}`);
  log(`Temporal     ${temporal.address}  [${temporal.source}]`);
  log(`PostgreSQL   ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  if (demo)
    log(
      'demo tokens  ' +
        Object.entries(DEMO_TOKENS)
          .map(([role, token]) => `${role}: ${token}`)
          .join(', '),
    );
}

async function waitReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not become ready`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping APIs, workers, demo organisation, Temporal and PostgreSQL ...');
  await stopHubProcesses(children);
  await demo?.stop();
  await temporal?.stop();
  await postgres?.stop();
  process.exit(code);
}
