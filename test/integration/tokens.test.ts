// Given production mode (no demo tokens), when the bootstrap administrator issues tokens, then they work
// for their role and tenant only, and a revoked token stops working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';

const ADMIN = 'bootstrap-admin-token-0123456789';

describe('tokens in production mode', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({
      demo: false,
      seedTokens: false,
      config: { mode: 'production', adminToken: ADMIN },
    });
  });
  afterAll(async () => hub?.stop());

  it('has no demo tokens, and test plans are refused', async () => {
    expect((await hub.call('GET', '/api/v1/admin/bindings', { token: DEMO_TOKENS.admin })).status).toBe(401);
    expect(
      (await hub.call('POST', '/api/v1/admin/test-plans/99050012104000/run', { token: ADMIN, body: {} }))
        .status,
    ).toBe(409);
  });

  it('issues, lists and revokes tokens scoped to an office', async () => {
    const office = await hub.call('POST', '/api/v1/admin/offices', {
      token: ADMIN,
      body: { id: 'leipzig-gewerbeamt', ars: '147130000000', name: 'Gewerbeamt Leipzig' },
    });
    expect(office.status).toBe(201);
    const wrong = await hub.call('POST', '/api/v1/admin/tokens', {
      token: ADMIN,
      body: { role: 'caseworker', label: 'x', ars: '146120000000', officeId: 'leipzig-gewerbeamt' },
    });
    expect(wrong.status).toBe(422);
    const issued = await hub.call('POST', '/api/v1/admin/tokens', {
      token: ADMIN,
      body: {
        role: 'caseworker',
        label: 'Sachbearbeitung Leipzig',
        ars: '147130000000',
        officeId: 'leipzig-gewerbeamt',
      },
    });
    expect(issued.status).toBe(201);
    expect((await hub.call('GET', '/api/v1/tasks', { token: issued.body.token })).status).toBe(200);
    expect((await hub.call('GET', '/api/v1/admin/bindings', { token: issued.body.token })).status).toBe(403);
    const list = await hub.call('GET', '/api/v1/admin/tokens', { token: ADMIN });
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
    expect(list.body.items.map((t: any) => t.label)).toContain('Sachbearbeitung Leipzig');
    expect(
      (await hub.call('DELETE', `/api/v1/admin/tokens/${issued.body.id}`, { token: ADMIN })).status,
    ).toBe(204);
    expect((await hub.call('GET', '/api/v1/tasks', { token: issued.body.token })).status).toBe(401);
  });
});
