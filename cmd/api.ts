// `npm run api`: the HTTP API on its own, against TEMPORAL_ADDRESS and DATABASE_URL.
import { loadConfig } from '../platform/config';
import { startHub } from './hub';

const config = loadConfig();
if (!config.temporalAddress || !config.databaseUrl) {
  process.stderr.write('api: set TEMPORAL_ADDRESS and DATABASE_URL (npm start runs an embedded API)\n');
  process.exit(2);
}
const hub = await startHub(
  config,
  { temporalAddress: config.temporalAddress, databaseUrl: config.databaseUrl },
  { api: true, worker: false },
);
process.stdout.write(`API listening on ${hub.apiUrl}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void hub.stop().then(() => process.exit(0)));
}
