// Given the configuration portal, when administrators change the configuration, then it is validated,
// audited, secrets never leave the hub, and other roles are kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';

describe('configuration portal', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('is seeded with all 418 Saxon municipalities and the three service bundles', async () => {
    const municipalities = await hub.call('GET', '/api/v1/admin/municipalities');
    expect(municipalities.body.items).toHaveLength(418);
    expect(municipalities.body.items.every((m: any) => m.ars.startsWith('14'))).toBe(true);
    expect(municipalities.body.items.find((m: any) => m.ars === '146120000000').name).toBe('Dresden, Stadt');
    const services = await hub.call('GET', '/api/v1/admin/services');
    expect(new Set(services.body.items.map((s: any) => s.bundle))).toEqual(
      new Set(['trade', 'street-use', 'civil-status']),
    );
    expect(services.body.items).toHaveLength(10);
  });

  it('creates offices, products, systems and bindings, validating each and auditing every change', async () => {
    const office = await hub.call('POST', '/api/v1/admin/offices', {
      body: {
        id: 'dresden-gewerbeamt',
        ars: '146120000000',
        name: 'Gewerbeamt Dresden',
        email: 'gewerbe@dresden.demo',
        address: 'Theaterstraße 11, 01067 Dresden',
      },
    });
    expect(office.status, JSON.stringify(office.body)).toBe(201);
    const system = await hub.call('POST', '/api/v1/admin/systems', {
      body: {
        id: 'dresden-gewerbepro',
        productId: 'gewerbepro',
        ars: '146120000000',
        endpoint: 'https://fv.dresden.example/inbox',
        credentials: { bearerToken: 'top-secret' },
      },
    });
    expect(system.status).toBe(201);
    expect(system.body).toMatchObject({ credentialsSet: true });
    expect(JSON.stringify(system.body)).not.toContain('top-secret');
    const listed = await hub.call('GET', '/api/v1/admin/systems?ars=146120000000');
    expect(JSON.stringify(listed.body)).not.toContain('top-secret');
    const binding = await hub.call('POST', '/api/v1/admin/bindings', {
      body: {
        ars: '146120000000',
        leikaId: '99050012104000',
        officeId: 'dresden-gewerbeamt',
        level: 2,
        fachverfahrenSystemId: 'dresden-gewerbepro',
      },
    });
    expect(binding.status).toBe(201);
    const audit = await hub.call('GET', '/api/v1/admin/audit?entity=systems&entityId=dresden-gewerbepro');
    expect(audit.body.items[0].after.credentials).toBe('***');
  });

  it('refuses invalid configuration with a problem that names the field or the reference', async () => {
    const badLevel = await hub.call('POST', '/api/v1/admin/bindings', {
      body: { ars: '146120000000', leikaId: '99050012104001', officeId: 'dresden-gewerbeamt', level: 7 },
    });
    expect(badLevel.status).toBe(422);
    expect(badLevel.body.detail).toMatch(/body\.level/);
    const unknownOffice = await hub.call('POST', '/api/v1/admin/bindings', {
      body: { ars: '146120000000', leikaId: '99050012104001', officeId: 'nowhere' },
    });
    expect(unknownOffice.status).toBe(422);
    expect(unknownOffice.body.detail).toMatch(/nowhere/);
    const duplicate = await hub.call('POST', '/api/v1/admin/offices', {
      body: { id: 'dresden-gewerbeamt', ars: '146120000000', name: 'x' },
    });
    expect(duplicate.status).toBe(409);
    const inUse = await hub.call('DELETE', '/api/v1/admin/offices/dresden-gewerbeamt');
    expect(inUse.status).toBe(409);
  });

  it('keeps portals, applicants and caseworkers out of the configuration', async () => {
    for (const token of [DEMO_TOKENS.portal, DEMO_TOKENS.caseworker]) {
      const res = await hub.call('GET', '/api/v1/admin/bindings', { token });
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('urn:drehscheibe:problem:forbidden');
    }
    expect((await hub.call('GET', '/api/v1/admin/bindings', { token: 'made-up' })).status).toBe(401);
  });
});

describe('transaction protocol', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ demo: false });
  });
  afterAll(async () => hub?.stop());

  it('refuses updates and deletes, and shows tampering in the hash chain', async () => {
    await hub.call('POST', '/api/v1/submissions', { token: DEMO_TOKENS.portal, body: { service: 'bad' } });
    const rows = (await hub.call('GET', '/api/v1/admin/protocol?step=reject')).body.items;
    expect(rows.length).toBeGreaterThan(0);
    await expect(
      hub.pool.query(`UPDATE protocol SET outcome = 'ok' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/append-only/);
    await expect(hub.pool.query(`DELETE FROM protocol WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /append-only/,
    );
    expect((await hub.call('GET', '/api/v1/admin/protocol/verify')).body.intact).toBe(true);
    // Someone with table-owner rights bypasses the trigger: the chain shows it.
    await hub.pool.query('ALTER TABLE protocol DISABLE TRIGGER protocol_no_update');
    await hub.pool.query(`UPDATE protocol SET outcome = 'ok' WHERE id = $1`, [rows[0].id]);
    await hub.pool.query('ALTER TABLE protocol ENABLE TRIGGER protocol_no_update');
    const verify = (await hub.call('GET', '/api/v1/admin/protocol/verify')).body;
    expect(verify.intact).toBe(false);
    expect(verify.broken).toContain(rows[0].id);
  });
});
