// End-to-end throughput of the hub (applications routed, transformed, validated, delivered to the
// Fachverfahren and filed in the DMS) against a bare Temporal workflow with the same number of no-op
// activities, on the same server in the same run; then status-poll latency under concurrent polling.
// Usage: npx tsx bench/e2e.ts [applications=40] [pollers=20] [pollSeconds=10]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { freePort } from '../platform/freePort';
import { startBackingServices } from '../platform/services';
import { startHub } from '../cmd/hub';
import { startDemoOrganisation } from '../demo/organisation';
import { demoIntegrations, seedDemo, DEMO_ARS, DEMO_TOKENS } from '../demo/seed';
import { testPlan } from '../demo/testPlans';

const [applications = 40, pollers = 20, pollSeconds = 10] = process.argv.slice(2).map(Number);
// The bench's own fixture: the first (valid, complete) message of the trade registration's test plan.
const TRADE_SUBMISSION = testPlan('99050012104000', DEMO_ARS)![0]!.body;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-bench-'));
fs.chmodSync(dataDir, 0o755);
const base = {
  ...loadConfig({}),
  dataDir,
  logLevel: 'error' as const,
  port: await freePort(),
  temporalGrpcPort: await freePort(),
  temporalUiPort: await freePort(),
  embeddedPostgresPort: await freePort(),
};
const services = await startBackingServices(base, () => {});
const demo = await startDemoOrganisation({ basePort: 0 });
const config = { ...base, integrations: demoIntegrations(demo, base.integrations) };
const hub = await startHub(config, services, { api: true, worker: true });
config.integrations.publicApiUrl = hub.apiUrl!;
await seedDemo(hub.pool, demo);

async function submit(i: number): Promise<{ applicationId: string; accessToken: string }> {
  const res = await fetch(`${hub.apiUrl}/api/v1/submissions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${DEMO_TOKENS.portal}`,
      'content-type': 'application/json',
      'idempotency-key': `bench-${i}-${Date.now()}`,
    },
    body: JSON.stringify(TRADE_SUBMISSION),
  });
  if (res.status !== 202) throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { applicationId: string; accessToken: string };
}

/** Counts how many activities a case runs until it waits for the office. */
async function activitiesUntilReview(applicationId: string): Promise<number> {
  const history = await hub.temporal.workflow.getHandle(applicationId).fetchHistory();
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
}

async function waitInReview(ids: string[]): Promise<void> {
  const pending = new Set(ids);
  while (pending.size > 0) {
    const r = await hub.pool.query(
      `SELECT application_id FROM application_status WHERE application_id = ANY($1) AND phase = 'in-review'`,
      [[...pending]],
    );
    for (const row of r.rows) pending.delete(row.application_id);
    if (pending.size > 0) await new Promise((res) => setTimeout(res, 50));
  }
}

// Warm-up: one case, also tells how many activities the real path runs.
const warm = await submit(-1);
await waitInReview([warm.applicationId]);
const activityCount = await activitiesUntilReview(warm.applicationId);

let started = performance.now();
const cases = await Promise.all(Array.from({ length: applications }, (_, i) => submit(i)));
await waitInReview(cases.map((c) => c.applicationId));
const hubSeconds = (performance.now() - started) / 1000;

// Baseline: bare workflows with the same number of no-op activities, same server, same run.
const taskQueue = 'bench-noop';
const nativeConnection = await NativeConnection.connect({ address: services.temporalAddress });
const worker = await Worker.create({
  connection: nativeConnection,
  taskQueue,
  activities: { noop: async () => {} },
  workflowsPath: fileURLToPath(new URL('./noopWorkflow.ts', import.meta.url)),
});
const running = worker.run();
const client = new Client({ connection: await Connection.connect({ address: services.temporalAddress }) });
await client.workflow.execute('noopWorkflow', { taskQueue, workflowId: 'noop-warm', args: [activityCount] });
started = performance.now();
await Promise.all(
  Array.from({ length: applications }, (_, i) =>
    client.workflow.execute('noopWorkflow', {
      taskQueue,
      workflowId: `noop-${i}-${Date.now()}`,
      args: [activityCount],
    }),
  ),
);
const bareSeconds = (performance.now() - started) / 1000;
worker.shutdown();
await running;

// Status polling: many open cases (all waiting for the office), concurrent pollers.
const latencies: number[] = [];
const until = Date.now() + pollSeconds * 1000;
await Promise.all(
  Array.from({ length: pollers }, async (_, p) => {
    let i = p;
    while (Date.now() < until) {
      const c = cases[i++ % cases.length]!;
      const t = performance.now();
      const res = await fetch(`${hub.apiUrl}/api/v1/applications/${c.applicationId}/status`, {
        headers: { authorization: `Bearer ${c.accessToken}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`poll ${res.status}`);
      latencies.push(performance.now() - t);
    }
  }),
);
latencies.sort((a, b) => a - b);

const hubRate = applications / hubSeconds;
const bareRate = applications / bareSeconds;
console.log(
  `applications: ${applications}, activities per application until the office has it: ${activityCount}`,
);
console.log(
  `hub (route, transform, validate, deliver to Fachverfahren, file in DMS): ${hubRate.toFixed(1)} applications/s (${hubSeconds.toFixed(2)} s)`,
);
console.log(
  `bare workflow with ${activityCount} no-op activities:                  ${bareRate.toFixed(1)} workflows/s (${bareSeconds.toFixed(2)} s)`,
);
console.log(`ratio hub / bare: ${(hubRate / bareRate).toFixed(2)}`);
console.log(
  `status polls: ${latencies.length} in ${pollSeconds} s by ${pollers} pollers over ${cases.length + 1} open cases; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${(latencies.length / pollSeconds).toFixed(0)} polls/s`,
);

await hub.stop();
await nativeConnection.close();
await client.connection.close();
await demo.stop();
await services.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
