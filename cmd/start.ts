// `npm start`: Temporal dev server, PostgreSQL, migrations, demo organisation, worker and API in one process tree.
import { loadConfig, ConfigError } from '../platform/config';
import { startBackingServices } from '../platform/services';
import { startHub } from './hub';
import { demoIntegrations, seedDemo, DEMO_TOKENS } from '../demo/seed';
import { startDemoOrganisation } from '../demo/organisation';

const log = (m: string) => process.stdout.write(`[drehscheibe] ${m}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const loaded = loadConfig();
  const services = await startBackingServices(loaded, log);
  // The fictive test organisation's systems (Fachverfahren, DMS, mail, registers, e-payment) run in demo mode.
  const demo =
    loaded.mode === 'demo' ? await startDemoOrganisation({ basePort: loaded.demoBasePort }) : undefined;
  const config = demo ? { ...loaded, integrations: demoIntegrations(demo, loaded.integrations) } : loaded;
  let hub: Awaited<ReturnType<typeof startHub>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping worker, API, Temporal and PostgreSQL ...`);
    await hub?.stop().catch((e: unknown) => log(`hub stop: ${String(e)}`));
    await demo?.stop();
    await services.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    hub = await startHub(config, services, { api: true, worker: true });
    if (demo) await seedDemo(hub.pool, demo);
  } catch (error) {
    await hub?.stop().catch(() => {});
    await demo?.stop();
    await services.stop();
    throw error;
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`API          ${hub.apiUrl}  (OpenAPI: ${hub.apiUrl}/api/v1/openapi.json)`);
  log(`Temporal UI  ${services.temporalUiUrl ?? '(external server: use its UI)'}`);
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
  log('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[drehscheibe] start failed: ${error instanceof ConfigError ? error.message : (error as Error).stack}\n`,
  );
  process.exit(1);
});
