// Many open cases on one machine. First `settled` cases run with the worker until each waits for its caseworker
// (case and office process workflows, forwarding done): their disk per 1,000 cases is what a case in review costs.
// Seeding all cases that way runs at the pipeline's rate (a few per second here: hours for 100,000), so the rest
// are accepted through the real intake with the worker stopped (each a real workflow execution in Temporal with
// its read models in PostgreSQL, waiting at its first step). Measured at checkpoints: disk and memory of Temporal,
// PostgreSQL and the API per 1,000 cases, status polls and new submissions at each size, against the figures at
// the first checkpoint (same run).
// Usage: npx tsx bench/openCases.ts [cases=100000] [checkpoints=5] [pollRate=500] [settled=1000] [pollSeconds=15]
import fs from 'node:fs';
import path from 'node:path';
import { percentile, startBenchHub } from './benchHub';
import { figure } from './figure';
import { processTree, rssBytes } from './processes';

const [cases = 100_000, checkpoints = 5, pollRate = 500, settled = 1000, pollSeconds = 15] = process.argv
  .slice(2)
  .map(Number);
const hub = await startBenchHub();

/** Bytes under a directory (files only). */
function du(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

const mb = (bytes: number) => bytes / 2 ** 20;
const processRss = (pid: number) => rssBytes([pid]);
const apiPid = hub.processes.api[0]!.pid!;
const measure = () => ({
  temporalDisk: du(path.join(hub.dataDir, 'temporal')),
  postgresDisk: du(path.join(hub.dataDir, 'postgres')),
  temporalRss: rssBytes(processTree(path.join(hub.dataDir, 'temporal'))),
  postgresRss: rssBytes(processTree(path.join(hub.dataDir, 'postgres'))),
  apiRss: processRss(apiPid),
});

const empty = measure();
const workerPid = hub.processes.worker[0]!.pid!;
const workerRssEmpty = processRss(workerPid);
let started = performance.now();
const open = await hub.submitMany('settled', settled);
await hub.waitSettled(open.map((c) => c.applicationId));
const settledSeconds = (performance.now() - started) / 1000;
const inReview = measure();
const workerRss = processRss(workerPid);
const perSettled = (key: 'temporalDisk' | 'postgresDisk') =>
  +(mb(inReview[key] - empty[key]) / (settled / 1000)).toFixed(2);
console.log(
  `${settled} cases waiting for their caseworkers in ${settledSeconds.toFixed(0)} s (${(settled / settledSeconds).toFixed(1)}/s): ` +
    `Temporal ${perSettled('temporalDisk')} MB, PostgreSQL ${perSettled('postgresDisk')} MB disk per 1,000`,
);
await hub.stopWorker();
const rows: Record<string, string | number>[] = [];
let seedSeconds = 0;
for (let c = 1; c <= checkpoints; c++) {
  const target = Math.round((cases * c) / checkpoints);
  started = performance.now();
  open.push(...(await hub.submitMany(`open-${c}`, target - open.length)));
  seedSeconds += (performance.now() - started) / 1000;
  const m = measure();
  const idleAfter = await hub.waitIdle();
  const polls = await hub.polls(pollSeconds, pollRate, open);
  const intake: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    open.push(await hub.submit(`open-${c}-probe-${i}`));
    intake.push(performance.now() - t);
  }
  intake.sort((a, b) => a - b);
  const k = open.length / 1000;
  rows.push({
    'open cases': open.length,
    'seeded/s': Math.round((open.length - settled) / seedSeconds),
    'idle after s': Math.round(idleAfter),
    'Temporal disk MB/1k': +(mb(m.temporalDisk - empty.temporalDisk) / k).toFixed(2),
    'PostgreSQL disk MB/1k': +(mb(m.postgresDisk - empty.postgresDisk) / k).toFixed(2),
    'Temporal RSS MB': Math.round(mb(m.temporalRss)),
    'PostgreSQL RSS MB': Math.round(mb(m.postgresRss)),
    'API RSS MB': Math.round(mb(m.apiRss)),
    'poll p99 ms': polls.latency.p99,
    'polls/s': polls.rate,
    'submit p99 ms': Math.round(percentile(intake, 99)),
  });
  console.log(JSON.stringify(rows.at(-1)));
}
console.table(rows);
console.log(`worker workflow cache (maxCachedWorkflows): ${hub.workerCacheSize}`);
console.log(
  `cases waiting for their caseworkers: Temporal ${perSettled('temporalDisk')} MB, PostgreSQL ${perSettled('postgresDisk')} MB disk per 1,000 (${settled} seeded at ${(settled / settledSeconds).toFixed(1)}/s); worker RSS ${Math.round(mb(workerRss))} MB with them in its cache (${Math.round(mb(workerRssEmpty))} MB before)`,
);
const first = rows[0]!;
const last = rows.at(-1)!;
figure({
  benchmark: `open cases: ${last['open cases']} vs ${first['open cases']}, status poll p99`,
  ours: `${last['poll p99 ms']} ms; Temporal ${last['Temporal disk MB/1k']} MB + PostgreSQL ${last['PostgreSQL disk MB/1k']} MB disk per 1k cases`,
  baseline: `${first['poll p99 ms']} ms at ${first['open cases']} cases`,
  ratio: Math.max(1, Number(first['poll p99 ms'])) / Math.max(1, Number(last['poll p99 ms'])),
  goal: `p99 < 20 ms: ${Number(last['poll p99 ms']) < 20 ? 'met' : 'missed'}`,
});
await hub.stop();
process.exit(0);
