// `npm run test:external`: starts Temporal and PostgreSQL as separate servers, then runs the API
// tests with TEMPORAL_ADDRESS and DATABASE_URL set, proving the hub uses external servers as given.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { freePort } from '../../platform/freePort';
import { startBackingServices } from '../../platform/services';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-external-'));
fs.chmodSync(dataDir, 0o755);
const config = {
  ...loadConfig({}),
  dataDir,
  temporalGrpcPort: await freePort(),
  temporalUiPort: await freePort(),
  embeddedPostgresPort: await freePort(),
};
const services = await startBackingServices(config, (m) => process.stderr.write(`${m}\n`));
process.stdout.write(
  `external Temporal ${services.temporalAddress}, PostgreSQL on port ${config.embeddedPostgresPort}\n`,
);
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TEMPORAL_ADDRESS: services.temporalAddress,
    DATABASE_URL: services.databaseUrl,
    DREHSCHEIBE_EXPECT_EXTERNAL: '1',
  },
});
await services.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
