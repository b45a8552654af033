// A real hub (API + worker) on the run's Temporal server, with its own PostgreSQL database, task queue,
// API port and (optionally) its own fictive test organisation on free ports. Test files never share state.
import crypto from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { loadConfig, type Config } from '../../platform/config';
import type { CaseTiming } from '../../workflows/caseTypes';
import { startHub, type Hub } from '../../cmd/hub';
import { demoIntegrations, seedDemo, DEMO_TOKENS } from '../../demo/seed';
import { startDemoOrganisation, type DemoOrganisation } from '../../demo/organisation';
import { request, type Answer } from './http';

export { eventually } from './http';

export interface TestHub extends Hub {
  config: Config;
  apiUrl: string;
  databaseUrl: string;
  demo: DemoOrganisation | undefined;
  /** fetch against the API with a demo token (admin unless given; `null` for none). */
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
}

/** Deadlines of seconds, so whole cases run within a test. */
export const FAST_TIMING: CaseTiming = {
  noticeRetrievalWindow: 1_500,
  appealPeriod: 2_000,
  reminderBeforeMs: 1_000,
  participationMs: 20_000,
  delivery: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 500 },
};

/** A fresh database on the run's PostgreSQL server. */
export async function freshDatabase(): Promise<string> {
  const url = new URL(inject('databaseUrl'));
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestHubOptions {
  config?: Partial<Config>;
  parts?: { api: boolean; worker: boolean };
  /** Start the fictive test organisation and load it (default true). */
  demo?: boolean;
  autoPay?: boolean;
  /** Reuse a database (e.g. to restart the API on the same state). */
  databaseUrl?: string;
  /** Load the demo tokens (default true); production-mode tests turn it off. */
  seedTokens?: boolean;
  /**
   * Keep the catalogue's procedure kinds (trade registrations are Anzeigen). Off by default: the suite written
   * before procedure kinds drives trade cases through approve/reject and the appeal period (docs/procedure.md).
   * This is a test fixture that departs from production, not a neutral default: with it off, a trade case runs
   * the Antrag path (decision, notice, appeal period), which production never runs for a trade service (there:
   * Empfangsbescheinigung, acknowledgement period, no appeal). A test with it off proves Antrag behaviour only;
   * the Anzeige path is covered by the tests that pass `true` (test/lifecycle/procedureKinds.test.ts,
   * test/replay/procedureKinds.test.ts). Moving the older tests to a street-use service (an Antrag in the
   * catalogue) would remove this option.
   */
  catalogueKinds?: boolean;
  /** Use this running demo organisation; the caller stops it. */
  demoOrganisation?: DemoOrganisation;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const databaseUrl = options.databaseUrl ?? (await freshDatabase());
  const ownDemo = options.demo !== false && !options.demoOrganisation;
  const demo =
    options.demoOrganisation ??
    (ownDemo ? await startDemoOrganisation({ basePort: 0, autoPay: options.autoPay ?? true }) : undefined);
  const base = loadConfig({});
  const config: Config = {
    ...base,
    port: 0,
    logLevel: 'error',
    taskQueue: `test-${crypto.randomUUID()}`,
    caseTiming: FAST_TIMING,
    ...options.config,
  };
  if (demo) config.integrations = demoIntegrations(demo, config.integrations);
  const hub = await startHub(
    config,
    { temporalAddress: inject('temporalAddress'), databaseUrl },
    { ...(options.parts ?? { api: true, worker: true }), workflowBundlePath: inject('workflowBundlePath') },
  );
  // The payment callback must reach this API, whose port is only known now.
  if (hub.apiUrl) config.integrations.publicApiUrl = hub.apiUrl;
  if (options.seedTokens !== false) await seedDemo(hub.pool, demo);
  // Anzeigen become Anträge for the older tests (see catalogueKinds); the catalogue itself says otherwise.
  if (!options.catalogueKinds)
    await hub.pool.query(
      `UPDATE services SET procedure_kind = 'application', acknowledgement_days = NULL WHERE procedure_kind = 'notification'`,
    );
  const apiUrl = hub.apiUrl ?? '';
  return {
    ...hub,
    config,
    apiUrl,
    databaseUrl,
    demo,
    async stop() {
      await hub.stop();
      if (ownDemo) await demo?.stop();
    },
    call(method, path, callOptions = {}) {
      const token = callOptions.token === undefined ? DEMO_TOKENS.admin : callOptions.token;
      return request(method, `${apiUrl}${path}`, { ...callOptions, token: token ?? undefined });
    },
  };
}
