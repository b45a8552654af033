// Child processes of the chaos run: started with tsx, ready when they print their banner, killed by their
// own PID only. Every process the run starts is tracked here and stopped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface Part {
  name: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown code runs (a crash). */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (a clean stop). */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node --import tsx <script> ...args` and resolves when a line of its stdout matches `ready`.
 * Like a supervisor (systemd, Kubernetes), it starts the process again when it exits before it was ready,
 * e.g. an API that finds PostgreSQL restarting. Its output goes to `logFile`.
 */
export async function startPart(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
  logFile: string,
  timeoutMs = 180_000,
): Promise<Part> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, script, args, env, ready, logFile, deadline - Date.now());
    } catch (error) {
      if (Date.now() > deadline - 3_000 || !String(error).includes('exited before')) throw error;
      fs.appendFileSync(logFile, `--- attempt ${attempt} failed: ${String(error)}; starting again\n`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

async function startOnce(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
  logFile: string,
  timeoutMs: number,
): Promise<Part> {
  const log = fs.openSync(logFile, 'a');
  fs.writeSync(log, `--- ${new Date().toISOString()} start ${name}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', log],
    env: { ...process.env, ...env },
  });
  fs.closeSync(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready after ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      fs.appendFileSync(logFile, chunk);
      output = (output + chunk.toString()).slice(-2000);
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (${code ?? signal}); see ${logFile}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited(child);
    throw error;
  });
  return {
    name,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(force);
    },
  };
}

/** Stops every process this run started that is still running (the run's own PIDs only). */
export async function stopAllParts(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(force);
    }),
  );
}

/** Last resort when the run itself exits: every child is asked to stop (SIGTERM lets PostgreSQL shut down). */
export function stopPartsOnExit(): void {
  process.once('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}
