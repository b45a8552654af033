// End-to-end figures of the hub in its `npm start` topology: worker and API as processes of their own, the demo
// organisation in this process, the HTTP load from a worker thread of it (bench/openLoop.ts, open loop).
// 1. Pipeline: `applications` trade notifications at once, from intake until each waits for its caseworker (route,
//    transform, validate, deliver to the Fachverfahren, file in the DMS, forward to the §14 receivers, start the
//    office process and open its task), against a bare workflow with as many no-op activities on the same server
//    in the same run; then where the time goes, per activity type, from the cases' histories.
// 2. Status polls over `openCases` open cases at `pollRate` requests/s, against the same load on /healthz (the
//    API's HTTP cost without a database read). The cases are accepted through the real intake with the worker
//    stopped, so each is a real workflow execution with its read model, waiting at its first step.
// Usage: npx tsx bench/e2e.ts [applications=200] [openCases=10000] [pollSeconds=15] [pollRate=500]
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { percentile, startBenchHub, type Submitted } from './benchHub';
import type { LoadResult } from './openLoop';
import { figure } from './figure';
import { cpuSeconds, processTree } from './processes';

const [applications = 200, openCases = 10_000, pollSeconds = 15, pollRate = 500] = process.argv
  .slice(2)
  .map(Number);
const hub = await startBenchHub();
const { client, submit, dataConverter, services, waitSettled } = hub;

/** CPU seconds used so far by each part of the hub, to say what a phase was bound by. */
const parts = {
  'Temporal server': () => cpuSeconds(processTree(`${hub.dataDir}/temporal`)),
  PostgreSQL: () => cpuSeconds(processTree(`${hub.dataDir}/postgres`)),
  worker: () => cpuSeconds(hub.processes.worker.map((p) => p.pid!)),
  API: () => cpuSeconds(hub.processes.api.map((p) => p.pid!)),
  'benchmark (demo systems, bare worker)': () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
};
const cpuNow = () => Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f()]));
const cpuSince = (before: Record<string, number>, seconds: number) =>
  Object.fromEntries(
    Object.entries(cpuNow()).map(([k, v]) => [
      k,
      `${(v - before[k]!).toFixed(1)} s (${Math.round((100 * (v - before[k]!)) / seconds)}%)`,
    ]),
  );

const millis = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

/** Per activity type: how often per case and how long from scheduled to completed (from the histories). */
async function profile(ids: string[]) {
  const byType = new Map<string, { n: number; ms: number }>();
  let workflowTasks = 0;
  let localActivities = 0;
  for (const id of ids) {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const scheduled = new Map<number, { type: string; at: number }>();
    for (const e of events) {
      if (e.workflowTaskCompletedEventAttributes) workflowTasks += 1;
      if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') localActivities += 1;
      const s = e.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(Number(e.eventId), { type: s.activityType?.name ?? '?', at: millis(e.eventTime) });
      const done = e.activityTaskCompletedEventAttributes;
      if (done) {
        const sch = scheduled.get(Number(done.scheduledEventId))!;
        const row = byType.get(sch.type) ?? { n: 0, ms: 0 };
        row.n += 1;
        row.ms += millis(e.eventTime) - sch.at;
        byType.set(sch.type, row);
      }
    }
  }
  return {
    workflowTasksPerCase: workflowTasks / ids.length,
    localActivitiesPerCase: localActivities / ids.length,
    table: [...byType].map(([activity, r]) => ({
      activity,
      'per case': +(r.n / ids.length).toFixed(2),
      'scheduled → completed, ms': +(r.ms / r.n).toFixed(1),
    })),
  };
}

// --- 1. Pipeline --------------------------------------------------------------------------------------------
const run = Date.now();
const warm = await submit(`bench-warm-${run}`);
const warmChildren = (await waitSettled([warm.applicationId])).get(warm.applicationId)!;
// Regular and local activities (recorded as markers) of the case and its office process until both wait for the
// caseworker: the bare baseline runs as many, all regular, in one workflow.
let activityCount = 0;
for (const id of [warm.applicationId, ...warmChildren])
  activityCount += ((await client.workflow.getHandle(id).fetchHistory()).events ?? []).filter(
    (e) =>
      e.activityTaskScheduledEventAttributes ||
      e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
  ).length;

let cpuBefore = cpuNow();
let started = performance.now();
const cases = await Promise.all(Array.from({ length: applications }, (_, i) => submit(`bench-${run}-${i}`)));
await waitSettled(cases.map((c) => c.applicationId));
const hubSeconds = (performance.now() - started) / 1000;
const hubCpu = cpuSince(cpuBefore, hubSeconds);
const { table, workflowTasksPerCase, localActivitiesPerCase } = await profile(
  cases.slice(0, 50).map((c) => c.applicationId),
);

