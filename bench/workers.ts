// Scaling out workers on the Temporal cluster node (PostgreSQL persistence, 4 history shards): the same burst of
// applications, from intake until each waits for the office, with one worker process and with two, same run.
// Usage: npx tsx bench/workers.ts [applications=60]
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../platform/config';
import { freePort } from '../platform/freePort';
import { startEmbeddedPostgres } from '../platform/embeddedPostgres';
import { startTemporalCluster } from '../platform/temporalCluster';
import { startHub } from '../cmd/hub';
import {
  hubProcessEnv,
  READY,
  startHubProcess,
  stopHubProcesses,
  writeWorkflowBundle,
} from '../cmd/hubProcess';
import { startDemoOrganisation } from '../demo/organisation';
import { demoIntegrations, seedDemo, DEMO_ARS, DEMO_TOKENS } from '../demo/seed';
import { testPlan } from '../demo/testPlans';
import { figure } from './figure';

const TRADE_SUBMISSION = testPlan('99050012104000', DEMO_ARS)![0]!.body;
const applications = Number(process.argv[2] ?? 60);
const log = (m: string) => process.stderr.write(`${m}\n`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-bench-workers-'));
fs.chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres(path.join(dataDir, 'pg'), await freePort(), log);
const temporal = await startTemporalCluster({
  databaseUrl: postgres.url,
  dataDir,
  namespace: 'default',
  log,
});
const demo = await startDemoOrganisation({ basePort: 0 });
const base = { ...loadConfig({}), logLevel: 'error' as const, port: await freePort() };
const config = { ...base, integrations: demoIntegrations(demo, base.integrations) };
const endpoints = { temporalAddress: temporal.address, databaseUrl: postgres.url };
const api = await startHub(config, endpoints, { api: true, worker: false });
await seedDemo(api.pool, demo);
const bundlePath = await writeWorkflowBundle(path.join(dataDir, 'workflow-bundle.js'));
const env: NodeJS.ProcessEnv = {
  ...hubProcessEnv({
    temporalAddress: temporal.address,
    databaseUrl: postgres.url,
    bundlePath,
    publicApiUrl: api.apiUrl!,
    integrations: config.integrations,
  }),
  LOG_LEVEL: 'error',
};

async function submit(run: string, i: number): Promise<string> {
  const res = await fetch(`${api.apiUrl}/api/v1/submissions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${DEMO_TOKENS.portal}`,
      'content-type': 'application/json',
      'idempotency-key': `bench-workers-${run}-${i}`,
    },
    body: JSON.stringify(TRADE_SUBMISSION),
  });
  if (res.status !== 202) throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { applicationId: string }).applicationId;
}

/** Seconds until every application of the burst waits in the office's review. */
async function burst(workers: number): Promise<number> {
  const children: ChildProcess[] = [];
  const ready: Promise<string>[] = [];
  for (let i = 1; i <= workers; i++)
    ready.push(startHubProcess(`worker-${i}`, 'worker', env, children, READY.worker));
  await Promise.all(ready);
  const started = performance.now();
  const ids = await Promise.all(Array.from({ length: applications }, (_, i) => submit(`${workers}`, i)));
  for (;;) {
    const { rows } = await api.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM application_status WHERE application_id = ANY($1) AND phase = 'in-review'",
      [ids],
    );
    if (Number(rows[0]!.n) === ids.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  await stopHubProcesses(children);
  return seconds;
}

try {
  const one = await burst(1);
  const two = await burst(2);
  console.log(
    `${applications} applications from intake to the office's review, Temporal cluster node (4 shards)`,
  );
  console.table([
    { workers: 1, seconds: one.toFixed(1), 'applications/s': (applications / one).toFixed(2), ratio: '1.00' },
    {
      workers: 2,
      seconds: two.toFixed(1),
      'applications/s': (applications / two).toFixed(2),
      ratio: (one / two).toFixed(2),
    },
  ]);
  figure({
    benchmark: `${applications} applications on the cluster node, 2 workers vs 1`,
    ours: `${(applications / two).toFixed(2)} applications/s`,
    baseline: `${(applications / one).toFixed(2)} applications/s`,
    ratio: one / two,
  });
  console.log(
    `on ${os.cpus().length} cores; a second worker helps only where the first one's CPU is the limit`,
  );
} finally {
  await api.stop();
  await demo.stop();
  await temporal.stop();
  await postgres.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
