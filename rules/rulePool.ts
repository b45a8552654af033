// The threads that compile and run integration rules: saxon-js is synchronous, so a rule with a long
// loop would otherwise block the API and the worker of this process. Limits come from the config.
import type { Sef } from './saxon';
import type { RuleParams } from './transform';
import { RuleCompileError, RuleLimitError, RuleRunError, RuleUnsafeError } from './ruleErrors';
import {
  ThreadLimitError,
  ThreadPool,
  type SerializedError,
  type ThreadLimits,
} from '../platform/threadPool';

/** What the rule thread does: compile (with or without the safety scan) or run a compiled rule. */
export type RuleTask =
  | { kind: 'compile'; xslt: string; scan: boolean }
  | { kind: 'run'; id?: string; sef?: Sef; xml: string; params: RuleParams };

/** Raised in the thread when it has no runnable copy of a rule version; the caller resends the SEF. */
export const NOT_CACHED = 'RuleNotCached';

/** Limits of the rule threads; timeoutMs bounds one transformation, compileTimeoutMs one compilation. */
export interface RuleLimits extends ThreadLimits {
  compileTimeoutMs: number;
}

// Compiling a shipped rule takes 0.6-3.7 s on a cold thread of the 2-core development machine; a
// transformation takes milliseconds. Both limits only stop runaways.
export const DEFAULT_RULE_LIMITS: RuleLimits = {
  threads: 2,
  timeoutMs: 3000,
  compileTimeoutMs: 30_000,
  memoryMb: 256,
};

let limits = DEFAULT_RULE_LIMITS;
let pool: ThreadPool | undefined;

/** Sets the limits (platform/config.ts `rules`); the assembly calls it once at start. */
export function configureRuleThreads(next: RuleLimits): void {
  limits = next;
  pool?.reconfigure(next);
}

/** Starts the rule threads ahead of the first rule. */
export function warmRuleThreads(): void {
  rulePool().warm();
}

/** Stops the rule threads (tests; a process that ends does not need it: idle threads do not hold it). */
export async function closeRuleThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

/** Runs one task on a rule thread (timeoutMs overrides the configured limit); limit breaches come back as RuleLimitError. */
export async function runOnRuleThread<T>(task: RuleTask, timeoutMs?: number): Promise<T> {
  try {
    return await rulePool().run<T>(
      task,
      timeoutMs ?? (task.kind === 'compile' ? limits.compileTimeoutMs : limits.timeoutMs),
    );
  } catch (error) {
    if (error instanceof ThreadLimitError)
      throw new RuleLimitError(
        error.limit === 'timeout' ? 'rule-timeout' : 'rule-memory',
        `The rule ${error.message}.`,
      );
    throw error;
  }
}

function rulePool(): ThreadPool {
  pool ??= new ThreadPool(new URL('./ruleThread.ts', import.meta.url), limits, 'rule', reviveRuleError);
  return pool;
}

function reviveRuleError(error: SerializedError): Error {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  switch (error.name) {
    case 'RuleCompileError':
      return new RuleCompileError(error.message, number(error.line), number(error.column));
    case 'RuleUnsafeError':
      return new RuleUnsafeError(String(error.construct), error.message, number(error.line));
    case 'RuleRunError':
      return new RuleRunError(error.message, String(error.code));
    default:
      return Object.assign(new Error(error.message), error);
  }
}
