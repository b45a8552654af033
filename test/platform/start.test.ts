// Given a fresh data directory, when `npm start`'s entrypoint runs, then the whole hub comes up (API,
// Temporal with UI, PostgreSQL, demo organisation), keeps its state across a restart, and Ctrl-C leaves
// no server process behind.
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
  const base = await freeRange(12);
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
      expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
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
