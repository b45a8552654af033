// The chaos run's throwaway hub: its own Temporal dev server, its own PostgreSQL, the demo organisation,
// worker processes and an API process, each a process of its own that the run can kill and restart.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../platform/config';
import { startDevServer } from '../../platform/temporalServer';
import { freePort } from '../../platform/freePort';
import { createPool, type Pool } from '../../db/pool';
import { WORKFLOWS_PATH } from '../../platform/workflowsPath';
import { FAILURE_CONVERTER_PATH, hubDataConverter } from '../../platform/dataConverter';
import { DEMO_CREDENTIALS, DEMO_PORT_OFFSETS, type DemoOrganisation } from '../../demo/organisation';
import { seedDemo } from '../../demo/seed';
import { startPart, type Part } from './processes';

/** Entry points of the separate processes (`npm run worker`, `npm run api`). */
const WORKER_ENTRY = 'cmd/worker.ts';
const API_ENTRY = 'cmd/api.ts';
const SERVE = 'test/chaos/serve.ts';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Consecutive free ports below the ephemeral range, so restarted parts get their port back. */
async function freeRange(count: number): Promise<number> {
  for (;;) {
    const base = 22_000 + Math.floor(Math.random() * 1_000) * 10;
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

export interface ChaosHub {
  dataDir: string;
  apiUrl: string;
  databaseUrl: string;
  temporal: Client;
  pool: Pool;
  journals: { gewerbepro: string; amtsdesk: string; dms: string };
  workers: (Part | undefined)[];
  startWorker(i: number): Promise<void>;
  restartApi(): Promise<void>;
  restartPostgres(): Promise<void>;
  /** Kills GewerbePro (connection refused) and brings it back after `ms`; its receipts survive. */
  fachverfahrenDown(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts every part; `log` gets one line per step. */
export async function startChaosHub(
  dataDir: string,
  caseTiming: string,
  workerCount: number,
  log: (m: string) => void,
): Promise<ChaosHub> {
  const logs = (name: string) => path.join(dataDir, `${name}.log`);
  const base = await freeRange(12);
  const ports = { api: base, postgres: base + 1, demo: base + 2 };
  const journals = {
    gewerbepro: path.join(dataDir, 'gewerbepro.jsonl'),
    amtsdesk: path.join(dataDir, 'amtsdesk.jsonl'),
    dms: path.join(dataDir, 'dms.jsonl'),
  };
  const config = loadConfig({});

  const started = Date.now();
  const fvPort = (kind: 'fachverfahrenXml' | 'fachverfahrenJson') => ports.demo + DEMO_PORT_OFFSETS[kind];
  const startPostgres = () =>
    startPart(
      'postgres',
      SERVE,
      ['postgres', path.join(dataDir, 'pg'), String(ports.postgres)],
      {},
      /ready/,
      logs('postgres'),
    );
  const startGewerbePro = () =>
    startPart(
      'gewerbepro',
      SERVE,
      ['fachverfahren', 'xml', String(fvPort('fachverfahrenXml')), journals.gewerbepro],
      {},
      /ready/,
      logs('gewerbepro'),
    );
  // Everything that does not depend on something else starts at once (two cores, many processes).
  const [temporalServer, bundle, firstPostgres, firstGewerbePro, amtsdesk, demoRest] = await Promise.all([
    startDevServer({
      cliPath: config.temporalCliPath,
      grpcPort: await freePort(),
      uiPort: await freePort(),
      namespace: config.temporalNamespace,
      dbFile: undefined,
      log,
    }),
    bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    }),
    startPostgres(),
    startGewerbePro(),
    startPart(
      'amtsdesk',
      SERVE,
      ['fachverfahren', 'json', String(fvPort('fachverfahrenJson')), journals.amtsdesk],
      {},
      /ready/,
      logs('amtsdesk'),
    ),
    startPart('demo', SERVE, ['demo-rest', String(ports.demo), dataDir], {}, /ready/, logs('demo')),
  ]);
  let postgres = firstPostgres;
  let gewerbepro = firstGewerbePro;
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  const databaseUrl = `postgresql://drehscheibe:drehscheibe@127.0.0.1:${ports.postgres}/drehscheibe`;
  log(
    `Temporal ${temporalServer.address}, PostgreSQL 127.0.0.1:${ports.postgres}, demo organisation ${ports.demo}-${ports.demo + 8}, workflow bundle: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const url = (offset: number) => `http://127.0.0.1:${ports.demo + offset}`;
  const org = {
    urls: {
      fachverfahrenXml: url(DEMO_PORT_OFFSETS.fachverfahrenXml),
      fachverfahrenJson: url(DEMO_PORT_OFFSETS.fachverfahrenJson),
      dms: url(DEMO_PORT_OFFSETS.dms),
      mailHttp: url(DEMO_PORT_OFFSETS.mailHttp),
      residents: url(DEMO_PORT_OFFSETS.residents),
      trades: url(DEMO_PORT_OFFSETS.trades),
      payment: url(DEMO_PORT_OFFSETS.payment),
      tradeReceivers: url(DEMO_PORT_OFFSETS.tradeReceivers),
    },
    smtp: { host: '127.0.0.1', port: ports.demo + DEMO_PORT_OFFSETS.smtp },
    credentials: DEMO_CREDENTIALS,
  };

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const env = {
    DREHSCHEIBE_MODE: 'demo',
    TEMPORAL_ADDRESS: temporalServer.address,
    DATABASE_URL: databaseUrl,
    WORKFLOW_BUNDLE_PATH: bundlePath,
    CASE_TIMING: caseTiming,
    LOG_LEVEL: 'warn',
    PORT: String(ports.api),
    PUBLIC_API_URL: apiUrl,
    SMTP_URL: `smtp://${org.smtp.host}:${org.smtp.port}`,
    RESIDENTS_REGISTER_URL: org.urls.residents,
    REGISTER_TOKEN: DEMO_CREDENTIALS.residents,
    PAYMENT_URL: org.urls.payment,
    PAYMENT_TOKEN: DEMO_CREDENTIALS.payment,
  };
  const startApi = () => startPart('api', API_ENTRY, [], env, /API listening/, logs('api'));
  const workers: (Part | undefined)[] = [];
  const startWorker = async (i: number) => {
    const name = `worker-${i}`;
    workers[i] = await startPart(name, WORKER_ENTRY, [], env, /polling task queue/, logs(name));
  };
  // The API migrates the database first; the demo data and the workers follow at once.
  let api = await startApi();
  const pool = createPool(databaseUrl, 4);
  await Promise.all([
    seedDemo(pool, org as unknown as DemoOrganisation),
    ...Array.from({ length: workerCount }, (_, i) => startWorker(i)),
  ]);
  // The actors approve, reject and object on every service: trade registrations stay Anträge here, as in the
  // test hubs (test/support/testHub.ts, docs/procedure.md).
  await pool.query(
    `UPDATE services SET procedure_kind = 'application', acknowledgement_days = NULL WHERE procedure_kind = 'notification'`,
  );
  log(
    `API at ${apiUrl}, ${workerCount} workers; hub ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({
    connection,
    namespace: config.temporalNamespace,
    dataConverter: hubDataConverter(config.codec.keys),
  });

  return {
    dataDir,
    apiUrl,
    databaseUrl,
    temporal,
    pool,
    journals,
    workers,
    startWorker,
    async restartApi() {
      await api.kill();
      api = await startApi();
    },
    async restartPostgres() {
      await postgres.stop();
      await new Promise((r) => setTimeout(r, 2_000));
      postgres = await startPostgres();
    },
    async fachverfahrenDown(ms: number) {
      await gewerbepro.kill();
      await new Promise((r) => setTimeout(r, ms));
      gewerbepro = await startGewerbePro();
    },
    async stop() {
      await Promise.all(workers.map((w) => w?.stop()));
      await api.stop();
      await connection.close();
      await pool.end();
      await Promise.all([gewerbepro.stop(), amtsdesk.stop(), demoRest.stop()]);
      await postgres.stop();
      await temporalServer.stop();
    },
  };
}
