// The configuration portal: audited CRUD for each resource in db/resources.ts.
import { route, type RouteSpec } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { throwProblem } from '../toProblem';
import { problemResponse } from '../schemas/common';
import {
  createRow,
  deleteRow,
  getRow,
  listRows,
  updateRow,
  type Resource,
  type Row,
} from '../../db/configuration';
import { RESOURCES } from '../../db/resources';
import { fileReferencePatternProblems } from '../../db/fileReferences';
import {
  assertBindingReferences,
  assertWritable,
  municipalField,
  resourceRoles,
  rowVisible,
  scopeOf,
} from '../municipalScope';

function schemas(resource: Resource) {
  const properties = Object.fromEntries(Object.entries(resource.fields).map(([name, f]) => [name, f.schema]));
  const required = Object.entries(resource.fields)
    .filter(([, f]) => f.required)
    .map(([name]) => name);
  const create = { type: 'object', additionalProperties: false, required, properties };
  const patchProps = { ...properties };
  delete patchProps[resource.key.field];
  const patch = { type: 'object', additionalProperties: false, minProperties: 1, properties: patchProps };
  return { create, patch };
}

function resourceRoutes({ pool }: AppDeps, resource: Resource): RouteSpec<never>[] {
  const base = `/api/v1/admin/${resource.name}`;
  const { create, patch } = schemas(resource);
  const filters = Object.fromEntries(
    Object.entries(resource.fields)
      .filter(([, f]) => f.filter)
      .map(([name]) => [name, { type: 'string' as const, description: `filter by ${name}` }]),
  );
  const notFound = (id: string) => new Problem('not-found', `No ${resource.name} record ${id}.`);
  const field = municipalField(resource);
  const column = resource.municipal && resource.municipal !== 'read' ? resource.municipal.column : undefined;
  /** The record as the caller may see it; another municipality's record is "not found". */
  const visibleRow = async (id: string, ars: string | undefined) => {
    const row = await getRow(pool, resource, id);
    if (!row || !rowVisible(resource, row, ars)) throw notFound(id);
    return row;
  };
  const checkReferences = (row: Row, ars: string | undefined) => {
    if (resource.name === 'offices') assertFileReferencePattern(row.fileReferencePattern);
    return resource.name === 'bindings' ? assertBindingReferences(pool, row, ars) : Promise.resolve();
  };
  return [
    route({
      method: 'get',
      path: base,
      tag: 'configuration',
      roles: resourceRoles(resource, false),
      summary: `List ${resource.name}`,
      query: filters,
      responses: { 200: { description: 'Records (secrets omitted)' } },
      handler: async ({ query, principal }) => {
        const ars = scopeOf(principal);
        const scope = ars !== undefined && column ? { column, ars } : undefined;
        return { body: { items: await listRows(pool, resource, query, scope) } };
      },
    }),
    route({
      method: 'get',
      path: `${base}/:id`,
      tag: 'configuration',
      roles: resourceRoles(resource, false),
      summary: `Get one of ${resource.name}`,
      responses: {
        200: { description: 'Record (secrets omitted)' },
        404: problemResponse('Unknown'),
      },
      handler: async ({ params, principal }) => ({ body: await visibleRow(params.id!, scopeOf(principal)) }),
    }),
    route<Row>({
      method: 'post',
      path: base,
      tag: 'configuration',
      roles: resourceRoles(resource, true),
      summary: `Create one of ${resource.name} (audited)`,
      body: create,
      responses: {
        201: { description: 'Created' },
        403: problemResponse("Outside the caller's municipality"),
        409: problemResponse('Exists'),
        422: problemResponse('Invalid'),
      },
      handler: async ({ body, principal }) => {
        const ars = scopeOf(principal);
        assertWritable(resource, field ? { [field]: null, ...body } : body, ars);
        await checkReferences(body, ars);
        return {
          status: 201,
          body: await createRow(pool, resource, principal.label, body).catch(throwProblem),
        };
      },
    }),
    route<Row>({
      method: 'patch',
      path: `${base}/:id`,
      tag: 'configuration',
      roles: resourceRoles(resource, true),
      summary: `Change one of ${resource.name} (audited)`,
      body: patch,
      responses: {
        200: { description: 'Changed' },
        403: problemResponse("Shared, or moved out of the caller's municipality"),
        404: problemResponse('Unknown'),
        409: problemResponse('The change collides with an existing record'),
        422: problemResponse('Invalid'),
      },
      handler: async ({ body, params, principal }) => {
        const ars = scopeOf(principal);
        const current = await visibleRow(params.id!, ars);
        assertWritable(resource, current, ars);
        assertWritable(resource, { ...current, ...body }, ars);
        await checkReferences({ ...current, ...body }, ars);
        const row = await updateRow(pool, resource, principal.label, params.id!, body).catch(throwProblem);
        if (!row) throw notFound(params.id!);
        return { body: row };
      },
    }),
    route({
      method: 'delete',
      path: `${base}/:id`,
      tag: 'configuration',
      roles: resourceRoles(resource, true),
      summary: `Delete one of ${resource.name} (audited)`,
      responses: {
        204: { description: 'Deleted' },
        403: problemResponse('Shared by all municipalities'),
        404: problemResponse('Unknown'),
        409: problemResponse('Still referenced'),
      },
      handler: async ({ params, principal }) => {
        const ars = scopeOf(principal);
        assertWritable(resource, await visibleRow(params.id!, ars), ars);
        const deleted = await deleteRow(pool, resource, principal.label, params.id!).catch(throwProblem);
        if (!deleted) throw notFound(params.id!);
        return { status: 204 };
      },
    }),
  ] as RouteSpec<never>[];
}

/** An office's file reference pattern must render unique references (absent: the default pattern applies). */
function assertFileReferencePattern(pattern: unknown): void {
  if (pattern === undefined) return;
  const problems = fileReferencePatternProblems(pattern);
  if (problems.length > 0)
    throw new Problem(
      'validation-failed',
      `body.fileReferencePattern ${problems.join('; ')}`,
      problems.map((message) => ({ path: 'body.fileReferencePattern', message })),
    );
}

// Token audit entries carry the ars of a token wholly inside one municipality (db/tokens.ts).
const SCOPED_ENTITIES = [...RESOURCES.filter((r) => municipalField(r)).map((r) => r.name), 'tokens'];

export function configurationRoutes(deps: AppDeps): RouteSpec<never>[] {
  const audit = route({
    method: 'get',
    path: '/api/v1/admin/audit',
    tag: 'configuration',
    roles: ['admin', 'municipal-admin'],
    summary: "Audit log of configuration changes (a municipal administrator's: its municipality's records)",
    query: {
      entity: { type: 'string', description: 'resource name' },
      entityId: { type: 'string', description: 'record key' },
    },
    responses: { 200: { description: 'Entries, newest first' } },
    handler: async ({ query, principal }) => {
      // Municipality-scoped records carry their ars in before/after (field names as in the API).
      const result = await deps.pool.query(
        `SELECT id, at, actor, entity, entity_id AS "entityId", action, before, after FROM audit_log
          WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2)
            AND ($3::text IS NULL OR (entity = ANY($4) AND (before->>'ars' = $3 OR after->>'ars' = $3)))
          ORDER BY id DESC LIMIT 500`,
        [query.entity ?? null, query.entityId ?? null, scopeOf(principal) ?? null, SCOPED_ENTITIES],
      );
      return { body: { items: result.rows } };
    },
  });
  return [...RESOURCES.flatMap((r) => resourceRoutes(deps, r)), audit as RouteSpec<never>];
}
