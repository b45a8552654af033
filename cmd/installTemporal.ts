// `npm run temporal:install`: resolves (and caches) the Temporal CLI ahead of the first start.
import { loadConfig } from '../platform/config';
import { resolveTemporalCli } from '../platform/temporalCli';

const cli = resolveTemporalCli(loadConfig().temporalCliPath, (m) => process.stdout.write(`${m}\n`));
if (!cli) {
  process.stderr.write(
    'no Temporal CLI found; npm start will try the Temporal SDK download (needs internet)\n',
  );
  process.exit(1);
}
process.stdout.write(`${cli.path} (${cli.source}): ${cli.version}\n`);
