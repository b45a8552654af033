// Given the demo organisation, when the DMS is down or refuses a container, then the hub parks or raises an
// incident and loses nothing: the filing arrives exactly once when the DMS is back or the rule is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleText, SERVICE_KEYS } from '../../rules/catalog';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { json, submit, tradeSubmission, waitForPhase } from '../lifecycle/caseDriver';

const control = (url: string, body: unknown) =>
  fetch(`${url}/_control/outage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const withAttachment = () =>
  tradeSubmission({
    attachments: [
      {
        filename: 'Personalausweis.pdf',
        mediaType: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.4 Ausweis').toString('base64'),
      },
    ],
  });

describe('filing in the DMS when it fails', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  const dmsRecord = async (applicationId: string) => json(`${hub.demo!.urls.dms}/records/${applicationId}`);
  /** The case's record once the DMS holds it. */
  const filedRecord = (applicationId: string, what: string) =>
    eventually(
      async () => {
        const r = await dmsRecord(applicationId);
        return r.status === 200 ? r.body : undefined;
      },
      20_000,
      what,
    );

  it('parks the filing while the DMS is down and files it exactly once after the retry', async () => {
    const dms = hub.demo!.urls.dms;
    await control(dms, { on: true });
    const c = await submit(hub, withAttachment());
    const parked = await eventually(
      async () =>
        (
          await hub.call('GET', `/api/v1/admin/deliveries?status=parked&applicationId=${c.applicationId}`)
        ).body.items.find((d: any) => d.id === `${c.applicationId}/application/0/dms`),
      30_000,
      'parked DMS delivery',
    );
    expect(parked.lastError).toMatch(/503/);
    expect((await dmsRecord(c.applicationId)).status).toBe(404);
    await control(dms, { on: false });
    expect(
      (await hub.call('POST', `/api/v1/admin/deliveries/${encodeURIComponent(parked.id)}/retry`)).status,
    ).toBe(202);
    const record = await filedRecord(c.applicationId, 'DMS record');
    expect(record.messages).toHaveLength(1);
    expect(record.messages[0].idempotencyKey).toBe(parked.id);
    expect(record.documents.map((d: any) => d.typ)).toEqual(['Anlage zum Antrag']);
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect((await dmsRecord(c.applicationId)).body.messages).toHaveLength(1);
  });

  it('raises an incident when the DMS refuses a container (wrong hash), and files it after the rule is fixed', async () => {
    // given an uploaded rule version that states a wrong checksum for every file
    const key = { leikaId: SERVICE_KEYS.tradeRegister, messageType: 'application', targetFormat: 'xdomea' };
    const broken = ruleText('xdomea-filing.xsl').replace(
      '<xsl:value-of select="lower-case(sha256)"/>',
      `<xsl:value-of select="'${'0'.repeat(64)}'"/>`,
    );
    expect(broken).not.toBe(ruleText('xdomea-filing.xsl'));
    const uploaded = await hub.call('POST', '/api/v1/admin/rules', {
      body: { ...key, xslt: broken, note: 'test: wrong checksum' },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect((await hub.call('POST', `/api/v1/admin/rules/${uploaded.body.id}/activate`)).status).toBe(200);
    try {
      // when a case with an attachment is filed
      const c = await submit(hub, withAttachment());
      // then the DMS refuses it, and the hub holds it as an open incident at deliver-dms
      const incident = await eventually(
        async () =>
          (await hub.call('GET', `/api/v1/admin/incidents?state=open&step=deliver-dms`)).body.items.find(
            (i: any) => i.applicationId === c.applicationId,
          ),
        30_000,
        'deliver-dms incident',
      );
      expect(incident.errorType).toBe('TARGET_REJECTED');
      expect(incident.message).toMatch(/422/);
      const refused = (
        await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}&step=retry`)
      ).body.items;
      expect(JSON.stringify(refused)).toMatch(/hash-mismatch/);
      expect((await dmsRecord(c.applicationId)).status).toBe(404);

      // fixed by rolling the rule back, then retried: filed once
      expect((await hub.call('POST', '/api/v1/admin/rules/rollback', { body: key })).status).toBe(200);
      expect(
        (await hub.call('POST', `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/retry`)).status,
      ).toBe(202);
      const record = await filedRecord(c.applicationId, 'DMS record after the fix');
      expect(record.messages).toHaveLength(1);
      expect(record.documents).toHaveLength(1);
    } finally {
      const active = (await hub.call('GET', `/api/v1/admin/rules?leikaId=${key.leikaId}`)).body.items.find(
        (r: any) => r.messageType === 'application' && r.targetFormat === 'xdomea' && r.active,
      );
      if (active?.id === uploaded.body.id)
        await hub.call('POST', '/api/v1/admin/rules/rollback', { body: key });
    }
  });
});
