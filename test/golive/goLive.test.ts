// Given a newly configured service, when administrators take it from draft through test and pilot to live,
// then no step can be skipped, the test plan must pass against exactly the current configuration, intake
// takes only what the state allows, every transition is protocolled, and other municipalities stay out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';

const ARS = '146270020020'; // Diera-Zehren, district of Meißen
const STREET_USE = '99086004000001';
const GO_LIVE = `/api/v1/admin/go-live/${ARS}/${STREET_USE}`;
const BINDING = `/api/v1/admin/bindings/${ARS}-${STREET_USE}`;

const submission = (test?: boolean) => ({
  service: STREET_USE,
  municipality: ARS,
  applicant: { name: 'Max Mustermann', email: 'max@example.org', postalAddress: 'Dorfstraße 1, 01665 Diera' },
  notificationConsent: { electronic: true, email: true },
  formData: {
    location: { street: 'Dorfstraße 1', postalCode: '01665', city: 'Diera-Zehren' },
    from: '2027-03-01',
    to: '2027-03-02',
    purpose: 'Halteverbot für den Umzugswagen',
    lengthMetres: 15,
  },
  ...(test === undefined ? {} : { test }),
});

describe('go-live of a service in a municipality', () => {
  let hub: TestHub;
  const submit = (test?: boolean) =>
    hub.call('POST', '/api/v1/submissions', { token: DEMO_TOKENS.portal, body: submission(test) });
  const move = (to: string, token?: string) =>
    hub.call('POST', `${GO_LIVE}/transitions`, { body: { to }, ...(token ? { token } : {}) });
  /** Starts the test plan and waits for its recorded result. */
  const runTestPlan = async () => {
    const before = (await hub.call('GET', GO_LIVE)).body.lastRunAt;
    const started = await hub.call('POST', `${GO_LIVE}/test-run`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return eventually(
      async () => {
        const view = (await hub.call('GET', GO_LIVE)).body;
        return !view.running && view.lastRunAt !== before ? view : undefined;
      },
      120_000,
      'the test plan result',
    );
  };

  beforeAll(async () => {
    hub = await startTestHub();
    // Configured like a new municipality would: an office still without postal address, and a mail
    // system that cannot be reached, so the first test plan run must fail.
    const setup: [string, string, object][] = [
      ['POST', '/api/v1/admin/offices', { id: 'dz-ordnungsamt', ars: ARS, name: 'Ordnungsamt Diera-Zehren' }],
      [
        'POST',
        '/api/v1/admin/systems',
        { id: 'dz-broken-mail', productId: 'office-mail', ars: ARS, endpoint: 'smtp://127.0.0.1:9' },
      ],
      [
        'POST',
        '/api/v1/admin/bindings',
        {
          id: `${ARS}-${STREET_USE}`,
          ars: ARS,
          leikaId: STREET_USE,
          officeId: 'dz-ordnungsamt',
          level: 1,
          dmsSystemId: 'demo-eakte',
          mailSystemId: 'dz-broken-mail',
        },
      ],
    ];
    for (const [method, path, body] of setup) {
      const res = await hub.call(method, path, { body });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
    }
  }, 120_000);
  afterAll(async () => hub?.stop());

  it('keeps the services configured before go-live existed live', async () => {
    const demo = await hub.call('GET', `/api/v1/admin/go-live?municipality=${DEMO_ARS}`);
    expect(demo.body.items.length).toBeGreaterThan(0);
    expect(demo.body.items.every((r: any) => r.state === 'live')).toBe(true);
  });

  it('starts a new binding as draft that takes no submission, real or test', async () => {
    const view = (await hub.call('GET', GO_LIVE)).body;
    expect(view.state).toBe('draft');
    const real = await submit();
    expect(real.status).toBe(422);
    expect(real.body.type).toBe('urn:drehscheibe:problem:service-not-live');
    expect((await submit(true)).status).toBe(422);
  });

  it('refuses to skip states and lists every unmet precondition', async () => {
    const skip = await move('live');
    expect(skip.status).toBe(409);
    expect(skip.body.type).toBe('urn:drehscheibe:problem:go-live-blocked');
    expect(skip.body.errors.map((e: any) => e.path)).toEqual(['state-order', 'test-plan-not-passed']);
    const toTest = await move('test');
    expect(toTest.status).toBe(409);
    expect(toTest.body.errors.map((e: any) => e.path)).toEqual(['office-address', 'office-email']);
    expect(toTest.body.detail).toContain('dz-ordnungsamt');
    const view = (await hub.call('GET', GO_LIVE)).body;
    expect(view.transitions.find((t: any) => t.to === 'test')).toMatchObject({ possible: false });
  });

  it('moves to test once the configuration is complete; test submissions are taken from then on', async () => {
    const address = await hub.call('PATCH', '/api/v1/admin/offices/dz-ordnungsamt', {
      body: { address: 'Meißner Straße 1, 01665 Diera-Zehren', email: 'ordnungsamt@diera-zehren.demo' },
    });
    expect(address.status).toBe(200);
    const moved = await move('test');
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.state).toBe('test');
    expect((await submit()).status).toBe(422);
    expect((await submit(true)).status).toBe(202);
  });

  it('refuses the pilot until the test plan passes, and a failing run keeps it refused', async () => {
    expect((await move('pilot')).body.errors.map((e: any) => e.path)).toEqual(['test-plan-not-passed']);
    const failed = await runTestPlan();
    expect(failed.lastRunAccepted).toBe(false);
    expect(failed.lastReport.cases.some((c: any) => !c.passed && /parked|incident/.test(c.actual))).toBe(
      true,
    );
    expect(failed.passValid).toBe(false);
    const refused = await move('pilot');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('failed');
  }, 180_000);

  it('records a pass against the configuration it ran against, and opens the pilot', async () => {
    const fixed = await hub.call('PATCH', BINDING, { body: { mailSystemId: 'demo-mail' } });
    expect(fixed.status).toBe(200);
    const passed = await runTestPlan();
    expect(passed.lastRunAccepted, JSON.stringify(passed.lastReport)).toBe(true);
    expect(passed.passValid).toBe(true);
    expect(passed.passedConfigHash).toBe(passed.configHash);
    const pilot = await move('pilot');
    expect(pilot.status, JSON.stringify(pilot.body)).toBe(200);
    expect(pilot.body.state).toBe('pilot');
  }, 180_000);

  it('takes only test submissions during the pilot, and the office sees them marked', async () => {
    const real = await submit();
    expect(real.status).toBe(422);
    expect(real.body.detail).toContain('pilot');
    const test = await submit(true);
    expect(test.status).toBe(202);
    const seen = await hub.call('GET', `/api/v1/applications/${test.body.applicationId}`);
    expect(seen.body.test).toBe(true);
  });

  it('sends a pilot back to test when the configuration changes after the pass', async () => {
    const renamed = await hub.call('PATCH', '/api/v1/admin/offices/dz-ordnungsamt', {
      body: { name: 'Ordnungsamt der Gemeinde Diera-Zehren' },
    });
    expect(renamed.status).toBe(200);
    const view = (await hub.call('GET', GO_LIVE)).body;
    expect(view.state).toBe('test');
    expect(view.passValid).toBe(false);
    expect(view.history[0]).toMatchObject({ from: 'pilot', to: 'test', actor: 'system' });
    const live = await move('live');
    expect(live.body.errors.map((e: any) => e.path)).toEqual(['state-order', 'configuration-changed']);
  });

  it('refuses another municipality’s administrator and hides the binding from it', async () => {
    const token = DEMO_TOKENS.adminRadebeul;
    expect((await hub.call('GET', GO_LIVE, { token })).status).toBe(404);
    expect((await move('draft', token)).status).toBe(404);
    expect((await hub.call('POST', `${GO_LIVE}/test-run`, { token })).status).toBe(404);
    const list = await hub.call('GET', `/api/v1/admin/go-live?municipality=${ARS}`, { token });
    expect(list.body.items).toEqual([]);
    const map = await hub.call('GET', '/api/v1/admin/dashboard/service-map', { token });
    expect(JSON.stringify(map.body)).not.toContain(ARS);
    expect((await hub.call('GET', GO_LIVE, { token: DEMO_TOKENS.caseworker })).status).toBe(403);
    // Its own municipality it administers.
    const own = await hub.call('GET', `/api/v1/admin/go-live/${DEMO_ARS}/${STREET_USE}`, { token });
    expect(own.status).toBe(200);
    expect(own.body.state).toBe('live');
    expect((await hub.call('GET', GO_LIVE)).body.state).toBe('test');
  });

  it('goes live after a fresh pass; real submissions are taken, and a later change asks for a re-test', async () => {
    expect((await runTestPlan()).lastRunAccepted).toBe(true);
    expect((await move('pilot')).status).toBe(200);
    const live = await move('live');
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(live.body).toMatchObject({ state: 'live', retestRequired: false });
    expect((await submit()).status).toBe(202);
    expect((await hub.call('PATCH', BINDING, { body: { level: 2 } })).status).toBe(200);
    const changed = (await hub.call('GET', GO_LIVE)).body;
    expect(changed).toMatchObject({ state: 'live', retestRequired: true, passValid: false });
    expect((await submit()).status).toBe(202);
  }, 180_000);

  it('protocols every transition with ids and states only', async () => {
    const rows = (await hub.call('GET', `/api/v1/admin/protocol?municipality=${ARS}&step=admin`)).body.items;
    const moves = rows
      .filter((r: any) => r.detail.action === 'go-live')
      .map((r: any) => `${r.detail.from}->${r.detail.to}`);
    expect(moves).toEqual(['draft->test', 'test->pilot', 'pilot->test', 'test->pilot', 'pilot->live']);
    expect(JSON.stringify(rows)).not.toMatch(/Diera-Zehren|Ordnungsamt/);
    const history = (await hub.call('GET', GO_LIVE)).body.history;
    expect(history.map((h: any) => h.to)).toEqual(['live', 'pilot', 'test', 'pilot', 'test']);
  });

  it('takes a live service offline with a step back, which intake honours at once', async () => {
    expect((await move('draft')).status).toBe(200);
    expect((await submit()).status).toBe(422);
    expect((await move('draft')).body.errors.map((e: any) => e.path)).toEqual(['same-state']);
  });

  it('lets one of two administrators win when both move the state at once', async () => {
    const answers = await Promise.all([move('test'), move('test')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409)!;
    expect(['concurrent-change', 'same-state']).toContain(loser.body.errors[0].path);
    const history = (await hub.call('GET', GO_LIVE)).body.history;
    expect(history.filter((h: any) => h.from === 'draft' && h.to === 'test')).toHaveLength(2);
  });
});
