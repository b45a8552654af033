// Bearer tokens map to a role and a tenant. Only SHA-256 hashes of tokens are stored.
import crypto from 'node:crypto';
import type { Pool } from '../db/pool';
import { hashToken } from '../db/tokens';
import { Problem } from './problems';

export type Role = 'portal' | 'applicant' | 'caseworker' | 'admin';

export interface Principal {
  /** 'anonymous' only on public routes (health checks, signed callbacks). */
  role: Role | 'anonymous';
  label: string;
  ars: string | null;
  officeId: string | null;
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
  officeId: null,
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
    'SELECT role, label, ars, office_id, application_id FROM api_tokens WHERE token_hash = $1',
    [hashToken(match[1]!)],
  );
  const row = result.rows[0];
  if (!row) throw new Problem('unauthenticated', 'The bearer token is unknown or revoked.');
  return {
    role: row.role,
    label: row.label,
    ars: row.ars,
    officeId: row.office_id,
    applicationId: row.application_id,
  };
}

/** Applicants may only see their own application; caseworkers only their municipality's. */
export function assertMayReadApplication(
  principal: Principal,
  application: { id: string; ars: string },
): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'applicant' && principal.applicationId === application.id) return;
  if (principal.role === 'caseworker' && principal.ars === application.ars) return;
  // Same answer as a missing application, so ids cannot be probed.
  throw new Problem('not-found', `No application ${application.id} visible to this token.`);
}
