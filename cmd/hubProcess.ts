// Runs the hub's worker and API entry points as child processes with prefixed output: `npm start`, `npm run
// cluster` and the benchmarks that measure the hub from outside use it. Separate processes keep the API's event
// loop free of the worker's CPU-heavy activities (XSD validation, XSLT, PDF).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Integrations } from '../platform/config';
import { FAILURE_CONVERTER_PATH } from '../platform/dataConverter';
import { WORKFLOWS_PATH } from '../platform/workflowsPath';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles the workflow code once into `file`, so that every worker process loads it instead of bundling. */
export async function writeWorkflowBundle(file: string): Promise<string> {
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  fs.writeFileSync(file, bundle.code);
  return file;
}

/** The environment a worker or API child reads its Config from: the parent's, plus the endpoints it started. */
export function hubProcessEnv(parts: {
  temporalAddress: string;
  databaseUrl: string;
  bundlePath: string;
  publicApiUrl: string;
  integrations: Integrations;
}): NodeJS.ProcessEnv {
  const { integrations } = parts;
  return {
    ...process.env,
    TEMPORAL_ADDRESS: parts.temporalAddress,
    DATABASE_URL: parts.databaseUrl,
    PUBLIC_API_URL: parts.publicApiUrl,
    WORKFLOW_BUNDLE_PATH: parts.bundlePath,
    ...(integrations.smtpUrl && { SMTP_URL: integrations.smtpUrl }),
    ...(integrations.residentsRegisterUrl && { RESIDENTS_REGISTER_URL: integrations.residentsRegisterUrl }),
    ...(integrations.registerToken && { REGISTER_TOKEN: integrations.registerToken }),
    ...(integrations.paymentUrl && { PAYMENT_URL: integrations.paymentUrl }),
    ...(integrations.paymentToken && { PAYMENT_TOKEN: integrations.paymentToken }),
  };
}

/** Output of the entry points that says they are ready. */
export const READY = {
  worker: /worker polling task queue/,
  api: /API listening/,
} as const;

/**
 * Spawns `cmd/<entry>.ts` and adds it to `children`; resolves with the output that matched `ready` (at once, with
 * '', without one). Output lines are prefixed with the name; an exit is reported unless the child was asked to stop.
 */
export function startHubProcess(
  name: string,
  entry: 'worker' | 'api',
  env: NodeJS.ProcessEnv,
  children: ChildProcess[],
  ready?: RegExp,
): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, `${entry}.ts`)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: (output: string) => void = () => {};
  const isReady = new Promise<string>((resolve, reject) => {
    markReady = resolve;
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code})`)));
  });
  if (!ready) markReady('');
  const prefix = (chunk: Buffer) => {
    if (ready?.test(chunk.toString())) markReady(chunk.toString());
    process.stdout.write(
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((line) => `[${name}] ${line}\n`)
        .join(''),
    );
  };
  child.stdout!.on('data', prefix);
  child.stderr!.on('data', prefix);
  children.push(child);
  isReady.catch(() => {});
  return isReady;
}

/**
 * Like startHubProcess, and starts the child again when it exits without being asked to (a crash, an OOM kill),
 * after a pause that grows while it keeps failing. Work it had taken is not lost: Temporal hands unfinished
 * tasks to the next worker, and the API resumes accepted applications that lack their workflow.
 */
export function superviseHubProcess(
  name: string,
  entry: 'worker' | 'api',
  env: NodeJS.ProcessEnv,
  children: ChildProcess[],
  log: (message: string) => void,
): Promise<string> {
  let failures = 0;
  const run = (): Promise<string> => {
    const ready = startHubProcess(name, entry, env, children, READY[entry]);
    const child = children[children.length - 1]!;
    child.once('exit', (code, signal) => {
      children.splice(children.indexOf(child), 1);
      if (stopRequested.has(child)) return;
      failures += 1;
      const pause = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
      log(`${name} exited (${signal ?? code}); starting it again in ${pause / 1000} s`);
      setTimeout(() => {
        if (!stoppedGroups.has(children))
          void run()
            .then(() => (failures = 0))
            .catch(() => {});
      }, pause).unref();
    });
    return ready;
  };
  return run();
}

const stopRequested = new WeakSet<ChildProcess>();
/** Process groups (the `children` arrays) that were stopped: their supervised members are not started again. */
const stoppedGroups = new WeakSet<ChildProcess[]>();

/** Stops the children with SIGTERM and waits for them; supervised children are not started again. */
export async function stopHubProcesses(children: ChildProcess[]): Promise<void> {
  stoppedGroups.add(children);
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          stopRequested.add(child);
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}
