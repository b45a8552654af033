// A throwaway hub for the benchmarks in the `npm start` topology: Temporal dev server, PostgreSQL and the demo
// organisation in this process, the worker and the API as processes of their own; this process also generates
// the load, so what is measured is the hub, not a client sharing its event loop.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { freePort } from '../platform/freePort';
import { startBackingServices } from '../platform/services';
import { hubDataConverter } from '../platform/dataConverter';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedCatalog } from '../db/seed/seedCatalog';
import { seedRules } from '../rules/seedRules';
import {
  hubProcessEnv,
  READY,
  startHubProcess,
  stopHubProcesses,
  writeWorkflowBundle,
} from '../cmd/hubProcess';
import { startDemoOrganisation } from '../demo/organisation';
import { demoIntegrations, seedDemo, DEMO_ARS, DEMO_TOKENS } from '../demo/seed';
import { testPlan } from '../demo/testPlans';
import { openLoopLoad, type LoadRequest, type LoadResult } from './openLoop';
import { cpuSeconds, processTree } from './processes';

/** The bench's fixture: the first (valid, complete) message of the trade registration's test plan. */
export const TRADE_SUBMISSION = testPlan('99050012104000', DEMO_ARS)![0]!.body;

export interface Submitted {
  applicationId: string;
  accessToken: string;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Starts the hub; `stopWorker` leaves new cases waiting at their first step (seeding open cases). */
export async function startBenchHub() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const base = {
    ...loadConfig({}),
    dataDir,
    logLevel: 'error' as const,
    port,
    temporalGrpcPort: await freePort(),
    temporalUiPort: await freePort(),
    embeddedPostgresPort: await freePort(),
  };
  const services = await startBackingServices(base, () => {});
  const demo = await startDemoOrganisation({ basePort: 0 });
  const config = { ...base, integrations: demoIntegrations(demo, base.integrations) };
  const apiUrl = `http://127.0.0.1:${port}`;
  const pool = createPool(services.databaseUrl, 8);
  await migrate(pool);
  await seedCatalog(pool);
  await seedRules(pool);
  await seedDemo(pool, demo);
  const env = {
    ...hubProcessEnv({
      temporalAddress: services.temporalAddress,
      databaseUrl: services.databaseUrl,
      bundlePath: await writeWorkflowBundle(path.join(dataDir, 'workflow-bundle.js')),
      publicApiUrl: apiUrl,
      integrations: config.integrations,
    }),
    PORT: String(port),
    LOG_LEVEL: 'error',
  };
  const apiProcess: ChildProcess[] = [];
  const workerProcess: ChildProcess[] = [];
  const [, workerReady] = await Promise.all([
    startHubProcess('api', 'api', env, apiProcess, READY.api),
    startHubProcess('worker', 'worker', env, workerProcess, READY.worker),
  ]);
  // The worker process reports the workflow cache size in effect (WORKER_CACHE_SIZE or the SDK's default).
  const workerCacheSize = Number(/workflow cache (\d+)/.exec(workerReady)?.[1] ?? NaN);
  const dataConverter = hubDataConverter(config.codec.keys);
  const client = new Client({
    connection: await Connection.connect({ address: services.temporalAddress }),
    dataConverter,
  });

  async function submit(key: string): Promise<Submitted> {
    const res = await fetch(`${apiUrl}/api/v1/submissions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEMO_TOKENS.portal}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(TRADE_SUBMISSION),
    });
    if (res.status !== 202) throw new Error(`submission ${key}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Submitted;
  }

  /** Submits `count` applications with `concurrency` clients; resolves with them in submission order. */
  async function submitMany(prefix: string, count: number, concurrency = 32): Promise<Submitted[]> {
    const out: Submitted[] = new Array(count);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          out[i] = await submit(`${prefix}-${i}`);
        }
      }),
    );
    return out;
  }

  /**
   * Waits until every case waits for its caseworker and nothing else: an open task of the office and no activity
   * pending in the case or its office process (trade forwarding runs beside the review and counts too).
   * Resolves with each case's running office process (child workflow) ids.
   */
  async function waitSettled(ids: string[]): Promise<Map<string, string[]>> {
    const pending = new Set(ids);
    while (pending.size > 0) {
      const r = await pool.query(
        `SELECT DISTINCT application_id FROM tasks WHERE application_id = ANY($1) AND status = 'open'`,
        [[...pending]],
      );
      for (const row of r.rows) pending.delete(row.application_id);
      if (pending.size > 0) await new Promise((res) => setTimeout(res, 200));
    }
    const children = new Map<string, string[]>();
    for (const id of ids) {
      for (;;) {
        const { raw } = await client.workflow.getHandle(id).describe();
        const childIds = (raw.pendingChildren ?? []).map((c) => c.workflowId!);
        const busy = await Promise.all(
          childIds.map(
            async (c) => (await client.workflow.getHandle(c).describe()).raw.pendingActivities?.length,
          ),
        );
        if (!raw.pendingActivities?.length && !busy.some(Boolean)) {
          children.set(id, childIds);
          break;
        }
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    return children;
  }

  /**
   * Waits (at most `maxSeconds`) until Temporal and PostgreSQL have worked off a bulk seeding: less than a fifth of
   * a core together over two seconds. Polls measure the hub in its steady state, not the seeding's aftermath
   * (the server still writes visibility records and transfer tasks for thousands of new workflows). Resolves with
   * the seconds waited.
   */
  async function waitIdle(maxSeconds = 120): Promise<number> {
    const busy = () =>
      cpuSeconds([...processTree(`${dataDir}/temporal`), ...processTree(`${dataDir}/postgres`)]);
    const started = performance.now();
    for (;;) {
      const before = busy();
      await new Promise((r) => setTimeout(r, 2000));
      const waited = (performance.now() - started) / 1000;
      if ((busy() - before) / 2 < 0.2 || waited >= maxSeconds) return waited;
    }
  }

  /** GET load at `rate` requests/s (Poisson arrivals, open loop) for `seconds`; fails on any non-2xx answer. */
  const load = (seconds: number, rate: number, requests: LoadRequest[]): Promise<LoadResult> =>
    openLoopLoad(apiUrl, rate, seconds, requests);

  /** Status polls over the given cases, round robin, each with its own applicant token. */
  const polls = (seconds: number, rate: number, cases: Submitted[]) =>
    load(
      seconds,
      rate,
      cases.map((c) => ({
        path: `/api/v1/applications/${c.applicationId}/status`,
        headers: { authorization: `Bearer ${c.accessToken}` },
      })),
    );

  return {
    apiUrl,
    pool,
    client,
    dataConverter,
    services,
    dataDir,
    processes: { api: apiProcess, worker: workerProcess },
    workerCacheSize,
    submit,
    submitMany,
    load,
    polls,
    waitSettled,
    waitIdle,
    stopWorker: () => stopHubProcesses(workerProcess),
    async stop() {
      // Requests of a load that has just ended may still be answered.
      await new Promise((r) => setTimeout(r, 500));
      await stopHubProcesses([...apiProcess, ...workerProcess]);
      await client.connection.close();
      await pool.end();
      await demo.stop();
      await services.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
