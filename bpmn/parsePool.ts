// The thread that parses BPMN imports off the request thread, under a time and a memory limit.
import {
  ThreadLimitError,
  ThreadPool,
  type SerializedError,
  type ThreadLimits,
} from '../platform/threadPool';
import type { AnalyseRequest, Analysis } from './analyse';
import { BpmnParseError, type BpmnParseErrorCode } from './parse';

export const DEFAULT_BPMN_LIMITS: ThreadLimits = { threads: 1, timeoutMs: 30_000, memoryMb: 512 };

let limits = DEFAULT_BPMN_LIMITS;
let pool: ThreadPool | undefined;

/** Sets the limits (platform/config.ts `bpmnThreads`); the assembly calls it once at start. */
export function configureBpmnThreads(next: ThreadLimits): void {
  limits = next;
  pool?.reconfigure(next);
}

/** Stops the parser thread (tests). */
export async function closeBpmnThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

/** Parses, reports and compiles an import on the parser thread; a limit breach is a BpmnParseError 'too-complex'. */
export async function analyseInThread(request: AnalyseRequest): Promise<Analysis> {
  pool ??= new ThreadPool(new URL('./parseThread.ts', import.meta.url), limits, 'BPMN parser', revive);
  try {
    return await pool.run<Analysis>(request);
  } catch (error) {
    if (error instanceof ThreadLimitError)
      throw new BpmnParseError(
        'too-complex',
        `Parsing the import ${error.message}; split the model into several files or simplify it.`,
      );
    throw error;
  }
}

function revive(error: SerializedError): Error {
  if (error.name !== 'BpmnParseError') return Object.assign(new Error(error.message), error);
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return new BpmnParseError(
    error.code as BpmnParseErrorCode,
    error.message,
    typeof error.filename === 'string' ? error.filename : undefined,
    number(error.line),
    number(error.column),
  );
}
