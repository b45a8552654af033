// API tokens: only SHA-256 hashes are stored; a token is shown once, when it is created.
import crypto from 'node:crypto';
import { inTransaction, type Pool } from './pool';

export type TokenRole = 'portal' | 'applicant' | 'caseworker' | 'municipal-admin' | 'admin';

export interface TokenGrant {
  role: Exclude<TokenRole, 'applicant'>;
  label: string;
  /** The municipality of a municipal administrator (required for that role, null otherwise). */
  ars?: string | null;
  /** The offices of a caseworker (at least one). */
  officeIds?: string[];
}

export interface TokenInfo {
  id: string;
  role: string;
  label: string;
  ars: string | null;
  officeIds: string[];
  /** Municipalities of the token's offices (caseworkers) or its own (municipal administrators). */
  municipalities: string[];
  demo: boolean;
  createdAt: string;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Stores a token with its offices if it is not there yet (bootstrap and demo tokens). */
export async function ensureToken(pool: Pool, token: string, grant: TokenGrant, demo = false): Promise<void> {
  const hash = hashToken(token);
  await inTransaction(pool, async (db) => {
    const inserted = await db.query(
      `INSERT INTO api_tokens (token_hash, role, ars, label, demo) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_hash) DO NOTHING`,
      [hash, grant.role, grant.role === 'municipal-admin' ? grant.ars : null, grant.label, demo],
    );
    if (!inserted.rowCount || grant.role !== 'caseworker') return;
    await db.query(
      `INSERT INTO api_token_offices (token_hash, office_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [hash, grant.officeIds ?? []],
    );
  });
}

/** What the audit log keeps of a token: never the secret; `ars` lets a municipality's administrator see it. */
async function auditToken(pool: Pool, actor: string, id: string, action: 'create' | 'delete', t: object) {
  const entry = { id, ...t };
  await pool.query(
    `INSERT INTO audit_log (actor, entity, entity_id, action, before, after) VALUES ($1, 'tokens', $2, $3, $4, $5)`,
    [actor, id, action, action === 'delete' ? entry : null, action === 'create' ? entry : null],
  );
}

/** Creates a new random token for a grant and returns it (the only time it is visible); audited. */
export async function issueToken(
  pool: Pool,
  grant: TokenGrant,
  actor = 'system',
): Promise<{ token: string; id: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  await ensureToken(pool, token, grant);
  const id = hashToken(token).slice(0, 16);
  const info = (await listTokens(pool)).find((t) => t.id === id)!;
  const ars = info.municipalities.length === 1 ? info.municipalities[0] : null;
  await auditToken(pool, actor, id, 'create', {
    role: info.role,
    label: info.label,
    ars,
    officeIds: info.officeIds,
  });
  return { token, id };
}

/** Non-applicant tokens; with `ars`, only those wholly inside that municipality (see tokenInMunicipality). */
export async function listTokens(pool: Pool, ars?: string): Promise<TokenInfo[]> {
  const r = await pool.query(
    `SELECT t.token_hash, t.role, t.label, t.ars, t.demo, t.created_at,
            coalesce(array_agg(o.id ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL), '{}') AS office_ids,
            coalesce(array_agg(DISTINCT o.ars) FILTER (WHERE o.id IS NOT NULL), '{}') AS office_ars
       FROM api_tokens t
       LEFT JOIN api_token_offices tof ON tof.token_hash = t.token_hash
       LEFT JOIN offices o ON o.id = tof.office_id
      WHERE t.role <> 'applicant'
      GROUP BY t.token_hash ORDER BY t.created_at, t.token_hash`,
  );
  const tokens: TokenInfo[] = r.rows.map((t) => ({
    id: t.token_hash.slice(0, 16),
    role: t.role,
    label: t.label,
    ars: t.ars?.trim() ?? null,
    officeIds: t.office_ids,
    municipalities: t.ars ? [t.ars.trim()] : t.office_ars.map((a: string) => a.trim()),
    demo: t.demo,
    createdAt: t.created_at.toISOString(),
  }));
  return ars === undefined ? tokens : tokens.filter((t) => tokenInMunicipality(t, ars));
}

/**
 * A municipal administrator manages a token only if everything it grants lies in the municipality:
 * its municipal-admin tokens and caseworker tokens whose offices are all its own.
 */
export function tokenInMunicipality(t: Pick<TokenInfo, 'role' | 'municipalities'>, ars: string): boolean {
  if (t.role !== 'caseworker' && t.role !== 'municipal-admin') return false;
  return t.municipalities.length > 0 && t.municipalities.every((a) => a === ars);
}

/** Revokes a token by the id shown in the list (a prefix of its hash); with `ars`, only one of that municipality. */
export async function revokeToken(pool: Pool, id: string, ars?: string, actor = 'system'): Promise<boolean> {
  const info = (await listTokens(pool, ars)).find((t) => t.id === id);
  if (!info) return false;
  const r = await pool.query(
    `DELETE FROM api_tokens WHERE left(token_hash, 16) = $1 AND role <> 'applicant'`,
    [id],
  );
  if (!r.rowCount) return false;
  const single = info.municipalities.length === 1 ? info.municipalities[0] : null;
  await auditToken(pool, actor, id, 'delete', {
    role: info.role,
    label: info.label,
    ars: single,
    officeIds: info.officeIds,
  });
  return true;
}

/** Production mode: tokens seeded by a demo organisation (published in the README) must not open this hub. */
export async function removeDemoTokens(pool: Pool): Promise<number> {
  const result = await pool.query('DELETE FROM api_tokens WHERE demo');
  return result.rowCount ?? 0;
}
