// `npm run test:external`: starts Temporal and PostgreSQL as separate servers, then runs the tests with
// TEMPORAL_ADDRESS and DATABASE_URL set, proving the hub uses external servers as given.
// `npm run test:cluster` (`--cluster`): the same against a real Temporal cluster node (temporal-server with
// PostgreSQL persistence and visibility, several history shards) instead of the dev server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { freePort } from '../../platform/freePort';
import { startBackingServices } from '../../platform/services';
import { startEmbeddedPostgres } from '../../platform/embeddedPostgres';
import { startTemporalCluster } from '../../platform/temporalCluster';

const cluster = process.argv[2] === '--cluster';
const vitestArgs = process.argv.slice(cluster ? 3 : 2);
const log = (m: string) => process.stderr.write(`${m}\n`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-external-'));
fs.chmodSync(dataDir, 0o755);
const config = {
  ...loadConfig({}),
  dataDir,
  temporalGrpcPort: await freePort(),
  temporalUiPort: await freePort(),
  embeddedPostgresPort: await freePort(),
};

async function startCluster() {
  const postgres = await startEmbeddedPostgres(
    path.join(dataDir, 'postgres'),
    config.embeddedPostgresPort,
    log,
  );
  const temporal = await startTemporalCluster({
    databaseUrl: postgres.url,
    dataDir,
    namespace: config.temporalNamespace,
    log,
  }).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  return {
    temporalAddress: temporal.address,
    databaseUrl: postgres.url,
    stop: async () => {
      await temporal.stop();
      await postgres.stop();
    },
  };
}

const services = cluster ? await startCluster() : await startBackingServices(config, log);
process.stdout.write(
  `external Temporal ${services.temporalAddress}${cluster ? ' (cluster node)' : ''}, PostgreSQL on port ${config.embeddedPostgresPort}\n`,
);
// Not spawnSync: this process also holds the pipes of the servers it started (PostgreSQL logs every refused
// statement to stderr); a blocked event loop stops draining them, the pipe fills and PostgreSQL stalls.
const status = await new Promise<number>((resolve) => {
  const child = spawn('npx', ['vitest', 'run', ...vitestArgs], {
    stdio: 'inherit',
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: services.temporalAddress,
      DATABASE_URL: services.databaseUrl,
      DREHSCHEIBE_EXPECT_EXTERNAL: '1',
    },
  });
  child.once('exit', (code) => resolve(code ?? 1));
});
await services.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
