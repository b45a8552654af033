// A real hub (API + worker) on the run's Temporal server and PostgreSQL, on its own task queue and port.
import crypto from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../platform/config';
import { startHub, type Hub } from '../../platform/hub';
import { seedDemo, DEMO_TOKENS } from '../../demo/seed';

export interface TestHub extends Hub {
  config: Config;
  apiUrl: string;
  /** fetch against the API with a demo token (or `token: null` for none). */
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestHub(overrides: Partial<Config> = {}, parts = { api: true, worker: true }): Promise<TestHub> {
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    logLevel: 'warn',
    taskQueue: `test-${crypto.randomUUID()}`,
    ...overrides,
  };
  const hub = await startHub(
    config,
    { temporalAddress: inject('temporalAddress'), databaseUrl: inject('databaseUrl') },
    { ...parts, workflowBundlePath: inject('workflowBundlePath') },
  );
  await seedDemo(hub.pool);
  const apiUrl = hub.apiUrl ?? '';
  return {
    ...hub,
    config,
    apiUrl,
    async call(method, path, options = {}) {
      const token = options.token === undefined ? DEMO_TOKENS.admin : options.token;
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const res = await fetch(`${apiUrl}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
