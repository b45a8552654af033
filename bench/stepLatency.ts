// Latency of one sequential workflow step (a no-op activity) on the embedded dev server, with the hub's tuning
// (raised history processor rates, eager activities) against the dev server's defaults, measured in the same run,
// beside a local-activity baseline that needs no server round trip per step.
// Usage: npx tsx bench/stepLatency.ts [steps=200]
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { freePort } from '../platform/freePort';
import { DEV_SERVER_TUNING, startDevServer } from '../platform/temporalServer';
import { hubDataConverter } from '../platform/dataConverter';
import { figure } from './figure';

Runtime.install({ logger: new DefaultLogger('WARN') });
const steps = Number(process.argv[2] ?? 200);
const config = loadConfig({});
const workflowsPath = fileURLToPath(new URL('./stepWorkflows.ts', import.meta.url));

/** Milliseconds per step of `workflow` with `steps` steps, after one warm-up run. */
async function perStep(client: Client, taskQueue: string, workflow: string): Promise<number> {
  const run = (id: string) => client.workflow.execute(workflow, { taskQueue, workflowId: id, args: [steps] });
  await run(`${workflow}-warmup-${Date.now()}`);
  const started = performance.now();
  await run(`${workflow}-${Date.now()}`);
  return (performance.now() - started) / steps;
}

async function measure(tuned: boolean): Promise<{ activity: number; local: number }> {
  const server = await startDevServer({
    cliPath: config.temporalCliPath,
    grpcPort: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: undefined,
    tuning: tuned,
  });
  const taskQueue = `step-latency-${tuned ? 'tuned' : 'default'}`;
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath,
    activities: { noop: async () => {} },
    dataConverter: hubDataConverter(config.codec.keys),
  });
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({
    connection: clientConnection,
    dataConverter: hubDataConverter(config.codec.keys),
  });
  try {
    return await worker.runUntil(async () => ({
      activity: await perStep(client, taskQueue, 'activitySteps'),
      local: await perStep(client, taskQueue, 'localActivitySteps'),
    }));
  } finally {
    await clientConnection.close();
    await connection.close();
    await server.stop();
  }
}

const untuned = await measure(false);
const tuned = await measure(true);
const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `sequential step latency, ${steps} steps per workflow (dev server tuning: ${DEV_SERVER_TUNING.filter((a) => a.includes('=')).join(', ')})`,
);
console.table([
  {
    server: 'tuned',
    activity: ms(tuned.activity),
    'local activity': ms(tuned.local),
    'ratio activity/local': (tuned.activity / tuned.local).toFixed(1),
  },
  {
    server: 'defaults',
    activity: ms(untuned.activity),
    'local activity': ms(untuned.local),
    'ratio activity/local': (untuned.activity / untuned.local).toFixed(1),
  },
]);
figure({
  benchmark: 'sequential activity step',
  ours: `${ms(tuned.activity)} (tuned dev server)`,
  baseline: `${ms(untuned.activity)} (defaults); local activity ${ms(tuned.local)}`,
  ratio: untuned.activity / tuned.activity,
  goal: `≤ 25 ms: ${tuned.activity <= 25 ? 'met' : 'missed'}`,
});
console.log(
  `tuned vs defaults: ${(untuned.activity / tuned.activity).toFixed(2)}x faster per activity step; goal <= 25 ms: ${tuned.activity <= 25 ? 'met' : `missed by ${ms(tuned.activity - 25)}`}`,
);
