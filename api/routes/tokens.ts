// Token administration: portals and caseworkers get their tokens here (production has no demo tokens).
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import type { Pool } from '../../db/pool';
import { issueToken, listTokens, revokeToken, type TokenGrant } from '../../db/tokens';
import { scopeOf } from '../municipalScope';

const officeId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' } as const;

const grantSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'label'],
  properties: {
    role: { enum: ['portal', 'caseworker', 'municipal-admin', 'admin'] },
    label: { type: 'string', minLength: 1, maxLength: 200 },
    ars: {
      type: 'string',
      pattern: '^[0-9]{12}$',
      description: "municipal-admin: its municipality; caseworker: optional, checked against the offices'",
    },
    officeId: { ...officeId, description: 'caseworker: one office (or use officeIds)' },
    officeIds: { type: 'array', items: officeId, minItems: 1, maxItems: 50, uniqueItems: true },
  },
} as const;

type GrantBody = Omit<TokenGrant, 'officeIds'> & { officeId?: string; officeIds?: string[] };

/** Checks a grant against the configuration and the issuer's municipality; returns what is stored. */
async function checkGrant(pool: Pool, body: GrantBody, scope: string | undefined): Promise<TokenGrant> {
  if (scope !== undefined && (body.role === 'portal' || body.role === 'admin'))
    throw new Problem(
      'forbidden',
      `A municipal administrator issues caseworker and municipal-admin tokens only.`,
    );
  if (body.role === 'municipal-admin') {
    if (!body.ars) throw new Problem('validation-failed', 'A municipal-admin token needs ars.');
    if (scope !== undefined && body.ars !== scope)
      throw new Problem('forbidden', `Your token administers municipality ${scope}, not ${body.ars}.`);
    const m = await pool.query('SELECT 1 FROM municipalities WHERE ars = $1', [body.ars]);
    if (!m.rowCount) throw new Problem('validation-failed', `No municipality ${body.ars}.`);
    return { role: body.role, label: body.label, ars: body.ars };
  }
  // An operator token with a municipality would silently be an operator's: say what was meant instead.
  if (body.role !== 'caseworker' && body.ars)
    throw new Problem(
      'validation-failed',
      `A ${body.role} token has no municipality; for one municipality's administrator use role municipal-admin.`,
    );
  if (body.role !== 'caseworker') return { role: body.role, label: body.label };
  const officeIds = [...new Set([...(body.officeIds ?? []), ...(body.officeId ? [body.officeId] : [])])];
  if (officeIds.length === 0)
    throw new Problem('validation-failed', 'A caseworker token needs officeIds (or officeId).');
  const offices = await pool.query('SELECT id, ars FROM offices WHERE id = ANY($1)', [officeIds]);
  const arsOf = new Map(offices.rows.map((o) => [o.id as string, (o.ars as string).trim()]));
  for (const id of officeIds) {
    const ars = arsOf.get(id);
    // The same answer whether the office is missing or another municipality's: ids cannot be probed.
    if (!ars || (scope !== undefined && ars !== scope))
      throw new Problem(
        'validation-failed',
        `Office ${id} does not exist${scope ? ` in your municipality ${scope}` : ''}.`,
      );
    if (body.ars && ars !== body.ars)
      throw new Problem('validation-failed', `Office ${id} does not exist in municipality ${body.ars}.`);
  }
  return { role: 'caseworker', label: body.label, officeIds };
}

export function tokenRoutes({ pool }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/tokens',
      tag: 'configuration',
      roles: ['admin', 'municipal-admin'],
      summary:
        "Tokens of portals, caseworkers and admins, never the secret (a municipal administrator's: its own)",
      responses: { 200: { description: 'Tokens' } },
      handler: async ({ principal }) => ({ body: { items: await listTokens(pool, scopeOf(principal)) } }),
    }),
    route<GrantBody>({
      method: 'post',
      path: '/api/v1/admin/tokens',
      tag: 'configuration',
      roles: ['admin', 'municipal-admin'],
      body: grantSchema,
      summary:
        'Issue a token; the answer is the only place the token is shown (municipal administrators: for their offices)',
      responses: {
        201: { description: 'Issued' },
        403: { description: "Outside the issuer's municipality", schema: problemSchema },
        422: { description: 'Invalid grant', schema: problemSchema },
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        body: await issueToken(pool, await checkGrant(pool, body, scopeOf(principal)), principal.label),
      }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/admin/tokens/:id',
      tag: 'configuration',
      roles: ['admin', 'municipal-admin'],
      summary: "Revoke a token (a municipal administrator: one of its municipality's)",
      responses: { 204: { description: 'Revoked' }, 404: { description: 'Unknown', schema: problemSchema } },
      handler: async ({ params, principal }) => {
        if (!(await revokeToken(pool, params.id!, scopeOf(principal), principal.label)))
          throw new Problem('not-found', `No token ${params.id}.`);
        return { status: 204 };
      },
    }),
  ];
}
