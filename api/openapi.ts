// The OpenAPI 3.1 document is generated from the route table, so it cannot drift from validation.
import type { RouteSpec } from './route';
import { problemSchema } from './schemas/common';
import { MAX_PARAM_LENGTH } from './requestGuards';

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

/**
 * The error statuses a route can answer, derived from what app.ts does before and around the handler:
 * every route checks its parameters (400); token routes authenticate (401) and check the role (403);
 * routes with path parameters look something up (404); routes with a body read it (413, 415) and
 * validate it (422). What only a handler knows (409, a callback's 403) the route declares itself.
 */
export function derivedErrorStatuses(r: RouteSpec<never>): Record<number, string> {
  const statuses: Record<number, string> = {
    400: 'Malformed request: a path or query parameter, or a body that is not JSON or nests too deeply',
  };
  if (r.roles !== 'public') {
    statuses[401] = 'Missing or unknown token';
    statuses[403] = 'The token may not use this endpoint';
  }
  if (/:[A-Za-z]/.test(r.path)) statuses[404] = 'Not found, or not visible to this token';
  if (r.body) {
    statuses[413] = 'Body too large';
    statuses[415] = 'Body is not application/json (UTF-8)';
    statuses[422] = 'Body does not match the schema';
  }
  return statuses;
}

export function buildOpenApi(routes: RouteSpec<never>[]): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', minLength: 1, maxLength: MAX_PARAM_LENGTH },
    }));
    const query = Object.entries(r.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: false,
      description: q.description,
      schema: {
        type: q.type,
        ...(q.type === 'integer' ? { minimum: q.minimum ?? 0, maximum: q.maximum ?? 1_000_000 } : {}),
        ...(q.type === 'string' ? { maxLength: MAX_PARAM_LENGTH } : {}),
        ...(q.format ? { format: q.format } : {}),
        ...(q.enum ? { enum: q.enum } : {}),
      },
    }));
    const headers = Object.entries(r.headers ?? {}).map(([name, h]) => ({
      name,
      in: 'header',
      required: false,
      description: h.description,
      schema: {
        type: 'string',
        ...(h.pattern ? { pattern: h.pattern } : {}),
        ...(h.maxLength ? { maxLength: h.maxLength } : {}),
      },
    }));
    const responses: Record<string, unknown> = {};
    const problem = { content: { 'application/problem+json': { schema: problemSchema } } };
    for (const [status, description] of Object.entries(derivedErrorStatuses(r)))
      responses[status] = { description, ...problem };
    for (const [status, res] of Object.entries(r.responses)) {
      const contentType =
        res.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
      responses[status] = {
        description: res.description,
        ...(res.schema
          ? { content: { [contentType]: { schema: res.schema } } }
          : Number(status) >= 400
            ? problem
            : {}),
      };
    }
    (paths[toOpenApiPath(r.path)] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.roles === 'public' ? { security: [] } : { 'x-roles': r.roles }),
      parameters: [...params, ...query, ...headers],
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
