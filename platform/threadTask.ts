// The thread side of platform/threadPool.ts: answers each task the pool posts with a value or an error.
import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { SerializedError, ThreadReply } from './threadPool';

/** Serves tasks in this thread; `prepare` runs once before the thread reports ready (warm caches). */
export function serveThreadTasks(handle: (payload: never) => unknown, prepare?: () => void): void {
  const port = parentPort;
  if (!port) throw new Error('serveThreadTasks runs only inside a pool thread');
  lowerPriority();
  prepare?.();
  port.on('message', ({ payload }: { payload: never }) => {
    void (async () => {
      let reply: ThreadReply;
      try {
        reply = { ok: true, value: await handle(payload) };
      } catch (error) {
        reply = { ok: false, error: serializeError(error) };
      }
      port.postMessage({ reply });
    })();
  });
  port.postMessage({ ready: true });
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const plain: SerializedError = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) plain[key] = value;
  }
  return plain;
}

/**
 * Pool work is batch work: on Linux, where the nice value is per thread, this thread yields the CPU to
 * the event loop of API and worker, which keeps them responsive on a small machine while a rule spins.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
