// Given the configuration API on a migrated database, when offices are created in municipalities of the
// FronleichnamsVO and elsewhere, then Fronleichnam is preset accordingly, editable with validation, and routed
// into the case, where the appeal period of a notice ending on Fronleichnam moves to the next working day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { resolveRoute } from '../../db/routing';
import { appealPeriodEndsAt } from '../../workflows/deadlines';

const CROSTWITZ = '146255501080';
const RADEBEUL = '146270210210';
const PARKING_BAN = '99086004000002';

describe('Fronleichnam as an office setting', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ demo: false });
  });
  afterAll(async () => hub?.stop());

  const createOffice = (id: string, ars: string, extra: Record<string, unknown> = {}) =>
    hub.call('POST', '/api/v1/admin/offices', {
      body: { id, ars, name: `Ordnungsamt ${id}`, address: 'Schulstraße 2, 01920 Crostwitz', ...extra },
    });

  it('is preset from the ordinance and can be set explicitly either way', async () => {
    expect((await createOffice('crostwitz-ordnungsamt', CROSTWITZ)).body.corpusChristi).toBe(true);
    expect((await createOffice('radebeul-test', RADEBEUL)).body.corpusChristi).toBe(false);
    expect(
      (await createOffice('crostwitz-ausnahme', CROSTWITZ, { corpusChristi: false })).body.corpusChristi,
    ).toBe(false);
    const patched = await hub.call('PATCH', '/api/v1/admin/offices/radebeul-test', {
      body: { corpusChristi: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.corpusChristi).toBe(true);
  });

  it('refuses a value that is not a boolean, with a problem naming the field', async () => {
    const res = await hub.call('PATCH', '/api/v1/admin/offices/crostwitz-ordnungsamt', {
      body: { corpusChristi: 'ja' },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('corpusChristi');
  });

  it('refuses an acknowledgement period on a service that is not an Anzeige, and an unknown kind', async () => {
    const period = await hub.call('PATCH', `/api/v1/admin/services/${PARKING_BAN}`, {
      body: { acknowledgementDays: 3 },
    });
    expect(period.status).toBe(422);
    const kind = await hub.call('PATCH', `/api/v1/admin/services/${PARKING_BAN}`, {
      body: { procedureKind: 'permit' },
    });
    expect(kind.status).toBe(422);
    expect(JSON.stringify(kind.body)).toContain('procedureKind');
  });

  it('routes the setting into the case: an appeal period ending on Fronleichnam moves only where it is observed', async () => {
    for (const [ars, office] of [
      [CROSTWITZ, 'crostwitz-ordnungsamt'],
      [RADEBEUL, 'radebeul-test'],
    ] as const) {
      const created = await hub.call('POST', '/api/v1/admin/bindings', {
        body: { ars, leikaId: PARKING_BAN, officeId: office, level: 1 },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await hub.call('PATCH', '/api/v1/admin/offices/radebeul-test', { body: { corpusChristi: false } });
    const crostwitz = await resolveRoute(hub.pool, PARKING_BAN, CROSTWITZ);
    const radebeul = await resolveRoute(hub.pool, PARKING_BAN, RADEBEUL);
    expect(crostwitz).toMatchObject({ corpusChristi: true, procedureKind: 'application' });
    expect(radebeul.corpusChristi).toBe(false);
    // Notified on 27.04.2027: the month ends on Thursday 27.05.2027, Fronleichnam.
    expect(appealPeriodEndsAt('2027-04-27', { corpusChristi: crostwitz.corpusChristi })).toBe(
      '2027-05-28T22:00:00.000Z',
    );
    expect(appealPeriodEndsAt('2027-04-27', { corpusChristi: radebeul.corpusChristi })).toBe(
      '2027-05-27T22:00:00.000Z',
    );
  });
});
