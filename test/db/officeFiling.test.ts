// Given a database with offices from before migration 0010, when it is migrated, then every office gets the
// filing defaults; and the configuration API reads, changes and refuses the filing settings like any field.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { readOfficeFiling } from '../../db/officeFiling';
import { createPool, type Pool } from '../../db/pool';
import { DEMO_OFFICE } from '../../demo/seed';
import { freshDatabase, startTestHub, type TestHub } from '../support/testHub';

const MIGRATIONS = path.join(import.meta.dirname, '../../db/migrations');

describe('office filing settings (migration 0010)', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
  });
  afterAll(async () => pool?.end());

  it('gives offices that existed before the migration the defaults, and allows the closing message type', async () => {
    // given the schema up to 0009 with an office in it
    await pool.query(
      'CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const file of fs
      .readdirSync(MIGRATIONS)
      .filter((f) => f < '0010')
      .sort()) {
      await pool.query(fs.readFileSync(path.join(MIGRATIONS, file), 'utf8'));
      await pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    await pool.query(`INSERT INTO municipalities (ars, name) VALUES ('146270210210', 'Radebeul')`);
    await pool.query(`INSERT INTO offices (id, ars, name) VALUES ('alt-amt', '146270210210', 'Altes Amt')`);
    // when
    const applied = await migrate(pool);
    // then
    expect(applied).toContain('0010_dms_filing.sql');
    expect(await readOfficeFiling(pool, 'alt-amt')).toEqual({
      filePlanEntry: null,
      retentionYears: 10,
      disposal: 'bewerten',
      confidentiality: 'offen',
    });
    const check = await pool.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'rules_message_type_check'`,
    );
    expect(check.rows[0].def).toContain('closing');
    await expect(
      pool.query(`UPDATE offices SET dms_confidentiality = 'streng geheim' WHERE id = 'alt-amt'`),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('office filing settings through the configuration API', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ parts: { api: true, worker: false } });
  });
  afterAll(async () => hub?.stop());

  it('shows, changes and validates file plan entry, retention, disposal and confidentiality', async () => {
    const office = await hub.call('GET', `/api/v1/admin/offices/${DEMO_OFFICE}`);
    expect(office.body).toMatchObject({
      dmsFilePlanEntry: '32.20.01',
      dmsRetentionYears: 10,
      dmsDisposal: 'bewerten',
      dmsConfidentiality: 'offen',
    });
    const changed = await hub.call('PATCH', `/api/v1/admin/offices/${DEMO_OFFICE}`, {
      body: { dmsRetentionYears: null, dmsConfidentiality: 'nfd', dmsDisposal: 'archivwuerdig' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await readOfficeFiling(hub.pool, DEMO_OFFICE)).toMatchObject({
      retentionYears: null,
      confidentiality: 'nfd',
      disposal: 'archivwuerdig',
    });
    const wrong = await hub.call('PATCH', `/api/v1/admin/offices/${DEMO_OFFICE}`, {
      body: { dmsConfidentiality: 'geheimer', dmsRetentionYears: 0 },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toMatch(/problem\+json/);
    expect(JSON.stringify(wrong.body)).toMatch(/dmsConfidentiality|dmsRetentionYears/);
    const openapi = await hub.call('GET', '/api/v1/openapi.json');
    expect(JSON.stringify(openapi.body)).toContain('dmsFilePlanEntry');
  });
});
