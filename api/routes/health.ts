import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';

export function healthRoutes({ pool, temporal, metrics }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/healthz',
      tag: 'operations',
      roles: 'public',
      summary: 'Liveness',
      responses: { 200: { description: 'The process is alive' } },
      handler: async () => ({ body: { status: 'ok' } }),
    }),
    route({
      method: 'get',
      path: '/readyz',
      tag: 'operations',
      roles: 'public',
      summary: 'Readiness: Temporal and PostgreSQL reachable',
      responses: { 200: { description: 'Ready' }, 503: { description: 'A dependency is down' } },
      handler: async () => {
        const checks = await Promise.allSettled([
          pool.query('SELECT 1'),
          temporal.workflowService.getSystemInfo({}),
        ]);
        const [database, temporalCheck] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
        if (database !== 'ok' || temporalCheck !== 'ok') {
          throw new Problem('unavailable', `database: ${database}, temporal: ${temporalCheck}`);
        }
        return { body: { status: 'ready', database, temporal: temporalCheck } };
      },
    }),
    route({
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      roles: ['admin'],
      summary: 'Prometheus metrics',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
      handler: async () => ({
        raw: { contentType: metrics.registry.contentType, data: await metrics.registry.metrics() },
      }),
    }),
  ];
}
