// The one place that reads process.env. Everything else receives a Config.
import path from 'node:path';
import { LEGAL_TIMING, type CaseTiming } from '../workflows/caseTypes';
import { DEMO_PAYLOAD_KEY, parsePayloadKeys, type PayloadKey } from './payloadKeys';

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

/** Limits of the threads that run integration rules (rules/rulePool.ts, docs/rules.md#limits). */
export interface RuleThreadLimits {
  threads: number;
  /** Wall time of one transformation. */
  timeoutMs: number;
  /** Wall time of one compilation (upload). */
  compileTimeoutMs: number;
  /** Heap of each rule thread. */
  memoryMb: number;
}

/** Limits of the thread that parses BPMN imports (bpmn/parsePool.ts). */
export interface BpmnThreadLimits {
  threads: number;
  timeoutMs: number;
  memoryMb: number;
}

/** Encryption of Temporal payloads and the codec server the Temporal Web UI decodes them with. */
export interface CodecConfig {
  /** AES-256-GCM keys, newest first: the first encrypts, all decrypt. */
  keys: PayloadKey[];
  /** Browser origins (the Temporal Web UI) allowed to call /codec with credentials. */
  corsOrigins: string[];
  /** The codec endpoint as the browser reaches it; handed to the embedded UI. */
  uiEndpoint: string;
}

export interface Config {
  /** production | demo: demo loads the fictive test organisation and its fixed tokens. */
  mode: 'production' | 'demo';
  /** Interface the API listens on: loopback unless HOST opens it (a reverse proxy in front is the norm). */
  host: string;
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
  ruleThreads: RuleThreadLimits;
  bpmnThreads: BpmnThreadLimits;
  /** A pre-built workflow bundle for the worker (tests, fast restarts); unset bundles at start. */
  workflowBundlePath: string | undefined;
  /**
   * Workflows a worker keeps in memory between their tasks (WORKER_CACHE_SIZE). Unset: the SDK's default from the
   * heap limit (≈ 2,300 with Node's default heap on a 24 GB machine). Cases beyond it are replayed when they resume.
   */
  workerCacheSize: number | undefined;
  codec: CodecConfig;
}

export class ConfigError extends Error {}

/** The callback secret of demo mode; published in the repository, so refused in production mode. */
export const DEMO_CALLBACK_SECRET = 'demo-callback-secret';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be an integer port or count between 0 and 65535, got "${raw}"`);
  }
  return value;
}

function limit(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigError(`${name} must be an integer between 1 and ${max}, got "${raw}"`);
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

/** Payload keys are required in production; demo mode falls back to the fixed, public demo key. */
function codecConfig(
  env: NodeJS.ProcessEnv,
  mode: Config['mode'],
  port: number,
  uiPort: number,
): CodecConfig {
  const rawKeys = optional(env, 'PAYLOAD_KEYS');
  if (mode === 'production' && !rawKeys) {
    throw new ConfigError(
      'PAYLOAD_KEYS must be set in production mode: "<key id>:<base64 of 32 bytes>", newest first (see docs/encryption.md)',
    );
  }
  let keys: PayloadKey[];
  try {
    keys = rawKeys ? parsePayloadKeys(rawKeys) : [DEMO_PAYLOAD_KEY];
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (mode === 'production' && keys.some((k) => k.key.equals(DEMO_PAYLOAD_KEY.key))) {
    throw new ConfigError('PAYLOAD_KEYS must not contain the public demo key in production mode');
  }
  const origins = optional(env, 'CODEC_CORS_ORIGINS');
  return {
    keys,
    corsOrigins: origins
      ? origins.split(',').map((o) => o.trim().replace(/\/$/, ''))
      : [`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`],
    uiEndpoint: optional(env, 'CODEC_ENDPOINT') ?? `http://localhost:${port}/codec`,
  };
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
  if (mode === 'production' && (callbackSecret === DEMO_CALLBACK_SECRET || callbackSecret!.length < 32))
    throw new ConfigError(
      'CALLBACK_SECRET must be a secret of your own of at least 32 characters in production mode, not the demo value',
    );
  const host = optional(env, 'HOST') ?? '127.0.0.1';
  if (!/^[0-9A-Za-z.:-]{1,253}$/.test(host))
    throw new ConfigError(`HOST must be an IP address or host name to listen on, got "${host}"`);
  const adminToken = optional(env, 'ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    throw new ConfigError('ADMIN_TOKEN must be at least 24 characters long');
  }
  const codec = codecConfig(env, mode, port, int(env, 'TEMPORAL_UI_PORT', 8233));
  const timing = oneOf(env, 'CASE_TIMING', ['legal', 'demo', 'fast'] as const, 'legal');
  return {
    mode,
    host,
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
    workerCacheSize: env.WORKER_CACHE_SIZE ? limit(env, 'WORKER_CACHE_SIZE', 1, 1_000_000) : undefined,
    ruleThreads: {
      threads: limit(env, 'RULE_THREADS', 2, 64),
      timeoutMs: limit(env, 'RULE_TIMEOUT_MS', 3000, 600_000),
      compileTimeoutMs: limit(env, 'RULE_COMPILE_TIMEOUT_MS', 30_000, 600_000),
      memoryMb: limit(env, 'RULE_MEMORY_MB', 256, 16_384),
    },
    bpmnThreads: {
      threads: 1,
      timeoutMs: limit(env, 'BPMN_PARSE_TIMEOUT_MS', 30_000, 600_000),
      memoryMb: limit(env, 'BPMN_PARSE_MEMORY_MB', 512, 16_384),
    },
    adminToken,
    codec,
    integrations: {
      smtpUrl: optional(env, 'SMTP_URL'),
      mailFrom: optional(env, 'MAIL_FROM') ?? 'Drehscheibe <noreply@drehscheibe.invalid>',
      residentsRegisterUrl: optional(env, 'RESIDENTS_REGISTER_URL'),
      registerToken: optional(env, 'REGISTER_TOKEN'),
      paymentUrl: optional(env, 'PAYMENT_URL'),
      paymentToken: optional(env, 'PAYMENT_TOKEN'),
      publicApiUrl: optional(env, 'PUBLIC_API_URL') ?? `http://127.0.0.1:${port}`,
      callbackSecret: callbackSecret ?? DEMO_CALLBACK_SECRET,
    },
  };
}
