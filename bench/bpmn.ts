// Interpreter throughput: one BPMN file with N sequential service tasks, imported with the hub's
// parser/compiler and run by bpmnProcessWorkflow on a Temporal dev server (every step is a durable
// activity: scheduled, started, completed and recorded), and the same file run by the in-memory
// `bpmn-engine` package (no persistence). Both call one trivial "step" service per task. As a third
// figure, the same N activities in hand-written workflow code show what Temporal itself costs.
//
//   npx tsx bench/bpmn.ts [N=200]
//
// Parsing/compiling the XML and bundling the workflow code happen before timing starts, for both
// engines. The dev server runs on free ports and is stopped after.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Engine } from 'bpmn-engine';
import { BpmnModdle } from 'bpmn-moddle';
import { fileURLToPath } from 'node:url';
import { createServiceTaskActivities } from '../activities/serviceTasks';
import { compileModel } from '../bpmn/compile';
import type { ProcessModel } from '../workflows/bpmn/model';
import { parseBpmn } from '../bpmn/parse';
import { buildReport } from '../bpmn/report';
import { loadConfig } from '../platform/config';
import { freePort } from '../platform/freePort';
import { startDevServer } from '../platform/temporalServer';
import { FAILURE_CONVERTER_PATH, hubDataConverter } from '../platform/dataConverter';
import type { BpmnProcessInput, BpmnProcessResult } from '../workflows/bpmn/api';
import { figure } from './figure';

const steps = Number(process.argv[2] ?? 200);
if (!Number.isInteger(steps) || steps < 1) throw new Error('usage: npx tsx bench/bpmn.ts [N >= 1]');

/** N service tasks in a row; `zeebe:taskDefinition` binds them for the hub, `implementation` for bpmn-engine. */
function chainXml(n: number): string {
  const tasks = Array.from(
    { length: n },
    (_, i) => `
    <bpmn:serviceTask id="Task_${i}" name="Step ${i}" implementation="\${environment.services.step}">
      <bpmn:extensionElements><zeebe:taskDefinition type="step" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_${i}" sourceRef="${i === 0 ? 'Start' : `Task_${i - 1}`}" targetRef="Task_${i}" />`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
    id="BenchDefinitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench_chain" name="Benchmark chain" isExecutable="true">
    <bpmn:startEvent id="Start" />${tasks}
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="Flow_end" sourceRef="Task_${n - 1}" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function importXml(xml: string): Promise<ProcessModel> {
  const parsed = await parseBpmn([{ filename: 'bench.bpmn', xml }]);
  return compileModel(parsed, buildReport(parsed));
}

/** bpmn-engine: steps per second over enough repetitions to last about a second; XML parsed once. */
async function runBpmnEngine(xml: string, n: number): Promise<{ perSecond: number; runs: number }> {
  const moddleContext = await new BpmnModdle().fromXML(xml);
  const once = async () => {
    let count = 0;
    const engine = new Engine({
      name: 'bench',
      moddleContext: moddleContext as never,
      services: {
        step: (_scope: unknown, next: (error: Error | null) => void) => {
          count++;
          next(null);
        },
      },
    });
    const ended = engine.waitFor('end');
    await engine.execute();
    await ended;
    if (count !== n) throw new Error(`bpmn-engine ran ${count} of ${n} steps`);
  };
  await once(); // warm-up
  const started = performance.now();
  let runs = 0;
  do {
    await once();
    runs++;
  } while (performance.now() - started < 1000);
  return { perSecond: (runs * n) / ((performance.now() - started) / 1000), runs };
}

async function main(): Promise<void> {
  const xml = chainXml(steps);
  const model = await importXml(xml);
  const config = loadConfig();
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const server = await startDevServer({
    cliPath: config.temporalCliPath,
    grpcPort: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: undefined,
    log,
  });
  try {
    const workflowsPath = fileURLToPath(new URL('./bpmnWorkflows.ts', import.meta.url));
    const bundle = await bundleWorkflowCode({
      workflowsPath,
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    });
    const dataConverter = hubDataConverter(config.codec.keys);
    const taskQueue = `bench-${crypto.randomUUID()}`;
    let calls = 0;
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { code: bundle.code },
      dataConverter,
      activities: {
        ...createServiceTaskActivities({
          step: async () => {
            calls++;
          },
        }),
        openCaseworkerTask: async () => ({ taskId: 'unused' }),
        closeCaseworkerTask: async () => {},
      },
    });
    const running = worker.run();
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, dataConverter });
    const run = async (m: ProcessModel): Promise<BpmnProcessResult> =>
      client.workflow.execute<(input: BpmnProcessInput) => Promise<BpmnProcessResult>>(
        'bpmnProcessWorkflow',
        {
          taskQueue,
          workflowId: `bench-${crypto.randomUUID()}`,
          args: [{ model: m, variables: {}, businessKey: 'bench' }],
        },
      );

    await run(await importXml(chainXml(5))); // warm-up: worker caches, server connections
    calls = 0;
    const started = performance.now();
    const result = await run(model);
    const seconds = (performance.now() - started) / 1000;
    if (result.state !== 'completed' || calls !== steps)
      throw new Error(`interpreter run ended ${result.state} after ${calls} of ${steps} steps`);
    const baselineStarted = performance.now();
    await client.workflow.execute('activityChainWorkflow', {
      taskQueue,
      workflowId: `bench-${crypto.randomUUID()}`,
      args: [steps],
    });
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();

    const engine = await runBpmnEngine(xml, steps);
    const ours = steps / seconds;
    figure({
      benchmark: `BPMN, ${steps} sequential service tasks`,
      ours: `interpreter ${ours.toFixed(1)} steps/s`,
      baseline: `plain Temporal ${(steps / baselineSeconds).toFixed(1)} steps/s; bpmn-engine in memory ${engine.perSecond.toFixed(0)} steps/s`,
      ratio: ours / (steps / baselineSeconds),
    });
    console.log(`BPMN chain of ${steps} service tasks`);
    console.log(
      `  bpmnProcessWorkflow on Temporal: ${seconds.toFixed(2)} s, ${ours.toFixed(1)} steps/s (durable, one activity per step)`,
    );
    console.log(
      `  bpmn-engine in memory:           ${engine.perSecond.toFixed(0)} steps/s (${engine.runs} runs, no persistence)`,
    );
    console.log(
      `  plain Temporal workflow, same N activities: ${(steps / baselineSeconds).toFixed(1)} steps/s (no interpreter)`,
    );
    console.log(
      `  ratio: bpmn-engine is ${(engine.perSecond / ours).toFixed(1)}x faster per step than bpmnProcessWorkflow;`,
    );
    console.log(
      `         the interpreter runs at ${((100 * ours) / (steps / baselineSeconds)).toFixed(0)}% of plain Temporal's speed`,
    );
  } finally {
    await server.stop();
  }
}

await main();