// Baseline: bare workflows with the same number of no-op activities, same server, same run. Its worker runs
// in this process; it pays for payload encryption like the hub does.
const taskQueue = 'bench-noop';
const nativeConnection = await NativeConnection.connect({ address: services.temporalAddress });
const bareWorker = await Worker.create({
  connection: nativeConnection,
  taskQueue,
  activities: { noop: async () => {} },
  dataConverter,
  workflowsPath: fileURLToPath(new URL('./noopWorkflow.ts', import.meta.url)),
});
const bareRunning = bareWorker.run();
await client.workflow.execute('noopWorkflow', {
  taskQueue,
  workflowId: `noop-warm-${run}`,
  args: [activityCount],
});
cpuBefore = cpuNow();
started = performance.now();
const bareIds = Array.from({ length: applications }, (_, i) => `noop-${run}-${i}`);
await Promise.all(
  bareIds.map((workflowId) =>
    client.workflow.execute('noopWorkflow', { taskQueue, workflowId, args: [activityCount] }),
  ),
);
const bareSeconds = (performance.now() - started) / 1000;
const bareCpu = cpuSince(cpuBefore, bareSeconds);
const bare = await profile(bareIds.slice(0, 50));
bareWorker.shutdown();
await bareRunning;
await nativeConnection.close();

const hubRate = applications / hubSeconds;
const bareRate = applications / bareSeconds;
console.log(
  `\n1. Pipeline: ${applications} applications at once, ${activityCount} activities each (case and office process) until the caseworker has it`,
);
console.log(
  `   hub (route, transform, validate, deliver, file): ${hubRate.toFixed(2)} applications/s (${hubSeconds.toFixed(1)} s)`,
);
console.log(
  `   bare workflow, ${activityCount} no-op activities:      ${bareRate.toFixed(2)} workflows/s (${bareSeconds.toFixed(1)} s)`,
);
console.log(`   ratio hub / bare: ${(hubRate / bareRate).toFixed(2)} (goal ≥ 0.8)`);
figure({
  benchmark: `pipeline, ${applications} applications at once`,
  ours: `${hubRate.toFixed(2)} applications/s`,
  baseline: `bare workflow, ${activityCount} no-op activities: ${bareRate.toFixed(2)}/s`,
  ratio: hubRate / bareRate,
  goal: `≥ 0.8: ${hubRate / bareRate >= 0.8 ? 'met' : 'missed'}`,
});
console.log(
  `   per case: hub ${workflowTasksPerCase.toFixed(1)} workflow tasks and ${localActivitiesPerCase.toFixed(1)} local activities, bare ${bare.workflowTasksPerCase.toFixed(1)} workflow tasks; regular activities of 50 cases each:`,
);
console.table([...table, ...bare.table.map((r) => ({ ...r, activity: `bare: ${r.activity}` }))]);
// Two cores: a phase whose parts together use about 200% of the wall time was bound by CPU.
console.log('   CPU time per part during each phase (share of one core over the wall time):');
console.table({ hub: hubCpu, bare: bareCpu });

// --- 2. Status polls over many open cases ---------------------------------------------------------------------
// The worker stops, so the seeded cases stay open at their first step and the polls meet an idle worker.
await hub.stopWorker();
started = performance.now();
const open: Submitted[] = [
  ...cases,
  ...(await hub.submitMany(`bench-open-${run}`, openCases - cases.length)),
];
const seedSeconds = (performance.now() - started) / 1000;
const seeded = open.length - cases.length;

const idleAfter = await hub.waitIdle();
const health = await hub.load(pollSeconds, pollRate, [{ path: '/healthz' }]);
const polls = await hub.polls(pollSeconds, pollRate, open);
// New submissions while polls go on: the front door stays open for intake too.
const intake: number[] = [];
const during = hub.polls(pollSeconds, pollRate, open);
const intakeUntil = Date.now() + (pollSeconds * 1000) / 2;
for (let i = 0; Date.now() < intakeUntil; i++) {
  const t = performance.now();
  await submit(`bench-during-${run}-${i}`);
  intake.push(performance.now() - t);
}
const pollsWithIntake = await during;
intake.sort((a, b) => a - b);

console.log(
  `\n2. Status polls over ${open.length} open cases (${seeded} accepted through the intake in ${seedSeconds.toFixed(1)} s = ${(seeded / seedSeconds).toFixed(0)}/s, worker stopped; Temporal and PostgreSQL idle again after ${idleAfter.toFixed(0)} s)`,
);
console.table(
  [
    ['GET /healthz (baseline)', health],
    ['GET …/status', polls],
    ['GET …/status, submissions beside', pollsWithIntake],
  ].map(([name, r]) => {
    const result = r as LoadResult;
    return {
      load: name as string,
      'requests/s': result.rate,
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
    };
  }),
);
console.log(
  `   status p99 / healthz p99: ${(polls.latency.p99 / Math.max(1, health.latency.p99)).toFixed(1)} (goal: status p99 < 20 ms at ${pollRate}/s)`,
);
figure({
  benchmark: `status polls, ${open.length} open cases, ${pollRate}/s`,
  ours: `p50 ${polls.latency.p50} ms, p99 ${polls.latency.p99} ms (${polls.rate}/s)`,
  baseline: `/healthz p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms`,
  ratio: Math.max(1, health.latency.p99) / Math.max(1, polls.latency.p99),
  goal: `p99 < 20 ms: ${polls.latency.p99 < 20 ? 'met' : 'missed'}`,
});
console.log(
  `   submissions during polls: ${intake.length}, p50 ${percentile(intake, 50).toFixed(1)} ms, p99 ${percentile(intake, 99).toFixed(1)} ms`,
);

await hub.stop();
process.exit(0);
