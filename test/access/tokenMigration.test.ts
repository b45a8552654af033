// Given a database from before office-level access (one office per caseworker token in api_tokens.office_id),
// when migration 0007 runs, then every caseworker keeps exactly its office and the old tokens still work.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/testHub';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { hashToken } from '../../db/tokens';
import { authenticate } from '../../api/auth';

const DIR = path.join(import.meta.dirname, '../../db/migrations');

describe('migration 0007: tokens belong to offices', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
    await pool.query(
      'CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz DEFAULT now())',
    );
    for (const file of fs
      .readdirSync(DIR)
      .filter((f) => f < '0007')
      .sort()) {
      await pool.query(fs.readFileSync(path.join(DIR, file), 'utf8'));
      await pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    await pool.query(`INSERT INTO municipalities (ars, name) VALUES ('146270210210', 'Radebeul')`);
    await pool.query(
      `INSERT INTO offices (id, ars, name) VALUES ('radebeul-ordnungsamt', '146270210210', 'Ordnungsamt'),
         ('radebeul-bauamt', '146270210210', 'Bauamt')`,
    );
    await pool.query(
      `INSERT INTO api_tokens (token_hash, role, ars, office_id, label) VALUES
         ($1, 'caseworker', '146270210210', 'radebeul-ordnungsamt', 'Erika'),
         ($2, 'caseworker', '146270210210', 'radebeul-bauamt', 'Bernd'),
         ($3, 'admin', NULL, NULL, 'Betrieb'), ($4, 'portal', NULL, NULL, 'Portal')`,
      [hashToken('old-erika'), hashToken('old-bernd'), hashToken('old-admin'), hashToken('old-portal')],
    );
    expect(await migrate(pool)).toContain('0007_office_access.sql');
  });
  afterAll(async () => pool?.end());

  it('moves each caseworker office into api_token_offices and drops the column', async () => {
    expect(await authenticate(pool, 'Bearer old-erika')).toMatchObject({
      role: 'caseworker',
      officeIds: ['radebeul-ordnungsamt'],
      ars: null,
    });
    expect((await authenticate(pool, 'Bearer old-bernd')).officeIds).toEqual(['radebeul-bauamt']);
    expect(await authenticate(pool, 'Bearer old-admin')).toMatchObject({
      role: 'admin',
      ars: null,
      officeIds: [],
    });
    const columns = await pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'api_tokens' AND column_name = 'office_id'`,
    );
    expect(columns.rowCount).toBe(0);
  });

  it('refuses a municipal administrator without a municipality and an office-less scope on others', async () => {
    await expect(
      pool.query(`INSERT INTO api_tokens (token_hash, role, label) VALUES ('x1', 'municipal-admin', 'x')`),
    ).rejects.toThrow(/api_tokens_scope_check/);
    await expect(
      pool.query(
        `INSERT INTO api_tokens (token_hash, role, ars, label) VALUES ('x2', 'admin', '146270210210', 'x')`,
      ),
    ).rejects.toThrow(/api_tokens_scope_check/);
    // An office with caseworkers cannot disappear under them.
    await expect(pool.query(`DELETE FROM offices WHERE id = 'radebeul-bauamt'`)).rejects.toThrow(
      /foreign key/,
    );
  });
});
