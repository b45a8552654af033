// The one place that reads process.env. Everything else receives a Config.
import path from 'node:path';
import { LEGAL_TIMING, type CaseTiming } from '../workflows/caseTypes';

/** Endpoints of systems the hub talks to besides the per-binding target systems. */
export interface Integrations {
  /** Outgoing mail to applicants, smtp://host:port. */
  smtpUrl: string | undefined;
  mailFrom: string;
  residentsRegisterUrl: string | undefined;
  registerToken: string | undefined;
  paymentUrl: string | undefined;
  paymentToken: string | undefined;
  /** Base URL under which payment callbacks reach this API. */
  publicApiUrl: string;
  /** HMAC key for payment callback URLs. */
  callbackSecret: string;
}

/** Deadlines of seconds for automated runs (the reduced chaos run): a case runs through within a minute. */
export const FAST_TIMING: CaseTiming = {
  noticeRetrievalWindow: 10_000,
  appealPeriod: 15_000,
  reminderBeforeMs: 5_000,
  participationMs: 120_000,
  delivery: { maximumAttempts: 5, initialIntervalMs: 1_000, maximumIntervalMs: 10_000 },
};

/** Short deadlines for demos: a case runs through in minutes instead of months. */
export const DEMO_TIMING: CaseTiming = {
  noticeRetrievalWindow: 120_000,
  appealPeriod: 180_000,
  reminderBeforeMs: 30_000,
  participationMs: 300_000,
  delivery: { maximumAttempts: 6, initialIntervalMs: 1_000, maximumIntervalMs: 30_000 },
};

export interface Config {
  /** production | demo: demo loads the fictive test organisation and its fixed tokens. */
  mode: 'production' | 'demo';
  port: number;
  /** host:port of an external Temporal server; undefined starts the embedded dev server. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalUiPort: number;
  temporalGrpcPort: number;
  taskQueue: string;
  /** External PostgreSQL; undefined starts the embedded one. */
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  /** Git-ignored folder for embedded state (SQLite of Temporal, PostgreSQL data, cached CLI). */
  dataDir: string;
  temporalCliPath: string | undefined;
  /** Port of the first demo-organisation server; the others follow. */
  demoBasePort: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  caseTiming: CaseTiming;
  integrations: Integrations;
  /** Bootstrap administrator token (production has no demo tokens); stored as its hash at start. */
  adminToken: string | undefined;
  /** A pre-built workflow bundle for the worker (tests, fast restarts); unset bundles at start. */
  workflowBundlePath: string | undefined;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be an integer port or count between 0 and 65535, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

/** Parses and validates the environment once; throws ConfigError saying what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const mode = oneOf(env, 'DREHSCHEIBE_MODE', ['production', 'demo'] as const, 'demo');
  const port = int(env, 'PORT', 3000);
  const callbackSecret = optional(env, 'CALLBACK_SECRET');
  if (mode === 'production' && !callbackSecret)
    throw new ConfigError('CALLBACK_SECRET must be set in production mode');
  const adminToken = optional(env, 'ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    throw new ConfigError('ADMIN_TOKEN must be at least 24 characters long');
  }
  const timing = oneOf(env, 'CASE_TIMING', ['legal', 'demo', 'fast'] as const, 'legal');
  return {
    mode,
    port,
    temporalAddress: optional(env, 'TEMPORAL_ADDRESS'),
    temporalNamespace: optional(env, 'TEMPORAL_NAMESPACE') ?? 'default',
    temporalUiPort: int(env, 'TEMPORAL_UI_PORT', 8233),
    temporalGrpcPort: int(env, 'TEMPORAL_GRPC_PORT', 7233),
    taskQueue: optional(env, 'TEMPORAL_TASK_QUEUE') ?? 'drehscheibe',
    databaseUrl,
    embeddedPostgresPort: int(env, 'EMBEDDED_POSTGRES_PORT', 5433),
    dataDir: path.resolve(root, optional(env, 'DREHSCHEIBE_DATA_DIR') ?? '.data'),
    temporalCliPath: optional(env, 'TEMPORAL_CLI_PATH'),
    demoBasePort: int(env, 'DEMO_BASE_PORT', 4100),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    caseTiming: { legal: LEGAL_TIMING, demo: DEMO_TIMING, fast: FAST_TIMING }[timing],
    workflowBundlePath: optional(env, 'WORKFLOW_BUNDLE_PATH'),
    adminToken,
    integrations: {
      smtpUrl: optional(env, 'SMTP_URL'),
      mailFrom: optional(env, 'MAIL_FROM') ?? 'Drehscheibe <noreply@drehscheibe.invalid>',
      residentsRegisterUrl: optional(env, 'RESIDENTS_REGISTER_URL'),
      registerToken: optional(env, 'REGISTER_TOKEN'),
      paymentUrl: optional(env, 'PAYMENT_URL'),
      paymentToken: optional(env, 'PAYMENT_TOKEN'),
      publicApiUrl: optional(env, 'PUBLIC_API_URL') ?? `http://127.0.0.1:${port}`,
      callbackSecret: callbackSecret ?? 'demo-callback-secret',
    },
  };
}
