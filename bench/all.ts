// `npm run bench`: every benchmark in its own process, one after another, at sizes that keep the whole run under
// 15 minutes on the 2-core development machine; prints one table of their headline figures (bench/figure.ts).
// Each benchmark can be run alone at full size (README, Benchmarks).
import { spawn } from 'node:child_process';
import os from 'node:os';
import { FIGURE_PREFIX, type Figure } from './figure';

const RUNS: [file: string, args: string[]][] = [
  ['stepLatency.ts', ['100']],
  ['xsd.ts', ['100']],
  ['xgwaCheck.ts', ['300']],
  ['xdomeaContainer.ts', ['4', '1024', '10']],
  ['rules.ts', ['1000']],
  ['ruleIsolation.ts', ['300']],
  ['payloadCodec.ts', ['10000']],
  ['e2e.ts', ['200', '10000', '15', '500']],
  ['bpmn.ts', ['100']],
  ['workers.ts', ['40']],
  ['portal.ts', ['3', '1000']],
  ['adminPages.ts', ['3', '1000']],
  ['throughputQuery.ts', ['100000', '2']],
];
const only = process.argv.slice(2);

function run(file: string, args: string[]): Promise<{ figures: Figure[]; seconds: number; code: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL(file, import.meta.url).pathname, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const figures: Figure[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(FIGURE_PREFIX))
          figures.push(JSON.parse(line.slice(FIGURE_PREFIX.length)) as Figure);
        else process.stdout.write(`[${file}] ${line}\n`);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => resolve({ figures, seconds: (Date.now() - started) / 1000, code: code ?? 1 }));
  });
}

const rows: Record<string, string | number>[] = [];
const failed: string[] = [];
const started = Date.now();
for (const [file, args] of RUNS.filter(([f]) => only.length === 0 || only.some((o) => f.startsWith(o)))) {
  const result = await run(file, args);
  if (result.code !== 0 || result.figures.length === 0) failed.push(`${file} (exit ${result.code})`);
  for (const f of result.figures)
    rows.push({
      benchmark: f.benchmark,
      ours: f.ours,
      baseline: f.baseline,
      ratio: Number(f.ratio.toFixed(2)),
      goal: f.goal ?? '',
      's (whole run)': Math.round(result.seconds),
    });
}
console.log(
  `\nnpm run bench, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end, ${((Date.now() - started) / 60_000).toFixed(1)} min`,
);
console.table(rows);
if (failed.length > 0) {
  console.log(`failed or printed no figure: ${failed.join(', ')}`);
  process.exit(1);
}
