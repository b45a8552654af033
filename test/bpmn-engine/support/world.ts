// The shared world of the engine harness: the manual clock, the one event queue, armed timers, caseworker
// tasks and the log of effects, plus how a handler's thrown error reads to the engine.
import { ApplicationFailure } from '@temporalio/common';
import type { FormField, GuidedStep, ProcessModel } from '../../../workflows/bpmn/model';
import { BPMN_ERROR } from '../../../workflows/bpmn/api';
import type { JobFailure, JobRequest } from '../../../workflows/bpmn/ports';
import type { ProcessHarness } from './harness';

/** A service-task handler: returns output variables, or throws (`bpmnError(...)` for a modelled error). */
export type Handler = (request: {
  elementId: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}) => Record<string, unknown> | void;

export interface HarnessTask {
  taskId: string;
  elementId: string;
  process: string;
  status: 'open' | 'completed' | 'cancelled';
  assignee?: string;
  candidateGroups: string[];
  output?: Record<string, unknown>;
  name?: string;
  formFields?: FormField[];
  guided?: GuidedStep;
}

export interface HarnessOptions {
  handlers?: Record<string, Handler>;
  /** Task types whose jobs wait for `finishJob`/`failJob` instead of running at once. */
  manual?: string[];
  /** Start of the manual clock (epoch ms); default 2026-01-05T08:00:00Z. */
  now?: number;
  startEventId?: string;
}

export interface PendingJob {
  owner: ProcessHarness;
  instanceId: string;
  seq: number;
  job: JobRequest;
}

/** The shared world of one test: clock, queue, timers, caseworker tasks and the log of effects. */
export class World {
  now: number;
  readonly queue: (() => void)[] = [];
  readonly timers = new Map<string, { owner: ProcessHarness; subscriptionId: string; dueAt: number }>();
  readonly tasks = new Map<string, HarnessTask>();
  /** Service-task calls in the order they ran. */
  readonly calls: { taskType: string; elementId: string; variables: Record<string, unknown> }[] = [];
  /** Every effect the engines asked for, readable in assertions ("timer+ s3 @1000", "cancelJob i4", ...). */
  readonly log: string[] = [];
  readonly manualJobs: PendingJob[] = [];
  /** Every process instance of the world (signal broadcasts reach all of them). */
  readonly processes: ProcessHarness[] = [];
  /** When set, signal broadcasts fail (the throw event then holds an incident). */
  failSignals = false;
  private nextProcess = 1;

  constructor(
    readonly model: ProcessModel,
    readonly handlers: Record<string, Handler>,
    readonly manual: Set<string>,
    now: number,
  ) {
    this.now = now;
  }

  processKey(): string {
    return `p${this.nextProcess++}`;
  }

  /** Runs queued events, then due timers in due order, until everything waits. */
  run(): void {
    for (let guard = 0; ; guard++) {
      if (guard > 100_000) throw new Error('harness: more than 100 000 events without waiting');
      const next = this.queue.shift();
      if (next) {
        next();
        continue;
      }
      const due = this.earliestTimer(this.now);
      if (!due) return;
      this.timers.delete(due[0]);
      due[1].owner.deliver({ type: 'timer', subscriptionId: due[1].subscriptionId, dueAt: due[1].dueAt });
    }
  }

  /** Moves the clock forward, firing each timer at its own due time. */
  advance(ms: number): void {
    const target = this.now + ms;
    this.run();
    for (;;) {
      const due = this.earliestTimer(target);
      if (!due) break;
      this.now = Math.max(this.now, due[1].dueAt);
      this.run();
    }
    this.now = target;
    this.run();
  }

  private earliestTimer(until: number) {
    let best: [string, { owner: ProcessHarness; subscriptionId: string; dueAt: number }] | undefined;
    for (const entry of this.timers) {
      if (entry[1].dueAt <= until && (!best || entry[1].dueAt < best[1].dueAt)) best = entry;
    }
    return best;
  }
}

/** How a thrown handler error reads to the engine (the same rule as `describeFailure` in temporalEffects). */
export function failureOf(error: unknown): JobFailure {
  if (error instanceof ApplicationFailure && error.type === BPMN_ERROR) {
    const details = (error.details?.[0] ?? {}) as {
      code?: string;
      message?: string;
      variables?: Record<string, unknown>;
    };
    const code = details.code ?? error.message;
    const message = details.message ?? error.message;
    return {
      bpmnError: { code, message, ...(details.variables ? { variables: details.variables } : {}) },
      message,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, ...(error instanceof ApplicationFailure && error.type ? { type: error.type } : {}) };
}
