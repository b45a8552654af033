// Given the route table, when the OpenAPI document is built, then every route lists every status the
// request pipeline can answer for it, each with a problem document.
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../api/app';
import { buildOpenApi } from '../../api/openapi';
import type { AppDeps } from '../../api/deps';
import { loadConfig } from '../../platform/config';
import { createMetrics } from '../../api/metrics';

const routes = allRoutes({ config: loadConfig({}), metrics: createMetrics() } as unknown as AppDeps);
const doc = buildOpenApi(routes) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

describe('OpenAPI statuses derived from the route table', () => {
  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_name, r) => {
    const op = doc.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]![r.method]!;
    const expected = ['400'];
    if (r.roles !== 'public') expected.push('401', '403');
    if (r.path.includes('/:')) expected.push('404');
    if (r.body) expected.push('413', '415', '422');
    for (const status of expected) {
      expect(op.responses, `${status} missing`).toHaveProperty(status);
      expect(Object.keys(op.responses[status]!.content ?? {})).toContain('application/problem+json');
    }
    for (const status of Object.keys(r.responses)) expect(op.responses).toHaveProperty(status);
  });

  it('declares 409 where a handler answers a conflict, and 403 for the signed callback', () => {
    const op = (path: string, method: string) => doc.paths[path]![method]!.responses;
    expect(op('/api/v1/submissions', 'post')).toHaveProperty('409');
    expect(op('/api/v1/callbacks/payments/{applicationId}', 'post')).toHaveProperty('403');
    expect(op('/api/v1/callbacks/payments/{applicationId}', 'post')).toHaveProperty('409');
    expect(op('/api/v1/callbacks/payments/{applicationId}', 'post')).not.toHaveProperty('401');
  });
});
