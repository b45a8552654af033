// The process-model depot for administrators: import BPMN (one or several files) as a new version with
// its report, list and inspect versions, fetch the diagram, activate a version for new cases.
import { route, type RouteSpec } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { throwProblem } from '../toProblem';
import { arsSchema, leikaIdSchema, problemSchema } from '../schemas/common';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import type { ProcessModel } from '../../workflows/bpmn/model';
import {
  activateProcessModel,
  getProcessModel,
  importProcessModel,
  listProcessModels,
} from '../../bpmn/depot';

const BASE = '/api/v1/admin/process-models';

interface ImportBody {
  leikaId: string;
  ars?: string;
  name?: string;
  guided?: boolean;
  files: { filename: string; xml: string }[];
}

const importSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['leikaId', 'files'],
  properties: {
    leikaId: leikaIdSchema,
    ars: {
      ...arsSchema,
      description: 'Set for a municipality-specific model; omit for the service-wide one',
    },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    guided: {
      type: 'boolean',
      description:
        "Guided mode: untyped tasks become caseworker steps, gateways without conditions the caseworker's choice, message and timer events without details confirmations (docs/bpmn-interpreter.md)",
    },
    files: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      description: 'BPMN 2.0 XML files; the first holds the main process',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['filename', 'xml'],
        properties: {
          filename: { type: 'string', pattern: '^[^/\\\\\\u0000]{1,200}$' },
          xml: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

const activateSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ars: { ...arsSchema, description: 'Activate for this municipality only; omit for the whole service' },
  },
} as const;

/** What a caseworker-facing tool needs to know about a compiled model, without the whole graph. */
function compiledSummary(model: ProcessModel | null) {
  if (!model) return null;
  return {
    mainProcessId: model.mainProcessId,
    processes: Object.values(model.processes).map((p) => ({
      id: p.id,
      name: p.name,
      elements: Object.keys(p.elements).length,
    })),
  };
}

/** Admin routes of the process-model depot. */
export function processModelRoutes({ pool }: AppDeps): RouteSpec<never>[] {
  return [
    route<ImportBody>({
      method: 'post',
      path: BASE,
      tag: 'process-models',
      roles: ['admin'],
      body: importSchema,
      summary: 'Import BPMN files as a new immutable version; answers the validation report',
      responses: {
        201: { description: 'Stored (executable or not, see report.executable)' },
        422: {
          description: 'Unreadable or unsafe XML, unknown service or municipality',
          schema: problemSchema,
        },
      },
      handler: async ({ body, principal }) => {
        const { model, report } = await importProcessModel(pool, {
          leikaId: body.leikaId,
          ars: body.ars ?? null,
          name: body.name,
          files: body.files,
          createdBy: principal.label,
          knownTaskTypes: HUB_TASK_TYPES,
          guided: body.guided === true,
        }).catch(throwProblem);
        return { status: 201, headers: { location: `${BASE}/${model.id}` }, body: { ...model, report } };
      },
    }),
    route({
      method: 'get',
      path: BASE,
      tag: 'process-models',
      roles: ['admin'],
      summary: 'List versions, newest first',
      query: {
        leikaId: { type: 'string', description: 'only this service' },
        ars: { type: 'string', description: 'only this municipality' },
      },
      responses: { 200: { description: 'Versions with the scopes they are active for' } },
      handler: async ({ query }) => ({
        body: { items: await listProcessModels(pool, { leikaId: query.leikaId, ars: query.ars }) },
      }),
    }),
    route({
      method: 'get',
      path: `${BASE}/:id`,
      tag: 'process-models',
      roles: ['admin'],
      summary: 'One version: report and compiled summary',
      responses: { 200: { description: 'Version' }, 404: { description: 'Unknown', schema: problemSchema } },
      handler: async ({ params }) => {
        const model = await getProcessModel(pool, params.id!);
        if (!model) throw new Problem('not-found', `No process model ${params.id}.`);
        // The XML stays out of the JSON answer; /diagram serves it.
        const answer: Record<string, unknown> = { ...model, compiled: compiledSummary(model.compiled) };
        delete answer.files;
        return { body: answer };
      },
    }),
    route({
      method: 'get',
      path: `${BASE}/:id/diagram`,
      tag: 'process-models',
      roles: ['admin'],
      summary: 'The main BPMN file as imported',
      responses: {
        200: { description: 'BPMN 2.0 XML', contentType: 'application/xml' },
        404: { description: 'Unknown', schema: problemSchema },
      },
      handler: async ({ params }) => {
        const model = await getProcessModel(pool, params.id!);
        if (!model) throw new Problem('not-found', `No process model ${params.id}.`);
        return { raw: { contentType: 'application/xml; charset=utf-8', data: model.files[model.mainFile]! } };
      },
    }),
    route<{ ars?: string }>({
      method: 'post',
      path: `${BASE}/:id/activate`,
      tag: 'process-models',
      roles: ['admin'],
      body: activateSchema,
      summary: 'Activate a version for new cases (running cases keep their version)',
      responses: {
        200: { description: 'Activated' },
        404: { description: 'Unknown', schema: problemSchema },
        409: { description: 'Not executable', schema: problemSchema },
        422: { description: 'Wrong scope', schema: problemSchema },
      },
      handler: async ({ params, body, principal }) => ({
        body: await activateProcessModel(pool, params.id!, {
          ars: body?.ars ?? null,
          activatedBy: principal.label,
        }).catch(throwProblem),
      }),
    }),
  ] as RouteSpec<never>[];
}
