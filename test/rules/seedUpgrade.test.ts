// Given a depot whose active rule is an older shipped text, when the hub seeds again, then the newer shipped
// text becomes the next, active version; a key an administrator uploaded to is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_CATALOG, ruleText, SERVICE_KEYS } from '../../rules/catalog';
import { compileRule } from '../../rules/compile';
import { activeRule, getRule, insertSeedUpgrade, uploadRule } from '../../rules/depot';
import { inTransaction } from '../../db/pool';
import { seedRules } from '../../rules/seedRules';
import { startTestHub, type TestHub } from '../support/testHub';

const OLD_TEXT = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/><xsl:template match="/">old shipped rule</xsl:template>
</xsl:stylesheet>`;

describe('seeding a depot that holds older shipped rules', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ demo: false, parts: { api: false, worker: false } });
    await seedRules(hub.pool);
  });
  afterAll(async () => hub?.stop());

  it('replaces an outdated shipped version, once, and keeps administrators’ keys', async () => {
    // given two keys whose active version is an older shipped text, one of which an administrator also uploaded to
    const shipped = {
      leikaId: SERVICE_KEYS.birthCertificate,
      messageType: 'notice',
      targetFormat: 'xdomea',
    } as const;
    const adminKey = {
      leikaId: SERVICE_KEYS.deathCertificate,
      messageType: 'notice',
      targetFormat: 'xdomea',
    } as const;
    const oldSef = await compileRule(OLD_TEXT);
    await inTransaction(hub.pool, async (client) => {
      await insertSeedUpgrade(client, shipped, OLD_TEXT, oldSef, 'older shipped text');
      await insertSeedUpgrade(client, adminKey, OLD_TEXT, oldSef, 'older shipped text');
    });
    await uploadRule(hub.pool, { ...adminKey, xslt: OLD_TEXT.replace('old', 'own'), createdBy: 'Amt' });
    // when
    const created = await seedRules(hub.pool);
    // then
    expect(created).toEqual([`${shipped.leikaId}.notice.xdomea.v3`]);
    const active = await activeRule(hub.pool, shipped);
    expect(active?.version).toBe(3);
    expect((await getRule(hub.pool, active!.id))?.xslt).toBe(ruleText('xdomea-filing.xsl'));
    expect((await activeRule(hub.pool, adminKey))?.version).toBe(2);
    expect(await seedRules(hub.pool)).toEqual([]);
    expect(RULE_CATALOG.some((r) => r.leikaId === shipped.leikaId && r.messageType === 'closing')).toBe(true);
  });
});
