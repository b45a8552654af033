// An open-loop HTTP load generator: requests arrive at a fixed average rate (Poisson arrivals), whether or not
// earlier ones have been answered, and each latency is measured from the moment the request was due. That is
// what "N requests/s" means for a front door with many independent clients. autocannon's `overallRate` is not:
// each connection sends its quota for the second back to back and then waits, so it measures bursts of
// `connections` concurrent requests once a second. The generator runs in a worker thread of its own, so the
// benchmark's other work (demo systems, seeding) does not delay it.
import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** Requests answered per second over the run. */
  rate: number;
  sent: number;
  /** Milliseconds from when each request was due until its answer was read. */
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

/**
 * Sends `rate` requests/s on average for `seconds` to `baseUrl`, cycling through `requests`.
 * Throws on any non-2xx answer or transport error: a benchmark of failing requests measures nothing.
 */
export async function openLoopLoad(
  baseUrl: string,
  rate: number,
  seconds: number,
  requests: LoadRequest[],
): Promise<LoadResult> {
  // Node 20 does not pass tsx's loader to worker threads: the thread loads the TypeScript file through tsx's API.
  const file = JSON.stringify(new URL('./openLoopWorker.ts', import.meta.url).href);
  const worker = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${file}, ${file}))`, {
    eval: true,
    workerData: { baseUrl, rate, seconds, requests },
  });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
  });
  await worker.terminate();
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors of ${result.sent}`);
  return result;
}
