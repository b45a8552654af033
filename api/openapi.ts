// The OpenAPI 3.1 document is generated from the route table, so it cannot drift from validation.
import type { RouteSpec } from './route';
import { problemSchema } from './schemas/common';

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

export function buildOpenApi(routes: RouteSpec<never>[]): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = Object.entries(r.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: false,
      description: q.description,
      schema: { type: q.type },
    }));
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      const contentType =
        res.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
      responses[status] = {
        description: res.description,
        ...(res.schema ? { content: { [contentType]: { schema: res.schema } } } : {}),
      };
    }
    if (r.roles !== 'public')
      responses['401'] = {
        description: 'Missing or unknown token',
        content: { 'application/problem+json': { schema: problemSchema } },
      };
    (paths[toOpenApiPath(r.path)] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.roles === 'public' ? { security: [] } : { 'x-roles': r.roles }),
      parameters: [...params, ...query],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Drehscheibe API',
      version: '1.0.0',
      description: 'Integration hub for municipal online services.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
