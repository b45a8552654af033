// A small pool of worker threads for CPU-bound work that must not block the event loop (XSLT, BPMN
// parsing). Each task runs under a wall-time limit and each thread under a heap limit; a thread that
// exceeds either is terminated and replaced, so one runaway input costs one thread for a bounded time.
import { Worker } from 'node:worker_threads';

export interface ThreadLimits {
  /** Threads kept for this kind of work. */
  threads: number;
  /** Wall time one task may take once a thread has picked it up. */
  timeoutMs: number;
  /** Old-generation heap of each thread (V8 resourceLimits). */
  memoryMb: number;
}

/** A task exceeded its limit; its thread was terminated. */
export class ThreadLimitError extends Error {
  override readonly name = 'ThreadLimitError';
  constructor(
    readonly limit: 'timeout' | 'memory',
    message: string,
  ) {
    super(message);
  }
}

/** What a thread sends back: a value, or an error as plain data (classes do not cross threads). */
export type ThreadReply = { ok: true; value: unknown } | { ok: false; error: SerializedError };
export interface SerializedError {
  name: string;
  message: string;
  [key: string]: unknown;
}

interface Task {
  payload: unknown;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  generation: number;
  task?: Task;
  timer?: NodeJS.Timeout;
}

const BOOT = new URL('./threadBoot.js', import.meta.url);

/** Runs payloads through `module` (which calls serveThreadTasks) on up to `limits.threads` threads. */
export class ThreadPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private generation = 0;
  private closed = false;

  constructor(
    private readonly module: URL,
    private limits: ThreadLimits,
    private readonly label: string,
    private readonly revive: (error: SerializedError) => Error = defaultRevive,
  ) {}

  /** Starts the threads now instead of on the first task (so the first task does not pay start-up). */
  warm(): void {
    this.fill();
  }

  /** New limits apply to new tasks; threads started under old limits retire when idle. */
  reconfigure(limits: ThreadLimits): void {
    if (JSON.stringify(limits) === JSON.stringify(this.limits)) return;
    this.limits = limits;
    this.generation += 1;
    for (const slot of [...this.slots]) if (!slot.task) this.retire(slot);
    this.fill();
  }

  /** Runs one task; rejects with ThreadLimitError when it exceeds a limit (timeoutMs overrides the pool's). */
  run<T>(payload: unknown, timeoutMs = this.limits.timeoutMs): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.label} threads are shut down`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ payload, timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.fill();
      this.dispatch();
    });
  }

  /** Terminates every thread; queued and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error(`${this.label} threads are shutting down`);
    for (const task of this.queue.splice(0)) task.reject(closing);
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        clearTimeout(slot.timer);
        slot.task?.reject(closing);
        slot.task = undefined;
        return slot.worker.terminate();
      }),
    );
  }

  private current(): Slot[] {
    return this.slots.filter((s) => s.generation === this.generation);
  }

  private fill(): void {
    if (this.closed) return;
    while (this.current().length < this.limits.threads) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(BOOT, {
      workerData: { module: this.module.href },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
      // The tsx loader of the parent is registered again inside the thread by threadBoot.js.
      execArgv: [],
    });
    const slot: Slot = { worker, ready: false, generation: this.generation };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (message: { ready?: true } & Partial<{ reply: ThreadReply }>) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (message.reply) this.settle(slot, message.reply);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      // The thread is gone or going: take it out of rotation before anything else is sent to it.
      this.slots = this.slots.filter((s) => s !== slot);
      const task = slot.task;
      this.release(slot);
      if (!slot.ready) {
        // It never started (a broken task module): fail what waits instead of starting threads in a loop.
        for (const queued of this.queue.splice(0)) queued.reject(error);
        return;
      }
      task?.reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ThreadLimitError(
              'memory',
              `exceeded the memory limit of ${this.limits.memoryMb} MB and was stopped`,
            )
          : error,
      );
      this.fill();
      this.dispatch();
    });
    worker.on('exit', () => {
      const known = this.slots.includes(slot);
      this.slots = this.slots.filter((s) => s !== slot);
      const task = slot.task;
      this.release(slot);
      task?.reject(new Error(`the ${this.label} thread ended unexpectedly`));
      if (known && slot.ready && slot.generation === this.generation && this.queue.length > 0) this.fill();
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.task || slot.generation !== this.generation) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.timeout(slot), task.timeoutMs);
      slot.worker.postMessage({ payload: task.payload });
    }
    this.updateRefs();
  }

  /** Threads with work (running, or starting while tasks wait) keep the process alive; idle ones do not. */
  private updateRefs(): void {
    for (const slot of this.slots) {
      if (slot.task || (!slot.ready && this.queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private timeout(slot: Slot): void {
    const task = slot.task;
    if (!task) return;
    this.release(slot);
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
    task.reject(
      new ThreadLimitError('timeout', `exceeded the time limit of ${task.timeoutMs} ms and was stopped`),
    );
    this.fill();
    this.dispatch();
  }

  private settle(slot: Slot, reply: ThreadReply): void {
    const task = slot.task;
    if (!task) return;
    this.release(slot);
    if (reply.ok) task.resolve(reply.value);
    else task.reject(this.revive(reply.error));
    if (slot.generation !== this.generation) this.retire(slot);
    this.dispatch();
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
  }

  private retire(slot: Slot): void {
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
  }
}

function defaultRevive(error: SerializedError): Error {
  return Object.assign(new Error(error.message), error);
}
