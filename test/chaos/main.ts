// `npm run chaos [-- --size full|reduced] [--seed N]`: the chaos run against a throwaway hub of its own.
// Exits 0 when every check holds, 1 otherwise. CHAOS_SIZE and CHAOS_SEED work as well as the flags.
import { summarise } from './report';
import { runChaos } from './run';
import { SIZES, type ChaosSize } from './sizes';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sizeName = (argument('size') ?? process.env.CHAOS_SIZE ?? 'full') as ChaosSize['name'];
  const size = SIZES[sizeName];
  if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, got "${sizeName}"`);
  const seedText = argument('seed') ?? process.env.CHAOS_SEED;
  const seed = seedText === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${seedText}"`);
  const report = await runChaos(size, seed, (m) => process.stdout.write(`[chaos] ${m}\n`));
  process.stdout.write(`${summarise(report)}\n`);
  process.exit(report.violations.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`[chaos] the run itself broke: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
