// The fictive test organisation's fixed tokens; they exist only in demo mode.
import { hashToken } from '../api/auth';
import type { Pool } from '../db/pool';

/** The first demo municipality: Radebeul (real ARS key), its trade office. */
export const DEMO_ARS = '146270210210';
export const DEMO_OFFICE = 'radebeul-ordnungsamt';

export const DEMO_TOKENS = {
  portal: 'demo-portal',
  admin: 'demo-admin',
  caseworker: 'demo-caseworker',
} as const;

/** Idempotently loads the demo organisation's tokens. */
export async function seedDemo(pool: Pool): Promise<void> {
  const rows: [string, string, string | null, string | null, string][] = [
    [DEMO_TOKENS.portal, 'portal', null, null, 'demo portal'],
    [DEMO_TOKENS.admin, 'admin', null, null, 'demo administrator'],
    [DEMO_TOKENS.caseworker, 'caseworker', DEMO_ARS, DEMO_OFFICE, 'demo caseworker, Radebeul'],
  ];
  for (const [token, role, ars, office, label] of rows) {
    await pool.query(
      `INSERT INTO api_tokens (token_hash, role, ars, office_id, label, demo) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT (token_hash) DO NOTHING`,
      [hashToken(token), role, ars, office, label],
    );
  }
}
