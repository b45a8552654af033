// Given the demo organisation, when configuration changes or a target system fails, then routing and
// delivery follow the configuration and nothing is lost or delivered twice from the target's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_ARS_2, DEMO_TOKENS } from '../../demo/seed';
import { json, submit, tradeSubmission, waitForPhase, TRADE_REGISTRATION } from '../lifecycle/caseDriver';

const BIRTH_CERTIFICATE = '99063006000001';

async function receipts(url: string, applicationId: string) {
  const inbox = await json(`${url}/inbox`);
  return inbox.body.receipts.filter((r: any) => r.idempotencyKey.startsWith(applicationId));
}

describe('routing and delivery', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('switching the Fachverfahren product by configuration alone changes the delivered format (plug and play)', async () => {
    const first = await submit(hub, tradeSubmission());
    await waitForPhase(hub, first, 'PROCESSING', 'in-review');
    expect((await receipts(hub.demo!.urls.fachverfahrenXml, first.applicationId))[0].contentType).toMatch(
      /xml/,
    );

    const patch = await hub.call('PATCH', `/api/v1/admin/bindings/${DEMO_ARS}-${TRADE_REGISTRATION}`, {
      body: { fachverfahrenSystemId: 'demo-amtsdesk' },
    });
    expect(patch.status).toBe(200);
    const second = await submit(hub, tradeSubmission());
    await waitForPhase(hub, second, 'PROCESSING', 'in-review');
    const [json_] = await receipts(hub.demo!.urls.fachverfahrenJson, second.applicationId);
    expect(json_.contentType).toMatch(/json/);
    expect(JSON.parse(json_.body)).toBeTypeOf('object');
    expect(await receipts(hub.demo!.urls.fachverfahrenXml, second.applicationId)).toHaveLength(0);
    await hub.call('PATCH', `/api/v1/admin/bindings/${DEMO_ARS}-${TRADE_REGISTRATION}`, {
      body: { fachverfahrenSystemId: 'radebeul-gewerbepro' },
    });

    const audit = await hub.call(
      'GET',
      `/api/v1/admin/audit?entity=bindings&entityId=${DEMO_ARS}-${TRADE_REGISTRATION}`,
    );
    expect(audit.body.items[0]).toMatchObject({ action: 'update', actor: 'Demo-Administration' });
  });

  it('a redirect binding sends a service of Coswig to Radebeul (shared service)', async () => {
    const c = await submit(hub, {
      service: BIRTH_CERTIFICATE,
      municipality: DEMO_ARS_2,
      applicant: { name: 'Max Mustermann', email: 'max@example.org' },
      notificationConsent: { electronic: true, email: false },
      formData: {
        person: { familyName: 'Mustermann', givenName: 'Max', birthDate: '1961-03-07' },
        eventDate: '1961-03-07',
        eventPlace: 'Dresden',
        copies: 1,
      },
    });
    const s = await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect(s.text).toMatch(/Standesamt Radebeul/);
    const route = (
      await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}&step=route`)
    ).body.items[0];
    expect(route.detail).toMatchObject({
      requestedArs: DEMO_ARS_2,
      redirects: [DEMO_ARS],
      office: 'radebeul-standesamt',
    });
    const task = await eventually(
      async () =>
        (await hub.call('GET', '/api/v1/tasks', { token: DEMO_TOKENS.caseworkerStandesamt })).body.items.find(
          (t: any) => t.applicationId === c.applicationId,
        ),
      10_000,
      'task',
    );
    expect(task.officeId).toBe('radebeul-standesamt');
    expect(
      (await hub.call('GET', '/api/v1/tasks', { token: DEMO_TOKENS.caseworkerCoswig })).body.items.some(
        (t: any) => t.applicationId === c.applicationId,
      ),
    ).toBe(false);
  });

  it('a target that is down receives the message once it is back, exactly once (idempotency key)', async () => {
    const fv = hub.demo!.urls.fachverfahrenXml;
    await fetch(`${fv}/_control/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ on: true }),
    });
    const c = await submit(hub, tradeSubmission());
    // Retries run out while the system is down: the delivery is parked, not dropped.
    const parked = await eventually(
      async () => {
        const r = await hub.call(
          'GET',
          `/api/v1/admin/deliveries?status=parked&applicationId=${c.applicationId}`,
        );
        return r.body.items[0];
      },
      20_000,
      'parked delivery',
    );
    expect(parked.lastError).toMatch(/503/);
    await fetch(`${fv}/_control/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ on: false }),
    });
    expect(
      (await hub.call('POST', `/api/v1/admin/deliveries/${encodeURIComponent(parked.id)}/retry`)).status,
    ).toBe(202);
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect(await receipts(fv, c.applicationId)).toHaveLength(1);
    const failures = (
      await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}&outcome=parked`)
    ).body.items;
    expect(failures).toHaveLength(1);
  });

  it('a short outage is bridged by retries, and a redelivery with the same key is stored once', async () => {
    const fv = hub.demo!.urls.fachverfahrenXml;
    await fetch(`${fv}/_control/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: 2 }),
    });
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const [receipt] = await receipts(fv, c.applicationId);
    // Repeating the delivery (as after a crash between send and bookkeeping) does not create a second receipt.
    const again = await fetch(`${fv}/inbox`, {
      method: 'POST',
      headers: {
        'content-type': receipt.contentType,
        'idempotency-key': receipt.idempotencyKey,
        authorization: `Bearer ${hub.demo!.credentials.fachverfahrenXml}`,
      },
      body: receipt.body,
    });
    expect(again.status).toBe(200);
    expect(await receipts(fv, c.applicationId)).toHaveLength(1);
    const retries = (
      await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}&step=retry`)
    ).body.items;
    expect(retries.length).toBeGreaterThanOrEqual(2);
  });
});
