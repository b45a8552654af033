// `npm start`: Temporal dev server, PostgreSQL, migrations and the demo organisation in this process; the worker
// and the API as child processes of their own, so the API answers while the worker validates and transforms.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError } from '../platform/config';
import { startBackingServices } from '../platform/services';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedCatalog } from '../db/seed/seedCatalog';
import { seedRules } from '../rules/seedRules';
import { demoIntegrations, seedDemo, DEMO_TOKENS } from '../demo/seed';
import { startDemoOrganisation } from '../demo/organisation';
import { hubProcessEnv, stopHubProcesses, superviseHubProcess, writeWorkflowBundle } from './hubProcess';

const log = (m: string) => process.stdout.write(`[drehscheibe] ${m}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const loaded = loadConfig();
  const services = await startBackingServices(loaded, log);
  // The fictive test organisation's systems (Fachverfahren, DMS, mail, registers, e-payment) run in demo mode.
  const demo =
    loaded.mode === 'demo' ? await startDemoOrganisation({ basePort: loaded.demoBasePort }) : undefined;
  const config = demo ? { ...loaded, integrations: demoIntegrations(demo, loaded.integrations) } : loaded;
  const children: ChildProcess[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping worker, API, Temporal and PostgreSQL ...`);
    await stopHubProcesses(children);
    await demo?.stop();
    await services.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    // Migrated and seeded once here, before the children start (theirs are then no-ops).
    const pool = createPool(services.databaseUrl, 2);
    try {
      await migrate(pool);
      await seedCatalog(pool);
      await seedRules(pool);
      if (demo) await seedDemo(pool, demo);
    } finally {
      await pool.end();
    }
    fs.mkdirSync(config.dataDir, { recursive: true });
    const bundlePath = await writeWorkflowBundle(path.join(config.dataDir, 'workflow-bundle.js'));
    const env = hubProcessEnv({
      temporalAddress: services.temporalAddress,
      databaseUrl: services.databaseUrl,
      bundlePath,
      publicApiUrl: config.integrations.publicApiUrl,
      integrations: config.integrations,
    });
    await Promise.all([
      superviseHubProcess('worker', 'worker', env, children, log),
      superviseHubProcess('api', 'api', env, children, log),
    ]);
  } catch (error) {
    await stopHubProcesses(children);
    await demo?.stop();
    await services.stop();
    throw error;
  }
  const apiUrl = config.integrations.publicApiUrl;
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`API          ${apiUrl}  (OpenAPI: ${apiUrl}/api/v1/openapi.json)`);
  log(`Temporal UI  ${services.temporalUiUrl ?? '(external server: use its UI)'}`);
  log(`codec server ${config.codec.uiEndpoint}  (sign in for the UI: ${config.codec.uiEndpoint}/login)`);
  log(`Temporal     ${services.temporalAddress}  [${services.temporalSource}]`);
  log(`PostgreSQL   ${services.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  if (demo) {
    log(
      'demo tokens  ' +
        Object.entries(DEMO_TOKENS)
          .map(([role, token]) => `${role}: ${token}`)
          .join(', '),
    );
    log(
      `demo systems Fachverfahren ${demo.urls.fachverfahrenXml}/inbox (XML), ${demo.urls.fachverfahrenJson}/inbox (JSON), DMS ${demo.urls.dms}/records, mails ${demo.urls.mailHttp}/mails`,
    );
  }
  log('worker and API run as processes of their own; a crashed one is started again.');
  log('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[drehscheibe] start failed: ${error instanceof ConfigError ? error.message : (error as Error).stack}\n`,
  );
  process.exit(1);
});
