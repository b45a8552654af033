// `npm run reset`: deletes the embedded state (Temporal history, PostgreSQL data). Stop `npm start` first.
import fs from 'node:fs';
import { loadConfig } from '../platform/config';

const { dataDir } = loadConfig();
fs.rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`removed ${dataDir}\n`);
