// `npm run worker`: a worker process on its own (scale out by running several), against
// TEMPORAL_ADDRESS and DATABASE_URL.
import { loadConfig } from '../platform/config';
import { startHub } from './hub';

const config = loadConfig();
if (!config.temporalAddress || !config.databaseUrl) {
  process.stderr.write('worker: set TEMPORAL_ADDRESS and DATABASE_URL (npm start runs an embedded worker)\n');
  process.exit(2);
}
const hub = await startHub(
  config,
  { temporalAddress: config.temporalAddress, databaseUrl: config.databaseUrl },
  { api: false, worker: true },
);
process.stdout.write(
  `worker polling task queue ${config.taskQueue} on ${config.temporalAddress} (workflow cache ${hub.workerCacheSize})\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void hub.stop().then(() => process.exit(0)));
}
