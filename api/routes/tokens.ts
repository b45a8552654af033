// Token administration: portals and caseworkers get their tokens here (production has no demo tokens).
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { issueToken, listTokens, revokeToken, type TokenGrant } from '../../db/tokens';

const grantSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'label'],
  properties: {
    role: { enum: ['portal', 'caseworker', 'admin'] },
    label: { type: 'string', minLength: 1, maxLength: 200 },
    ars: { type: 'string', pattern: '^[0-9]{12}$' },
    officeId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' },
  },
} as const;

export function tokenRoutes({ pool }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/tokens',
      tag: 'configuration',
      roles: ['admin'],
      summary: 'Tokens of portals, caseworkers and admins (never the secret)',
      responses: { 200: { description: 'Tokens' } },
      handler: async () => ({ body: { items: await listTokens(pool) } }),
    }),
    route<TokenGrant>({
      method: 'post',
      path: '/api/v1/admin/tokens',
      tag: 'configuration',
      roles: ['admin'],
      body: grantSchema,
      summary: 'Issue a token; the answer is the only place the token is shown',
      responses: {
        201: { description: 'Issued' },
        422: { description: 'Invalid grant', schema: problemSchema },
      },
      handler: async ({ body }) => {
        if (body.role === 'caseworker') {
          if (!body.ars || !body.officeId)
            throw new Problem('validation-failed', 'A caseworker token needs ars and officeId.');
          const office = await pool.query('SELECT ars FROM offices WHERE id = $1', [body.officeId]);
          if (office.rows[0]?.ars !== body.ars)
            throw new Problem(
              'validation-failed',
              `Office ${body.officeId} does not exist in municipality ${body.ars}.`,
            );
        }
        return { status: 201, body: await issueToken(pool, body) };
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/admin/tokens/:id',
      tag: 'configuration',
      roles: ['admin'],
      summary: 'Revoke a token',
      responses: { 204: { description: 'Revoked' }, 404: { description: 'Unknown', schema: problemSchema } },
      handler: async ({ params }) => {
        if (!(await revokeToken(pool, params.id!))) throw new Problem('not-found', `No token ${params.id}.`);
        return { status: 204 };
      },
    }),
  ];
}
