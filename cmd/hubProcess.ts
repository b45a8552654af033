// Starts the hub's worker or API entry point as a child process with prefixed output: `npm run cluster` and the
// benchmarks that scale workers out use it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Spawns `cmd/<entry>.ts` and adds it to `children`; resolves when its output matches `ready` (at once without
 * one). Output lines are prefixed with the name; an exit is reported unless the child was asked to stop.
 */
export function startHubProcess(
  name: string,
  entry: 'worker' | 'api',
  env: NodeJS.ProcessEnv,
  children: ChildProcess[],
  ready?: RegExp,
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, `${entry}.ts`)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => {};
  const isReady = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code})`)));
  });
  if (!ready) markReady();
  const prefix = (chunk: Buffer) => {
    if (ready?.test(chunk.toString())) markReady();
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

/** Stops the children with SIGTERM and waits for them. */
export async function stopHubProcesses(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}
