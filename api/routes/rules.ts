// The rule depot's admin API: upload (compiled and checked), list, inspect, activate, roll back, test.
import { route, type RouteSpec } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { leikaIdSchema, problemSchema } from '../schemas/common';
import {
  activateRule,
  getRule,
  listRules,
  rollbackRule,
  ruleSef,
  RuleDepotError,
  uploadRule,
  type RuleKey,
} from '../../rules/depot';
import { MESSAGE_TYPES } from '../../rules/envelope';
import { RuleCompileError, RuleRunError, RuleUnsafeError } from '../../rules/ruleErrors';
import { assertSafeXml, UnsafeXmlError } from '../../rules/safeXml';
import { sampleEnvelope } from '../../rules/samples';
import { runRule } from '../../rules/transform';
import { validateOutput } from '../../rules/validateOutput';
import { SCHEMA_NAMES } from '../../rules/xsd';

const BASE = '/api/v1/admin/rules';

const keyProperties = {
  leikaId: leikaIdSchema,
  messageType: {
    enum: [...MESSAGE_TYPES],
    description: 'Which message of the application the rule transforms',
  },
  targetFormat: {
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
    description:
      "The format a system product takes, e.g. 'xgewerbeanzeige', 'xdomea', 'json', 'mail-summary'",
  },
} as const;

const uploadSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['leikaId', 'messageType', 'targetFormat', 'xslt'],
  properties: {
    ...keyProperties,
    xslt: {
      type: 'string',
      minLength: 1,
      maxLength: 1_000_000,
      description: 'XSLT 3.0 stylesheet over the application envelope (docs/rules.md)',
    },
    note: { type: 'string', maxLength: 1000 },
  },
} as const;

const rollbackSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['leikaId', 'messageType', 'targetFormat'],
  properties: keyProperties,
} as const;

const testSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sample'],
  properties: {
    sample: {
      oneOf: [
        { type: 'object', description: 'Form data; wrapped in a sample envelope of a demo municipality' },
        { type: 'string', maxLength: 5_000_000, description: 'A complete application envelope (XML)' },
      ],
    },
    validate: {
      type: 'string',
      description: `Check the output against ${SCHEMA_NAMES.join(', ')}, or a target format (json, mail-summary); default: the rule's target format`,
    },
  },
} as const;

