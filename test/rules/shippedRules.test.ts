import { describe, expect, it } from 'vitest';
import { RULE_CATALOG, RULE_FILES, ruleText, SERVICE_KEYS, type RuleFile } from '../../rules/catalog';
import { compileRule } from '../../rules/compile';
import { sampleEnvelope } from '../../rules/samples';
import { runRule } from '../../rules/transform';
import { validateOutput } from '../../rules/validateOutput';
import { SERVICES } from '../../db/seed/services';
import type { Sef } from '../../rules/saxon';
import type { MessageType } from '../../rules/envelope';

const compiled = new Map<RuleFile, Sef>(
  await Promise.all(RULE_FILES.map(async (file) => [file, await compileRule(ruleText(file))] as const)),
);

async function run(
  file: RuleFile,
  leikaId: string,
  messageType: MessageType = 'application',
  formData?: Record<string, unknown>,
) {
  return runRule(
    { id: `test:${file}`, sef: compiled.get(file)! },
    sampleEnvelope({ leikaId, messageType, formData }),
  );
}

describe('the shipped rules', () => {
  it('cover every seeded service with xdomea and mail for all messages and a Fachverfahren format for applications', () => {
    for (const service of SERVICES) {
      const formats = (messageType: string) =>
        RULE_CATALOG.filter((r) => r.leikaId === service.leikaId && r.messageType === messageType).map(
          (r) => r.targetFormat,
        );
      expect(formats('application')).toEqual(expect.arrayContaining(['xdomea', 'mail-summary', 'json']));
      expect(formats('notice')).toEqual(expect.arrayContaining(['xdomea']));
      expect(formats('record')).toEqual(expect.arrayContaining(['xdomea']));
    }
    const keys = RULE_CATALOG.map((r) => `${r.leikaId}|${r.messageType}|${r.targetFormat}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(
    RULE_CATALOG.map((r) => [`${r.leikaId} ${r.messageType} -> ${r.targetFormat} (${r.file})`, r] as const),
  )('%s produces valid output on a realistic sample', async (_name, rule) => {
    // given the bundle's sample application as an envelope
    // when
    const output = await run(rule.file, rule.leikaId, rule.messageType);
    // then
    const validation = await validateOutput(rule.targetFormat, output);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it('turns a trade deregistration into an XGewerbeanzeige abmeldung and a supplement into a correction', async () => {
    const deregistration = await run('trade-xgewerbeanzeige.xsl', SERVICE_KEYS.tradeDeregister);
    expect(deregistration).toMatch(/<xga:abmeldung>/);
    expect(deregistration).toMatch(
      /<xga:strasse>Königsbrücker Straße<\/xga:strasse>\s*<xga:hausNr>12a<\/xga:hausNr>/,
    );
    expect(deregistration).toContain(
      '<xga:eingetragenerName>Feinkost Müller &amp; Söhne</xga:eingetragenerName>',
    );
    const supplement = await run('trade-xgewerbeanzeige.xsl', SERVICE_KEYS.tradeRegister, 'supplement');
    expect(supplement).toMatch(
      /<xga:anmeldung>\s*<xga:satzErstellung>[^<]+<\/xga:satzErstellung>\s*<xga:istKorrektur>\s*<code>1<\/code>/,
    );
  });

  it('refuses to express a register extract as an XGewerbeanzeige', async () => {
    await expect(run('trade-xgewerbeanzeige.xsl', SERVICE_KEYS.tradeRegisterExtract)).rejects.toThrow(
      /has no XGewerbeanzeige record/,
    );
  });

  it('files every message of one application into the same xdomea Vorgang and closes it with the final record', async () => {
    const vorgang = (xml: string) =>
      /<xdomea:Vorgang>\s*<xdomea:Identifikation>\s*<xdomea:ID>([^<]+)</.exec(xml)?.[1];
    const application = await run('xdomea-filing.xsl', SERVICE_KEYS.parkingBanForMove);
    const notice = await run('xdomea-filing.xsl', SERVICE_KEYS.parkingBanForMove, 'notice');
    const record = await run('xdomea-filing.xsl', SERVICE_KEYS.parkingBanForMove, 'record');
    expect(vorgang(application)).toMatch(/^[0-9a-f-]{36}$/);
    expect(vorgang(notice)).toBe(vorgang(application));
    expect(vorgang(record)).toBe(vorgang(application));
    expect(notice).toContain('<xdomea:Typ>Bescheid</xdomea:Typ>');
    expect(notice).toContain('<xdomea:DateinameOriginal>Bescheid.pdf</xdomea:DateinameOriginal>');
    expect(application).toContain('<xdomea:Name>location.street</xdomea:Name>');
    // the record files what no earlier message filed (the objection), not the notice again
    expect(record).toContain('<xdomea:Typ>Abschlussvermerk</xdomea:Typ>');
    expect(record).toContain('<xdomea:Typ>Widerspruch</xdomea:Typ>');
    expect(record).not.toContain('Bescheid.pdf');
    // closing is its own message: the Vorgang zdA
    const closing = await run('xdomea-filing.xsl', SERVICE_KEYS.parkingBanForMove, 'closing');
    expect(closing).toContain('<xdomea:FVDaten.SGOZDAVerfuegen.0624');
    expect(/<xdomea:IDSGO>([^<]+)</.exec(closing)?.[1]).toBe(vorgang(application));
  });

  it('gives the same output for the same message (a retried delivery is byte-identical)', async () => {
    for (const file of RULE_FILES.filter((f) => f !== 'trade-xgewerbeanzeige.xsl')) {
      expect(await run(file, SERVICE_KEYS.tradeRegister)).toBe(await run(file, SERVICE_KEYS.tradeRegister));
    }
  });

  it('switching the Fachverfahren product switches the format of the same application', async () => {
    const xml = await run('trade-xgewerbeanzeige.xsl', SERVICE_KEYS.tradeRegister);
    const json = JSON.parse(await run('trade-json.xsl', SERVICE_KEYS.tradeRegister));
    expect(xml).toMatch(/^<\?xml/);
    expect(json).toMatchObject({
      schema: 'urn:drehscheibe:amtsdesk:gewerbe:1',
      vorgangsart: 'Gewerbeanmeldung',
      betriebPlz: '01099',
      beschaeftigte: 3,
    });
  });

  it('maps the street-use and civil-status forms field by field', async () => {
    const parking = JSON.parse(await run('street-use-json.xsl', SERVICE_KEYS.parkingBanForMove));
    expect(parking).toMatchObject({
      massnahme: 'HALTEVERBOT_UMZUG',
      von: '2026-09-12',
      bis: '2026-09-13',
      tage: 2,
      laengeMeter: 15,
    });
    const birth = JSON.parse(await run('civil-status-json.xsl', SERVICE_KEYS.birthCertificate));
    expect(birth).toMatchObject({
      urkundenart: 'GEBURTSURKUNDE',
      personFamilienname: 'Schmidt',
      anzahl: 2,
      standesamt: 'Standesamt Dresden',
    });
  });

  it('writes the office mail in German with local time and German dates', async () => {
    const mail = await run('mail-summary.xsl', SERVICE_KEYS.tradeRegister);
    expect(mail).toMatch(/^Neuer Antrag A-20260701-1A2B3C4D5E\n=+\n/);
    expect(mail).toContain('Eingegangen am:  01.07.2026, 09:30 Uhr');
    expect(mail).toContain(
      '  Inhaber/in:\n    Familienname: Müller\n    Vorname: Erika\n    Geburtsdatum: 17.05.1984',
    );
    expect(mail).toContain('  - Personalausweis.pdf (application/pdf, 47 kB)');
    const winter = await runRule(
      { sef: compiled.get('mail-summary.xsl')! },
      sampleEnvelope({ leikaId: SERVICE_KEYS.birthCertificate }).replace(
        '2026-07-01T07:30:00.000Z',
        '2026-01-15T23:30:00.000Z',
      ),
    );
    expect(winter).toContain('Eingegangen am:  16.01.2026, 00:30 Uhr');
  });

  it('a JSON document that breaks its vendor schema is reported invalid', async () => {
    const json = JSON.parse(await run('trade-json.xsl', SERVICE_KEYS.tradeRegister));
    const broken = JSON.stringify({ ...json, betriebPlz: '1099', beschaeftigte: -1 });
    const validation = await validateOutput('json', broken);
    expect(validation.valid).toBe(false);
    expect(validation.errors.join('\n')).toMatch(
      /betriebPlz[\s\S]*beschaeftigte|beschaeftigte[\s\S]*betriebPlz/,
    );
  });
});
