import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { activeRule } from '../../rules/depot';
import { listProtocol } from '../../db/protocol';
import { RULE_CATALOG, SERVICE_KEYS } from '../../rules/catalog';
import { seedRules } from '../../rules/seedRules';
import { runRule } from '../../rules/transform';
import { sampleEnvelope } from '../../rules/samples';

const BASE = '/api/v1/admin/rules';
const key = {
  leikaId: SERVICE_KEYS.parkingBanForMove,
  messageType: 'application',
  targetFormat: 'json',
} as const;

const ruleWithMarker = (
  marker: string,
) => `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xpath-default-namespace="urn:drehscheibe:application:1" expand-text="yes">
  <xsl:output method="text"/>
  <xsl:template match="/application">{{"marker":"${marker}","antrag":"{id}","zweck":"{formData/purpose}"}}</xsl:template>
</xsl:stylesheet>`;

describe('rule depot through the admin API', () => {
  let hub: TestHub;
  let seeded: string[];
  beforeAll(async () => {
    hub = await startTestHub({ demo: false, parts: { api: true, worker: false } });
    seeded = await seedRules(hub.pool);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const upload = (body: Record<string, unknown>, token: string = DEMO_TOKENS.admin) =>
    hub.call('POST', BASE, { token, body });

  it('seeds every catalogue rule as active version 1, once', async () => {
    // given the seed ran in beforeAll (possibly after the hub itself seeded)
    const active = await activeRule(hub.pool, {
      leikaId: SERVICE_KEYS.tradeRegister,
      messageType: 'application',
      targetFormat: 'xgewerbeanzeige',
    });
    expect(active?.version).toBe(1);
    expect(active?.sef.N).toBe('package');
    expect(seeded.length === 0 || seeded.length === RULE_CATALOG.length).toBe(true);
    // when seeding again
    expect(await seedRules(hub.pool)).toEqual([]);
    const listed = await hub.call('GET', `${BASE}?leikaId=${SERVICE_KEYS.birthCertificate}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBe(
      RULE_CATALOG.filter((r) => r.leikaId === SERVICE_KEYS.birthCertificate).length,
    );
    expect(listed.body.items.every((r: any) => r.leikaId === SERVICE_KEYS.birthCertificate && r.active)).toBe(
      true,
    );
  });

  it('uploads a new version (inactive), activates it, and rolls back to the version before', async () => {
    // given the seeded version 1 is active
    const before = await activeRule(hub.pool, key);
    expect(before?.version).toBe(1);

    // when a new version is uploaded
    const uploaded = await upload({ ...key, xslt: ruleWithMarker('v2'), note: 'marker rule' });
    // then it is stored as version 2 but not active yet
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      ...key,
      version: 2,
      active: false,
      createdBy: 'Demo-Administration',
      note: 'marker rule',
    });
    expect((await activeRule(hub.pool, key))?.version).toBe(1);

    // when it is activated, the processor uses it
    const activated = await hub.call('POST', `${BASE}/${uploaded.body.id}/activate`, {
      token: DEMO_TOKENS.admin,
    });
    expect(activated.status).toBe(200);
    const active = (await activeRule(hub.pool, key))!;
    expect(active.id).toBe(uploaded.body.id);
    const output = JSON.parse(await runRule(active, sampleEnvelope({ leikaId: key.leikaId })));
    expect(output).toEqual({
      marker: 'v2',
      antrag: 'A-20260701-1A2B3C4D5E',
      zweck: 'Umzug: Möbelwagen (7,5 t) vor dem Haus',
    });

    // when rolled back, version 1 is active again and the history shows every step
    const rolledBack = await hub.call('POST', `${BASE}/rollback`, { token: DEMO_TOKENS.admin, body: key });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body).toMatchObject({ version: 1, active: true });
    expect((await activeRule(hub.pool, key))?.version).toBe(1);
    const detail = await hub.call('GET', `${BASE}/${uploaded.body.id}`);
    expect(detail.body.active).toBe(false);
    expect(detail.body.xslt).toBe(ruleWithMarker('v2'));
    expect(detail.body.activations.map((a: any) => [a.version, a.reason])).toEqual([
      [1, 'rollback'],
      [2, 'activate'],
      [1, 'seed'],
    ]);

    // and the protocol records upload, activation and rollback
    const protocol = await listProtocol(hub.pool, { leikaId: key.leikaId, step: 'admin' });
    const actions = protocol
      .filter((p) => p.ruleVersion === uploaded.body.id || p.detail.action === 'rule-rollback')
      .map((p) => p.detail.action);
    expect(actions).toEqual(expect.arrayContaining(['rule-upload', 'rule-activate', 'rule-rollback']));
  });

  it('answers 409 when there is nothing to roll back to', async () => {
    const result = await hub.call('POST', `${BASE}/rollback`, {
      token: DEMO_TOKENS.admin,
      body: { ...key, messageType: 'record', targetFormat: 'xdomea' },
    });
    expect(result.status).toBe(409);
    expect(result.body.detail).toMatch(/nothing to roll back to/);
  });

  it('refuses a rule with a syntax error: 422 rule-invalid with line and column', async () => {
    const xslt =
      '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n  <out><xsl:value-of select="concat(\'a\',"/></out>\n</xsl:template>\n</xsl:stylesheet>';
    const result = await upload({ ...key, xslt });
    expect(result.status).toBe(422);
    expect(result.body.type).toBe('urn:drehscheibe:problem:rule-invalid');
    expect(result.body.detail).toMatch(/line 3, column \d+/);
    expect(result.body.errors[0].path).toMatch(/^body\.xslt \(line 3, column \d+\)$/);
  });

  it("refuses a rule calling document('file:///etc/passwd'): 422 rule-unsafe", async () => {
    const xslt = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
      <xsl:template match="/"><out><xsl:copy-of select="document('file:///etc/passwd')"/></out></xsl:template></xsl:stylesheet>`;
    const result = await upload({ ...key, xslt });
    expect(result.status).toBe(422);
    expect(result.body.type).toBe('urn:drehscheibe:problem:rule-unsafe');
    expect(result.body.detail).toMatch(/document\(\)/);
    const versions = await hub.call('GET', `${BASE}?leikaId=${key.leikaId}`);
    expect(
      versions.body.items.filter(
        (r: any) => r.messageType === key.messageType && r.targetFormat === key.targetFormat,
      ).length,
    ).toBe(2);
  });

  it('refuses a rule for a service that is not in the catalogue, and non-admin tokens', async () => {
    const unknown = await upload({ ...key, leikaId: '99999999999999', xslt: ruleWithMarker('x') });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe('urn:drehscheibe:problem:unknown-service');
    const asPortal = await upload({ ...key, xslt: ruleWithMarker('x') }, DEMO_TOKENS.portal);
    expect(asPortal.status).toBe(403);
    const invalidBody = await upload({ ...key, messageType: 'letter', xslt: ruleWithMarker('x') });
    expect(invalidBody.status).toBe(422);
  });

  it('tests a version on form data and on an envelope, and reports validation and failures', async () => {
    const xdomea = (await hub.call('GET', `${BASE}?leikaId=${SERVICE_KEYS.tradeRegister}`)).body.items.find(
      (r: any) => r.messageType === 'application' && r.targetFormat === 'xdomea',
    );
    // given form data only
    const onForm = await hub.call('POST', `${BASE}/${xdomea.id}/test`, {
      token: DEMO_TOKENS.admin,
      body: {
        sample: { businessName: 'Testbetrieb', activity: 'Testen', operator: { familyName: 'Probe' } },
      },
    });
    expect(onForm.status).toBe(200);
    expect(onForm.body.ok).toBe(true);
    expect(onForm.body.validation).toEqual({ valid: true, schema: 'xdomea-fvdaten', errors: [] });
    expect(onForm.body.output).toContain('<xdomea:Wert>Testbetrieb</xdomea:Wert>');

    // given a complete envelope, validated against a schema it does not meet
    const onEnvelope = await hub.call('POST', `${BASE}/${xdomea.id}/test`, {
      token: DEMO_TOKENS.admin,
      body: { sample: sampleEnvelope({ leikaId: SERVICE_KEYS.tradeRegister }), validate: 'xgewerbeanzeige' },
    });
    expect(onEnvelope.body.ok).toBe(false);
    expect(onEnvelope.body.validation.errors[0]).toMatch(/not accepted by schema xgewerbeanzeige/);

    // given an unsafe envelope
    const unsafe = await hub.call('POST', `${BASE}/${xdomea.id}/test`, {
      token: DEMO_TOKENS.admin,
      body: { sample: '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' },
    });
    expect(unsafe.status).toBe(422);
    expect(unsafe.body.type).toBe('urn:drehscheibe:problem:unsafe-xml');

    // given a rule that fails at run time
    const failing = await upload({
      ...key,
      targetFormat: 'failing',
      xslt: `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:sequence select="error((), 'Absichtlich fehlgeschlagen')"/></xsl:template></xsl:stylesheet>`,
    });
    const failed = await hub.call('POST', `${BASE}/${failing.body.id}/test`, {
      token: DEMO_TOKENS.admin,
      body: { sample: {} },
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Absichtlich fehlgeschlagen/) },
    });
  });

  it('keeps rule versions immutable in the database', async () => {
    const id = (await activeRule(hub.pool, {
      leikaId: SERVICE_KEYS.birthCertificate,
      messageType: 'application',
      targetFormat: 'json',
    }))!.id;
    await expect(hub.pool.query(`UPDATE rules SET xslt = 'changed' WHERE id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(hub.pool.query(`UPDATE rules SET sef = '{}' WHERE id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(hub.pool.query(`DELETE FROM rules WHERE id = $1`, [id])).rejects.toThrow(
      /immutable|foreign key/,
    );
    await expect(hub.pool.query(`UPDATE rule_activations SET rule_id = rule_id`)).rejects.toThrow(
      /append-only/,
    );
    const unchanged = await hub.call('GET', `${BASE}/${id}`);
    expect(unchanged.body.xslt).toContain('xsl:stylesheet');
  });

  it('answers 404 for an unknown version', async () => {
    expect((await hub.call('GET', `${BASE}/nope`)).status).toBe(404);
    expect((await hub.call('POST', `${BASE}/nope/activate`, { token: DEMO_TOKENS.admin })).status).toBe(404);
  });
});
