// Given a fresh data directory, when `npm start`'s entrypoint runs, then the whole hub comes up (API and worker
// as processes of their own, Temporal with UI, PostgreSQL, demo organisation), starts a killed worker again,
// keeps its state across a restart, and Ctrl-C leaves no server process behind.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tradeSubmission } from '../lifecycle/caseDriver';
import { eventually } from '../support/testHub';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-start-'));
fs.chmodSync(dataDir, 0o755);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive free ports below the kernel's ephemeral range (32768+), so that outgoing connections of
 * tests running in parallel cannot take them between this check and npm start binding them.
 */
async function freeRange(count: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 1_200) * 10;
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

async function ports() {
  const base = await freeRange(13);
  return {
    PORT: base,
    TEMPORAL_GRPC_PORT: base + 1,
    TEMPORAL_UI_PORT: base + 2,
    EMBEDDED_POSTGRES_PORT: base + 3,
    DEMO_BASE_PORT: base + 4,
  };
}

const started: ChildProcess[] = [];

function start(env: Record<string, number>): { child: ChildProcess; output: () => string } {
  // npm start must start its own servers even inside test:external.
  const inherited = { ...process.env };
  delete inherited.TEMPORAL_ADDRESS;
  delete inherited.DATABASE_URL;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'cmd/start.ts'], {
    env: {
      ...inherited,
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
      DREHSCHEIBE_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  return { child, output: () => output };
}

async function waitReady(
  port: number,
  ms: number,
  hub: { child: ChildProcess; output: () => string },
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (hub.child.exitCode !== null)
      throw new Error(`npm start exited with ${hub.child.exitCode}:\n${hub.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready after ${ms} ms:\n${hub.output()}`);
}

/** The pid of the child of `parent` running `entry` (npm start's worker or API process). */
function childOf(parent: number, entry: string): number {
  const lines = execFileSync('pgrep', ['-P', String(parent), '-af', entry], { encoding: 'utf8' }).trim();
  const pids = lines.split('\n').map((line) => Number(line.split(' ')[0]));
  expect(pids).toHaveLength(1);
  return pids[0]!;
}

function leftovers(): string {
  try {
    return execFileSync('pgrep', ['-af', dataDir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

async function interrupt(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

describe('npm start', () => {
  // A failed assertion must not leave a hub running: stop what is still up, then remove its data.
  afterAll(async () => {
    for (const child of started.filter((c) => c.exitCode === null && c.signalCode === null))
      await interrupt(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'starts everything, survives a restart with its state, and stops cleanly on Ctrl-C',
    { timeout: 240_000 },
    async () => {
      const env = await ports();
      const first = start(env);
      const readyMs = await waitReady(env.PORT, 90_000, first);
      // The banner follows readiness by the moment it takes to load the demo organisation.
      await eventually(
        async () => (first.output().includes('Ctrl-C stops everything') ? true : undefined),
        20_000,
        'the start banner',
      );
      expect(first.output()).toMatch(/demo tokens {2}portal: demo-portal/);
      // The dev server's SQLite file runs with a write-ahead log (platform/temporalServer.ts DEV_SERVER_SQLITE).
      expect(fs.existsSync(path.join(dataDir, 'temporal', 'temporal.db-wal'))).toBe(true);
      expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
      // The UI decodes payloads through the API's codec server.
      const settings = await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/api/v1/settings`);
      expect(((await settings.json()) as { Codec?: { Endpoint?: string } }).Codec?.Endpoint).toBe(
        `http://localhost:${env.PORT}/codec`,
      );
      const submitted = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/submissions`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-portal', 'content-type': 'application/json' },
        body: JSON.stringify(tradeSubmission()),
      });
      expect(submitted.status).toBe(202);
      const { applicationId, accessToken } = (await submitted.json()) as {
        applicationId: string;
        accessToken: string;
      };
      // The worker and the API are processes of their own; a killed worker is started again and the case
      // it was carrying reaches the office all the same.
      const worker = childOf(first.child.pid!, 'cmd/worker.ts');
      const api = childOf(first.child.pid!, 'cmd/api.ts');
      expect(worker).not.toBe(api);
      process.kill(worker, 'SIGKILL');
      await eventually(
        async () =>
          first.output().match(/\[worker\] worker polling task queue/g)?.length === 2 ? true : undefined,
        60_000,
        'the worker started again',
      );
      expect(childOf(first.child.pid!, 'cmd/worker.ts')).not.toBe(worker);
      expect(childOf(first.child.pid!, 'cmd/api.ts')).toBe(api);
      await eventually(
        async () => {
          const res = await fetch(
            `http://127.0.0.1:${env.PORT}/api/v1/applications/${applicationId}/status`,
            {
              headers: { authorization: `Bearer ${accessToken}` },
            },
          );
          const body = (await res.json()) as { history: { phase: string }[] };
          return body.history.some((h) => h.phase === 'in-review') ? true : undefined;
        },
        60_000,
        'the case in the office after the worker was killed',
      );
      await interrupt(first.child);
      expect(leftovers()).toBe('');

      const second = start(env);
      await waitReady(env.PORT, 90_000, second);
      const status = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/applications/${applicationId}/status`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(status.status).toBe(200);
      const workflows = await fetch(
        `http://127.0.0.1:${env.TEMPORAL_UI_PORT}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId="${applicationId}"`)}`,
      );
      expect(JSON.stringify(await workflows.json())).toContain(applicationId);
      await interrupt(second.child);
      expect(leftovers()).toBe('');
      process.stderr.write(`[start test] first start ready in ${readyMs} ms\n`);
    },
  );
});
