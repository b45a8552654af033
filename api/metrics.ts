// Prometheus metrics for the API process.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  submissions: Counter<'outcome'>;
  /** Refusals of callers without a valid token: counted here, never written to the protocol. */
  refusedUnauthenticated: Counter<'code'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'drehscheibe_http_requests_total',
      help: 'HTTP requests',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'drehscheibe_http_request_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      registers: [registry],
    }),
    submissions: new Counter({
      name: 'drehscheibe_submissions_total',
      help: 'Submissions by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    refusedUnauthenticated: new Counter({
      name: 'drehscheibe_refused_unauthenticated_total',
      help: 'Requests refused before a valid token was presented (not written to the protocol), by problem code',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}
