// API tokens: only SHA-256 hashes are stored; a token is shown once, when it is created.
import crypto from 'node:crypto';
import type { Pool } from './pool';

export interface TokenGrant {
  role: 'portal' | 'applicant' | 'caseworker' | 'admin';
  label: string;
  ars?: string | null;
  officeId?: string | null;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Stores a token if it is not there yet (bootstrap and demo tokens). */
export async function ensureToken(pool: Pool, token: string, grant: TokenGrant, demo = false): Promise<void> {
  await pool.query(
    `INSERT INTO api_tokens (token_hash, role, ars, office_id, label, demo) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token_hash) DO NOTHING`,
    [hashToken(token), grant.role, grant.ars ?? null, grant.officeId ?? null, grant.label, demo],
  );
}

/** Creates a new random token for a grant and returns it (the only time it is visible). */
export async function issueToken(pool: Pool, grant: TokenGrant): Promise<{ token: string; id: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  await ensureToken(pool, token, grant);
  return { token, id: hashToken(token).slice(0, 16) };
}

export async function listTokens(pool: Pool): Promise<
  {
    id: string;
    role: string;
    label: string;
    ars: string | null;
    officeId: string | null;
    demo: boolean;
    createdAt: string;
  }[]
> {
  const r = await pool.query(
    `SELECT token_hash, role, label, ars, office_id, demo, created_at FROM api_tokens WHERE role <> 'applicant' ORDER BY created_at`,
  );
  return r.rows.map((t) => ({
    id: t.token_hash.slice(0, 16),
    role: t.role,
    label: t.label,
    ars: t.ars?.trim() ?? null,
    officeId: t.office_id,
    demo: t.demo,
    createdAt: t.created_at.toISOString(),
  }));
}

/** Revokes a token by the id shown in the list (a prefix of its hash). */
export async function revokeToken(pool: Pool, id: string): Promise<boolean> {
  const r = await pool.query(
    `DELETE FROM api_tokens WHERE left(token_hash, 16) = $1 AND role <> 'applicant'`,
    [id],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Production mode: tokens seeded by a demo organisation (published in the README) must not open this hub. */
export async function removeDemoTokens(pool: Pool): Promise<number> {
  const result = await pool.query('DELETE FROM api_tokens WHERE demo');
  return result.rowCount ?? 0;
}
