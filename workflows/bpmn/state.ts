// The interpreter's complete durable state: plain data, carried across continue-as-new unchanged.
// Timers are stored with absolute deadlines, so a new run re-arms them without drift.
import type { ChildRequest, JobRequest } from './ports';

/** What an element instance is waiting for. */
export type Wait =
  /** An activity (service task, user-task open/close, message throw) is running; `seq` tells its result apart. */
  | {
      type: 'job';
      seq: number;
      purpose: 'service' | 'openTask' | 'closeTask' | 'signal';
      pendingResult?: Record<string, unknown>;
      /** Not started yet: held back for continue-as-new, started by the next run. */
      held?: JobRequest;
    }
  /** An open caseworker task waiting for the `completeUserTask` update. */
  | { type: 'userTask'; taskId: string; completing?: boolean }
  /** A timer or message subscription owned by the instance (catch event, receive task, event-based gateway). */
  | { type: 'event' }
  /** A called process runs as a child workflow (id: parent workflow id + '/' + instance id). */
  | { type: 'child'; held?: ChildRequest }
  /** The element's work failed for good: it waits for an administrator's retry or resolution (as in Camunda). */
  | {
      type: 'incident';
      incidentId: string;
      code: string;
      message: string;
      /** Set for incidents of bad data or configuration (elementIncidents.ts); absent: retry re-executes. */
      resume?: 'enter' | 'leave';
    };

export interface MultiInstanceState {
  items: unknown[];
  nextIndex: number;
  completed: number;
  outputs: unknown[];
}

/** One element instance: a token on a flow node, or a scope (process, sub-process, multi-instance body). */
export interface Instance {
  id: string;
  /** Model element id; the process id for the root instance. */
  elementId: string;
  /** The enclosing instance; null for the root. */
  parentId: string | null;
  role: 'process' | 'element' | 'miBody' | 'miInner';
  /** Local variables; absent means "no own variable scope". */
  variables?: Record<string, unknown>;
  wait?: Wait;
  /** On flow scopes: arrivals per join gateway and incoming flow. */
  joins?: Record<string, Record<string, number>>;
  mi?: MultiInstanceState;
  miIndex?: number;
  /** Event sub-process instances start at the start event that triggered them. */
  triggeredBy?: string;
}

export interface TimerSchedule {
  /** Epoch milliseconds. */
  dueAt: number;
  /** For cycles: repetitions still to come after this one (-1 = unbounded) and the interval. */
  repeat?: { remaining: number; intervalMs: number };
  /** A cron cycle (workflows/bpmn/cron.ts): each tick computes the next from the expression, unbounded. */
  cron?: string;
}

/** A timer or message subscription of a catching event. */
export interface Subscription {
  id: string;
  /** Instance whose life bounds the subscription (activity for boundary events, scope for start events). */
  ownerId: string;
  /** The catching event (boundary, intermediate catch, start event) or receive task. */
  elementId: string;
  timer?: TimerSchedule;
  message?: { name: string; correlationKey?: string };
  /** A signal catch (workflows/bpmn/signals.ts): every subscription with the name takes a broadcast. */
  signal?: { name: string };
}

export interface BufferedMessage {
  name: string;
  correlationKey?: string;
  variables: Record<string, unknown>;
}

export interface EngineState {
  processId: string;
  rootId: string;
  nextId: number;
  instances: Record<string, Instance>;
  subscriptions: Record<string, Subscription>;
  bufferedMessages: BufferedMessage[];
  /** Element activations in the current run (reset by continue-as-new). */
  steps: number;
  runs: number;
  lastEndEventId?: string;
  /** Ids of signal broadcasts already taken (newest last, bounded): a repeated delivery is ignored. */
  seenSignals?: string[];
}
