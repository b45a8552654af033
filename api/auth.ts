// Bearer tokens map to a role and a scope (offices, a municipality, one application). Only SHA-256 hashes are stored.
import crypto from 'node:crypto';
import type { Pool } from '../db/pool';
import { hashToken } from '../db/tokens';
import { Problem } from './problems';

/** 'admin' is the hub operator (everything); 'municipal-admin' administers one municipality. */
export type Role = 'portal' | 'applicant' | 'caseworker' | 'municipal-admin' | 'admin';

export interface Principal {
  /** 'anonymous' only on public routes (health checks, signed callbacks). */
  role: Role | 'anonymous';
  label: string;
  /** The municipality of a municipal administrator; null for every other role. */
  ars: string | null;
  /** The offices a caseworker works for; empty for every other role. */
  officeIds: string[];
  applicationId: string | null;
}

export { hashToken };

export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Who calls a public route: no rights at all, so a handler can never mistake it for a token. */
export const ANONYMOUS: Principal = {
  role: 'anonymous',
  label: 'anonymous',
  ars: null,
  officeIds: [],
  applicationId: null,
};

/** Resolves the Authorization header to a principal or throws 401. */
export async function authenticate(pool: Pool, header: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match)
    throw new Problem(
      'unauthenticated',
      'Send "Authorization: Bearer <token>"; see the README for demo tokens.',
    );
  const result = await pool.query(
    `SELECT t.role, t.label, t.ars, t.application_id,
            coalesce(array_agg(o.office_id ORDER BY o.office_id) FILTER (WHERE o.office_id IS NOT NULL), '{}') AS office_ids
       FROM api_tokens t LEFT JOIN api_token_offices o ON o.token_hash = t.token_hash
      WHERE t.token_hash = $1 GROUP BY t.token_hash`,
    [hashToken(match[1]!)],
  );
  const row = result.rows[0];
  if (!row) throw new Problem('unauthenticated', 'The bearer token is unknown or revoked.');
  return {
    role: row.role,
    label: row.label,
    ars: row.ars?.trim() ?? null,
    officeIds: row.office_ids,
    applicationId: row.application_id,
  };
}
