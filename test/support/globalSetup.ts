// Starts one real Temporal dev server and one real PostgreSQL for the whole test run, on free ports,
// unless TEMPORAL_ADDRESS / DATABASE_URL point at external ones. Bundles the workflow code once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import 'vitest';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const quietLogger = new DefaultLogger('WARN');
import { loadConfig } from '../../platform/config';
import { freePort } from '../../platform/freePort';
import { startDevServer, type TemporalServer } from '../../platform/temporalServer';
import { startEmbeddedPostgres, type PostgresServer } from '../../platform/embeddedPostgres';
import { createPool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { WORKFLOWS_PATH } from '../../platform/workflowsPath';
import { Connection } from '@temporalio/client';
import { registerSearchAttributes } from '../../platform/searchAttributes';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-test-'));
  fs.chmodSync(scratch, 0o755);
  const log = (m: string) => process.stderr.write(`[test setup] ${m}\n`);

  let temporal: TemporalServer | undefined;
  let postgres: PostgresServer | undefined;
  const [temporalAddress, databaseUrl] = await Promise.all([
    config.temporalAddress ??
      (async () => {
        temporal = await startDevServer({
          cliPath: config.temporalCliPath,
          grpcPort: await freePort(),
          uiPort: await freePort(),
          namespace: config.temporalNamespace,
          dbFile: undefined,
          log,
        });
        log(`Temporal dev server at ${temporal.address} (${temporal.source})`);
        return temporal.address;
      })(),
    config.databaseUrl ??
      (async () => {
        postgres = await startEmbeddedPostgres(path.join(scratch, 'pg'), await freePort(), log);
        return postgres.url;
      })(),
  ]);

  // test:external must prove that nothing embedded was started.
  if (process.env.DREHSCHEIBE_EXPECT_EXTERNAL && (temporal || postgres)) {
    throw new Error('TEMPORAL_ADDRESS and DATABASE_URL were set, yet an embedded server was started');
  }
  log(temporal || postgres ? 'using embedded servers' : `using external servers: ${temporalAddress}`);

  const pool = createPool(databaseUrl, 2);
  await migrate(pool);
  await pool.end();

  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const workflowBundlePath = path.join(scratch, 'workflow-bundle.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);

  // Workflows upsert the hub's search attributes (e.g. DsIncident); tests without a hub need them registered too.
  const connection = await Connection.connect({ address: temporalAddress });
  await registerSearchAttributes(connection, config.temporalNamespace);
  await connection.close();

  project.provide('temporalAddress', temporalAddress);
  project.provide('databaseUrl', databaseUrl);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    await Promise.all([temporal?.stop(), postgres?.stop()]);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
}