const versionSchema = {
  type: 'object',
  required: ['id', 'leikaId', 'messageType', 'targetFormat', 'version', 'sha256', 'active'],
  properties: {
    id: { type: 'string' },
    leikaId: { type: 'string' },
    messageType: { type: 'string' },
    targetFormat: { type: 'string' },
    version: { type: 'integer' },
    sha256: { type: 'string' },
    createdAt: { type: 'string' },
    createdBy: { type: 'string' },
    note: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
} as const;

/** Compile and safety refusals become 422 problems that say where and what to fix. */
function asProblem(error: unknown): never {
  if (error instanceof RuleCompileError) {
    const where = error.line ? `line ${error.line}${error.column ? `, column ${error.column}` : ''}` : 'xslt';
    throw new Problem('rule-invalid', error.message, [
      { path: `body.xslt (${where})`, message: error.message },
    ]);
  }
  if (error instanceof RuleUnsafeError) {
    throw new Problem('rule-unsafe', error.message, [
      {
        path: `body.xslt${error.line ? ` (line ${error.line})` : ''}`,
        message: `forbidden: ${error.construct}`,
      },
    ]);
  }
  if (error instanceof RuleDepotError) {
    throw new Problem(error.code === 'not-found' ? 'not-found' : 'conflict', error.message);
  }
  const pg = error as { code?: string; detail?: string };
  if (pg.code === '23503')
    throw new Problem(
      'unknown-service',
      `The service is not in the catalogue (${pg.detail ?? 'unknown LeiKa key'}); create it under /api/v1/admin/services first.`,
    );
  throw error;
}

export function ruleRoutes({ pool }: AppDeps): RouteSpec<never>[] {
  return [
    route<RuleKey & { xslt: string; note?: string }>({
      method: 'post',
      path: BASE,
      tag: 'rules',
      roles: ['admin'],
      body: uploadSchema,
      summary: 'Upload a new version of an integration rule (compiled and checked; not yet active)',
      responses: {
        201: { description: 'Stored as the next version of its key', schema: versionSchema },
        422: {
          description: 'rule-invalid (with line and column), rule-unsafe, or unknown-service',
          schema: problemSchema,
        },
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        body: await uploadRule(pool, { ...body, createdBy: principal.label }).catch(asProblem),
      }),
    }),
    route({
      method: 'get',
      path: BASE,
      tag: 'rules',
      roles: ['admin'],
      summary: 'List rule versions, newest first per key',
      query: { leikaId: { type: 'string', description: 'only the rules of this service' } },
      responses: { 200: { description: 'Versions with their active flag' } },
      handler: async ({ query }) => ({ body: { items: await listRules(pool, { leikaId: query.leikaId }) } }),
    }),
    route({
      method: 'get',
      path: `${BASE}/:id`,
      tag: 'rules',
      roles: ['admin'],
      summary: 'One rule version with its XSLT and the activation history of its key',
      responses: {
        200: { description: 'The version' },
        404: { description: 'Unknown id', schema: problemSchema },
      },
      handler: async ({ params }) => {
        const rule = await getRule(pool, params.id!);
        if (!rule) throw new Problem('not-found', `No rule version ${params.id}; list them under ${BASE}.`);
        return { body: rule };
      },
    }),
    route({
      method: 'post',
      path: `${BASE}/:id/activate`,
      tag: 'rules',
      roles: ['admin'],
      summary: 'Make this version the active one of its key',
      responses: {
        200: { description: 'Now active', schema: versionSchema },
        404: { description: 'Unknown id', schema: problemSchema },
      },
      handler: async ({ params, principal }) => ({
        body: await activateRule(pool, params.id!, principal.label).catch(asProblem),
      }),
    }),
    route<RuleKey>({
      method: 'post',
      path: `${BASE}/rollback`,
      tag: 'rules',
      roles: ['admin'],
      body: rollbackSchema,
      summary: 'Re-activate the version that was active before the current one',
      responses: {
        200: { description: 'The version now active again', schema: versionSchema },
        409: { description: 'Nothing to roll back to', schema: problemSchema },
      },
      handler: async ({ body, principal }) => ({
        body: await rollbackRule(pool, body, principal.label).catch(asProblem),
      }),
    }),
    route<{ sample: Record<string, unknown> | string; validate?: string }>({
      method: 'post',
      path: `${BASE}/:id/test`,
      tag: 'rules',
      roles: ['admin'],
      body: testSchema,
      summary: 'Run a version (active or not) on a sample and validate its output',
      responses: {
        200: { description: '{ ok, output, validation } or, when the rule fails, { ok: false, error }' },
        404: { description: 'Unknown id', schema: problemSchema },
        422: { description: 'The sample envelope is unsafe XML', schema: problemSchema },
      },
      handler: async ({ params, body }) => {
        const rule = await getRule(pool, params.id!);
        const sef = rule && (await ruleSef(pool, rule.id));
        if (!rule || !sef)
          throw new Problem('not-found', `No rule version ${params.id}; list them under ${BASE}.`);
        const envelope =
          typeof body.sample === 'string'
            ? body.sample
            : sampleEnvelope({ leikaId: rule.leikaId, messageType: rule.messageType, formData: body.sample });
        try {
          assertSafeXml(envelope);
        } catch (error) {
          if (error instanceof UnsafeXmlError) throw new Problem('unsafe-xml', error.message);
          throw error;
        }
        let output: string;
        try {
          output = await runRule({ id: rule.id, sef }, envelope);
        } catch (error) {
          if (error instanceof RuleRunError)
            return {
              body: { ok: false, ruleId: rule.id, error: { code: error.code, message: error.message } },
            };
          throw error;
        }
        const validation = await validateOutput(body.validate ?? rule.targetFormat, output);
        return { body: { ok: validation.valid, ruleId: rule.id, output, validation } };
      },
    }),
  ] as RouteSpec<never>[];
}
