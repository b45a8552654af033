// A real Temporal cluster node: temporal-server (frontend, history, matching and worker services) built from the
// Go module proxy at the dev server's version, with persistence and visibility in PostgreSQL and several history
// shards. This is the engine users move to when one dev server is not enough (docs/production.md).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { cliCacheDir, goInstall } from './temporalCli';
import { freeLowPort, freePort } from './freePort';
import { waitForTemporal, type TemporalServer } from './temporalServer';

/** The server inside Temporal CLI 1.5.1, so the cluster runs the same engine as the dev server. */
export const SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';

type Log = (message: string) => void;

export interface ClusterOptions {
  /** The hub's PostgreSQL; the cluster keeps its own two databases on the same server. */
  databaseUrl: string;
  /** Config and logs of the node. */
  dataDir: string;
  namespace: string;
  grpcPort?: number;
  historyShards?: number;
  log?: Log;
}

interface ServerBinaries {
  server: string;
  sqlTool: string;
  schemaDir: string;
}

/** Builds (once per machine) or finds temporal-server and its SQL schema tool. */
export function resolveTemporalServer(log: Log): ServerBinaries {
  const gobin = path.join(path.dirname(cliCacheDir()), 'temporal-server', SERVER_VERSION);
  const server = path.join(gobin, 'server');
  const sqlTool = path.join(gobin, 'sql');
  if (!fs.existsSync(server) || !fs.existsSync(sqlTool)) {
    const ok = goInstall(
      [`${MODULE}/cmd/server@${SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@${SERVER_VERSION}`],
      gobin,
      `Temporal Server ${SERVER_VERSION} and its SQL tool`,
      log,
    );
    if (!ok) throw new Error(`could not build Temporal Server ${SERVER_VERSION} (is Go installed?)`);
  }
  // The versioned schema scripts ship in the module source, which go install left in the module cache.
  const modCache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const schemaDir = path.join(modCache, `${MODULE}@${SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!fs.existsSync(schemaDir)) execFileSync('go', ['mod', 'download', `${MODULE}@${SERVER_VERSION}`]);
  return { server, sqlTool, schemaDir };
}

interface DatabaseTarget {
  host: string;
  port: string;
  user: string;
  password: string;
}

function databaseTarget(databaseUrl: string): DatabaseTarget {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: url.port || '5432',
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** Creates the database if needed and brings its schema to the server's version (idempotent). */
function prepareSchema(tool: string, db: DatabaseTarget, name: string, versionedDir: string): void {
  const base = ['--plugin', 'postgres12', '--ep', db.host, '-p', db.port, '-u', db.user, '--pw', db.password];
  const run = (args: string[], tolerate?: RegExp) => {
    const result = spawnSync(tool, [...base, ...args], { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0 && !(tolerate && tolerate.test(output)))
      throw new Error(`temporal sql tool ${args.join(' ')} failed: ${output.slice(-800)}`);
  };
  run(['--db', name, 'create-database'], /already exists/);
  run(['--db', name, 'setup-schema', '-v', '0.0'], /already exists/);
  run(['--db', name, 'update-schema', '-d', versionedDir]);
}

/** The hub's own tuning, as in DEV_SERVER_TUNING, plus what an SQL visibility store needs for new search attributes. */
const DYNAMIC_CONFIG = `history.transferProcessorMaxPollRPS:
  - value: 1000
history.timerProcessorMaxPollRPS:
  - value: 1000
history.visibilityProcessorMaxPollRPS:
  - value: 1000
system.enableActivityEagerExecution:
  - value: true
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.enableUpdateWorkflowExecution:
  - value: true
`;

function serverConfig(o: {
  db: DatabaseTarget;
  databases: [string, string];
  shards: number;
  ports: Record<'frontend' | 'frontendHttp' | 'history' | 'matching' | 'worker' | 'metrics', number>;
  membership: Record<'frontend' | 'history' | 'matching' | 'worker', number>;
  dynamicConfigFile: string;
}): string {
  const store = (database: string, conns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${o.db.host}:${o.db.port}"
        connectProtocol: "tcp"
        user: ${JSON.stringify(o.db.user)}
        password: ${JSON.stringify(o.db.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (name: 'history' | 'matching' | 'worker') => `  ${name}:
    rpc:
      grpcPort: ${o.ports[name]}
      membershipPort: ${o.membership[name]}
      bindOnLocalHost: true`;
  return `log:
  stdout: true
  level: error
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${o.shards}
  datastores:
    default:
${store(o.databases[0], 20)}
    visibility:
${store(o.databases[1], 5)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${o.ports.metrics}"
services:
  frontend:
    rpc:
      grpcPort: ${o.ports.frontend}
      membershipPort: ${o.membership.frontend}
      bindOnLocalHost: true
      httpPort: ${o.ports.frontendHttp}
${service('history')}
${service('matching')}
${service('worker')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${o.ports.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: ${JSON.stringify(o.dynamicConfigFile)}
  pollInterval: "10s"
`;
}

/** Registers the namespace (the cluster starts with none) and waits until the frontend serves it. */
async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('7 days') })
      .catch((error: unknown) => {
        if (!/already exists|AlreadyExists/i.test(String(error))) throw error;
      });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await connection.close();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts one temporal-server node with all four services on PostgreSQL; resolves when the namespace is served. */
export async function startTemporalCluster(options: ClusterOptions): Promise<TemporalServer> {
  const log = options.log ?? (() => {});
  const binaries = resolveTemporalServer(log);
  const db = databaseTarget(options.databaseUrl);
  const databases: [string, string] = ['temporal', 'temporal_visibility'];
  prepareSchema(binaries.sqlTool, db, databases[0], path.join(binaries.schemaDir, 'temporal', 'versioned'));
  prepareSchema(binaries.sqlTool, db, databases[1], path.join(binaries.schemaDir, 'visibility', 'versioned'));

  const root = path.join(options.dataDir, 'temporal-cluster');
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  const dynamicConfigFile = path.join(root, 'config', 'dynamic.yaml');
  fs.writeFileSync(dynamicConfigFile, DYNAMIC_CONFIG);
  const ports = {
    frontend: options.grpcPort ?? (await freePort()),
    frontendHttp: await freePort(),
    history: await freePort(),
    matching: await freePort(),
    worker: await freePort(),
    metrics: await freePort(),
  };
  const membership = {
    frontend: await freeLowPort(),
    history: await freeLowPort(),
    matching: await freeLowPort(),
    worker: await freeLowPort(),
  };
  // The number of shards is fixed when the database is first set up; a later different value is refused by
  // the server, so it is part of the persisted setup (README: change it only on an empty database).
  const shards = options.historyShards ?? 4;
  fs.writeFileSync(
    path.join(root, 'config', 'development.yaml'),
    serverConfig({ db, databases, shards, ports, membership, dynamicConfigFile }),
  );
  const logFile = fs.openSync(path.join(root, 'server.log'), 'a');
  const child = spawn(
    binaries.server,
    ['--root', root, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
    { stdio: ['ignore', logFile, logFile] },
  );
  fs.closeSync(logFile);
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const address = `127.0.0.1:${ports.frontend}`;
  try {
    await Promise.race([
      waitForTemporal(address, 120_000),
      new Promise<never>((_, reject) =>
        child.once('exit', (code) =>
          reject(new Error(`temporal-server exited with ${code}; see ${path.join(root, 'server.log')}`)),
        ),
      ),
    ]);
    await ensureNamespace(address, options.namespace);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  log(
    `Temporal cluster node ${SERVER_VERSION} at ${address}: PostgreSQL persistence and visibility, ${shards} history shards`,
  );
  return {
    address,
    uiUrl: undefined,
    source: `temporal-server ${SERVER_VERSION} (PostgreSQL, ${shards} shards)`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}
