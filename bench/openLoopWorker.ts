// The worker thread of bench/openLoop.ts: draws Poisson arrival times, sends each request when it is due over a
// keep-alive connection pool, and reports latencies measured from the due time (no coordinated omission).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadRequest, LoadResult } from './openLoop';

const { baseUrl, rate, seconds, requests } = workerData as {
  baseUrl: string;
  rate: number;
  seconds: number;
  requests: LoadRequest[];
};
const url = new URL(baseUrl);
// Enough sockets that the generator never queues requests itself; idle ones are kept for reuse.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

// Arrival times in ms from the start: exponential gaps with mean 1000/rate.
const due: number[] = [];
for (let t = 0; t < seconds * 1000; t += (-Math.log(1 - Math.random()) * 1000) / rate) due.push(t);

const latencies: number[] = [];
let non2xx = 0;
let errors = 0;
let answered = 0;

function send(i: number, dueAt: number): void {
  const r = requests[i % requests.length]!;
  const req = http.request(
    { host: url.hostname, port: url.port, path: r.path, method: 'GET', headers: r.headers, agent },
    (res) => {
      if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx += 1;
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - dueAt);
        done();
      });
    },
  );
  req.on('error', () => {
    errors += 1;
    done();
  });
  req.end();
}

let finish: () => void;
const finished = new Promise<void>((resolve) => (finish = resolve));
function done(): void {
  answered += 1;
  if (answered === due.length) finish();
}

const start = performance.now();
let next = 0;
// Sends every request whose time has come, then sleeps until the next one is due (a timer, not a busy loop: the
// generator must not take a core from the hub on a small machine; a late timer counts against the hub).
await new Promise<void>((resolve) => {
  const tick = () => {
    const now = performance.now() - start;
    while (next < due.length && due[next]! <= now) {
      send(next, start + due[next]!);
      next += 1;
    }
    if (next < due.length) setTimeout(tick, Math.max(0, due[next]! - (performance.now() - start)));
    else resolve();
  };
  tick();
});
await finished;
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const at = (p: number) =>
  +latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
const result: LoadResult = {
  rate: Math.round(latencies.length / elapsed),
  sent: due.length,
  latency: { p50: at(50), p90: at(90), p99: at(99), max: +latencies.at(-1)!.toFixed(1) },
  non2xx,
  errors,
};
agent.destroy();
parentPort!.postMessage(result);
