// Incidents: cases (and BPMN office processes) paused at a step; administrators list, retry and resolve them.
import { Gauge, type Registry } from 'prom-client';
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { asCaseAction } from '../caseAccess';
import type { Principal } from '../auth';
import { scopeOf } from '../municipalScope';
import type { Pool } from '../../db/pool';
import { closeIncident, countOpenIncidents, getIncident, listIncidents } from '../../db/incidents';
import { appendProtocol } from '../../db/protocol';
import {
  incidentActionUpdate,
  MAX_CLOSE_MESSAGE,
  RESOLUTION_OUTCOMES,
  type IncidentAction,
  type IncidentResolution,
} from '../../workflows/incidents';
import { SERVICE_QUERY, listedMunicipality } from './adminFilters';

const resolveSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: {
      enum: RESOLUTION_OUTCOMES,
      description:
        'skip: leave the step out (where the step allows it); continue: go on with `value` as the step result; close: close the case, `message` goes to the applicant; error: throw BPMN error `code` at the element (BPMN incidents)',
    },
    value: { type: 'object', description: 'outcome continue: the step result, e.g. {"decision":"approved"}' },
    message: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_CLOSE_MESSAGE,
      pattern: '\\S',
      description: 'outcome close: German text for the applicant',
    },
    status: {
      enum: ['COMPLETED', 'REJECTED'],
      description: 'outcome close: final status (default COMPLETED)',
    },
    code: { type: 'string', minLength: 1, maxLength: 200, description: 'outcome error: the BPMN error code' },
  },
} as const;

interface ResolveBody {
  outcome: IncidentResolution['outcome'];
  value?: Record<string, unknown>;
  message?: string;
  status?: 'COMPLETED' | 'REJECTED';
  code?: string;
}

function resolutionOf(body: ResolveBody): IncidentResolution {
  const need = (field: keyof ResolveBody) => {
    if (body[field] === undefined)
      throw new Problem('validation-failed', `body.${field} is required for outcome "${body.outcome}".`, [
        { path: `body.${field}`, message: `required for outcome ${body.outcome}` },
      ]);
  };
  switch (body.outcome) {
    case 'skip':
      return { outcome: 'skip' };
    case 'continue':
      need('value');
      return { outcome: 'continue', value: body.value! };
    case 'close':
      need('message');
      return { outcome: 'close', message: body.message!, ...(body.status ? { status: body.status } : {}) };
    case 'error':
      need('code');
      return { outcome: 'error', code: body.code!, ...(body.message ? { message: body.message } : {}) };
  }
}

/** drehscheibe_incidents_open{municipality,office,service,step}, read from the table at each scrape. */
function registerIncidentGauge(registry: Registry, pool: Pool): void {
  const name = 'drehscheibe_incidents_open';
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help: 'Open incidents: cases paused at a step until an administrator retries or resolves them',
    labelNames: ['municipality', 'office', 'service', 'step'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countOpenIncidents(pool).catch(() => []))
        this.set(
          { municipality: row.municipality, office: row.office, service: row.service, step: row.step },
          row.count,
        );
    },
  });
}

export function incidentRoutes({ pool, temporal, metrics }: AppDeps) {
  registerIncidentGauge(metrics.registry, pool);

  /** An incident as the caller may see it: a municipal administrator only its municipality's (404 otherwise). */
  async function visibleIncident(id: string, principal: Principal) {
    const incident = await getIncident(pool, id);
    const scope = scopeOf(principal);
    if (!incident || (scope !== undefined && incident.municipality !== scope))
      throw new Problem('not-found', `No incident ${id}.`);
    return incident;
  }

  async function act(id: string, action: IncidentAction, principal: Principal) {
    const incident = await visibleIncident(id, principal);
    if (incident.state !== 'open')
      throw new Problem(
        'conflict',
        `Incident ${id} is ${incident.state}; only open incidents can be acted on.`,
      );
    await asCaseAction(`Incident ${action.action}`, () =>
      temporal.workflow
        .getHandle(incident.workflowId)
        .executeUpdate(incidentActionUpdate, { args: [action] }),
    );
    // The workflow records the same; whoever is first closes the row, the other changes nothing.
    const state = action.action === 'retry' ? 'retried' : 'resolved';
    const outcome = action.action === 'retry' ? { outcome: 'retry' } : action.resolution;
    if (await closeIncident(pool, id, state, outcome, action.by))
      await appendProtocol(pool, {
        applicationId: incident.applicationId,
        ars: incident.municipality,
        leikaId: incident.service,
        step: 'admin',
        outcome: 'ok',
        detail: { incident: id, state, outcome: outcome.outcome },
      });
    return { status: 202, body: { incidentId: id, state, outcome } };
  }

  return [
    route({
      method: 'get',
      path: '/api/v1/admin/incidents',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      summary: 'Incidents: cases paused at a step (filter by municipality, office, service, step, state)',
      query: {
        municipality: { type: 'string', description: 'ARS of the handling municipality' },
        office: { type: 'string', description: 'office id' },
        service: SERVICE_QUERY,
        step: {
          type: 'string',
          description: 'route, notice, process, deliver-dms, ... or a BPMN element id',
        },
        state: { type: 'string', description: 'open, retried, resolved (default: all)' },
        applicationId: { type: 'string', description: 'one case' },
        limit: { type: 'integer', description: 'max rows (default 500)' },
      },
      responses: { 200: { description: 'Incidents, oldest first' } },
      handler: async ({ query, principal }) => ({
        body: {
          items: await listIncidents(pool, {
            // A municipal administrator sees its municipality's incidents; asking for another finds none.
            municipality: listedMunicipality(principal, query),
            office: query.office,
            service: query.service,
            step: query.step,
            state: query.state,
            applicationId: query.applicationId,
            limit: query.limit ? Number(query.limit) : undefined,
          }),
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/incidents/:id',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      summary: 'One incident (ids contain slashes: URL-encode them)',
      responses: {
        200: { description: 'Incident' },
        404: { description: 'Unknown', schema: problemSchema },
      },
      handler: async ({ params, principal }) => ({ body: await visibleIncident(params.id!, principal) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/incidents/:id/retry',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      summary: 'Run the step of an open incident again (after fixing configuration or data)',
      responses: {
        202: { description: 'Retrying; a new incident opens if the step fails again' },
        404: { description: 'Unknown', schema: problemSchema },
        409: { description: 'Not open, or refused by the case', schema: problemSchema },
      },
      handler: async ({ params, principal }) =>
        act(params.id!, { incidentId: params.id!, action: 'retry', by: principal.label }, principal),
    }),
    route<ResolveBody>({
      method: 'post',
      path: '/api/v1/admin/incidents/:id/resolve',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      body: resolveSchema,
      summary: 'Resolve an open incident with an explicit outcome (skip, continue, close, error)',
      responses: {
        202: { description: 'Resolved; the case goes on (or is closed)' },
        404: { description: 'Unknown', schema: problemSchema },
        409: { description: 'Not open, or the outcome is not possible at this step', schema: problemSchema },
        422: { description: 'The outcome lacks its field', schema: problemSchema },
      },
      handler: async ({ params, principal, body }) =>
        act(
          params.id!,
          {
            incidentId: params.id!,
            action: 'resolve',
            by: principal.label,
            resolution: resolutionOf(body),
          },
          principal,
        ),
    }),
  ];
}
