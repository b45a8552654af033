import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_KEYS } from '../../rules/catalog';
import { readPaths } from '../../rules/xgewerbeanzeige/elementPaths';
import {
  XGWA_OLDER_SAMPLE_PATHS,
  allowedPaths,
  checkOfficialMessage,
  normalisePath,
  samplePaths,
} from '../../rules/xgewerbeanzeige/officialCheck';
import { agsOf } from '../../activities/tradeForwarding';
import { fullTradeForm, officialMessage } from './fixtures';

const sample = (file: string) =>
  readFileSync(new URL(`../../rules/xgewerbeanzeige/samples/${file}`, import.meta.url), 'utf8');
const valid22 = () => samplePaths().find((s) => s.file === 'xgwa2.2-valid.xml')!;
const TYPES = ['0100', '0300', '0500'] as const;
const SERVICES = [SERVICE_KEYS.tradeRegister, SERVICE_KEYS.tradeReRegister, SERVICE_KEYS.tradeDeregister];

describe('the check derived from the KoSIT samples', () => {
  it('accepts every valid sample in its own version', () => {
    for (const s of samplePaths().filter((x) => x.valid))
      expect(checkOfficialMessage(sample(s.file), s.version)).toEqual({
        valid: true,
        errors: [],
        type: s.type,
      });
  });

  it('(c) catches the defect of the official invalid 2.2 sample: betriebArt is missing', () => {
    const check = checkOfficialMessage(sample('xgwa2.2-invalid.xml'));
    expect(check.valid).toBe(false);
    expect(check.errors).toContain(
      'element ROOT/satz/RECORD/gewerbe/betriebArt is missing (every official valid sample has it)',
    );
  });

  it('refuses an element the samples do not have, a foreign namespace, and a wrong version', () => {
    const xml = sample('xgwa2.2-valid.xml');
    expect(
      checkOfficialMessage(
        xml.replace('<xga:ID>1</xga:ID>', '<xga:ID>1</xga:ID><xga:erfunden>x</xga:erfunden>'),
      ).errors,
    ).toEqual([
      'element ROOT/satz/RECORD/gewerbe/betrieb/erfunden does not occur in the official 2.2 sample',
    ]);
    expect(checkOfficialMessage(xml.replace('spezifikation/2.2', 'spezifikation/2.1')).valid).toBe(false);
    expect(checkOfficialMessage(xml.replace('version="2.2"', 'version="2.1"')).errors).toEqual([
      'attribute version is "2.1", expected "2.2"',
    ]);
    expect(checkOfficialMessage('<a><b></a>').valid).toBe(false);
    const swapped = xml.replace(
      /(<xga:gueltigAb>[^<]*<\/xga:gueltigAb>)(\s*)(<xga:datumMeldung>[^<]*<\/xga:datumMeldung>)/,
      '$3$2$1',
    );
    expect(swapped).not.toBe(xml);
    expect(checkOfficialMessage(swapped).errors).toEqual([
      'element ROOT/satz/RECORD/gueltigAb comes after datumMeldung; the official sample has it before',
    ]);
  });
});

describe('the official messages the hub emits', () => {
  it.each(TYPES.flatMap((type) => SERVICES.map((leikaId) => [type, leikaId] as const)))(
    '(a) %s for service %s stays inside the official sample paths and passes the check',
    async (type, leikaId) => {
      const xml = await officialMessage({ messageType: type, leikaId });
      const check = checkOfficialMessage(xml);
      expect(check.errors).toEqual([]);
      expect(check.type).toBe(type);
      const raw = readPaths(xml).paths;
      const sampleRaw = valid22().paths;
      for (const path of raw) {
        if (
          type === '0500' &&
          leikaId === SERVICE_KEYS.tradeRegister &&
          !XGWA_OLDER_SAMPLE_PATHS.has(normalisePath(path))
        )
          // The 2.2 sample is an abh.0500 Anmeldung: its paths must match exactly, root and record named.
          expect(sampleRaw, path).toContain(path);
        else expect(allowedPaths(), path).toContain(normalisePath(path));
      }
    },
  );

  it('(a) the paths only an older sample shows occur in a valid older sample', () => {
    const older = samplePaths().filter((s) => s.valid && s.version !== '2.2');
    for (const path of XGWA_OLDER_SAMPLE_PATHS)
      expect(
        older.some((s) => s.normalised.has(path)),
        path,
      ).toBe(true);
  });

  it('(b) with the sample case in the form, the 0500 message carries every path of the valid 2.2 sample but the street key and the reader address', async () => {
    const emitted = readPaths(await officialMessage({ messageType: '0500' })).paths;
    // Not form data: the reader's postal address (receivers are configured without one) and the street key.
    const notFromForm = (p: string) =>
      p.endsWith('/strassenschluessel') ||
      normalisePath(p).startsWith('ROOT/nachrichtenkopf/leser/anschrift');
    const missing = [...valid22().paths].filter((p) => !emitted.has(p) && !notFromForm(p));
    expect(missing).toEqual([]);
  });

  it('(b) the statistics office gets no birth data, addresses, contacts or residence title of the operator', async () => {
    const xml = await officialMessage({ messageType: '0100' });
    const person = [...readPaths(xml).paths].filter((p) => p.includes('beteiligtePerson/'));
    expect(person.some((p) => /geburts|anschrift|erreichbarkeit|aufenthaltstitel/.test(p))).toBe(false);
    expect(person).toContain('sta.gewerbemeldung.0100/satz/anmeldung/gewerbe/beteiligtePerson/familienname');
    const full = await officialMessage({ messageType: '0500' });
    expect(full).toContain('<xga:geburtsdatum>12101965</xga:geburtsdatum>');
  });

  it('writes dates, identifiers and code-list values as the samples do', async () => {
    const xml = await officialMessage({ messageType: '0500' });
    expect(xml).toMatch(/<xga:erstellungszeitpunkt>2026-07-01T09:31:00\+02:00<\/xga:erstellungszeitpunkt>/);
    expect(xml).toMatch(/<xga:gemeindeSchluessel listVersionID="2019-05-31">\s*<code>14612000<\/code>/);
    expect(xml).toMatch(/<xga:praefix listVersionID="7">\s*<code>MELDID<\/code>/);
    expect(xml).toMatch(/<xga:rechtsformSchluessel>\s*<code>170<\/code>/);
    expect(xml).toMatch(
      /<xga:staatsangehoerigkeitSchluessel listVersionID="2019-04-01">\s*<code>332<\/code>/,
    );
    expect(xml).toMatch(/<xga:nachrichtentyp>\s*<code>0500<\/code>/);
    expect(agsOf('146270210210')).toBe('14627210');
    expect(agsOf('146120000000')).toBe('14612000');
  });

  it('a form without betriebArt produces a message the check refuses (the rule never invents it)', async () => {
    const form = fullTradeForm();
    delete form.businessKind;
    const check = checkOfficialMessage(await officialMessage({ messageType: '0300', formData: form }));
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/betriebArt is missing/);
  });

  it('carries XML-special characters in names as text, unchanged', async () => {
    const form = fullTradeForm();
    const name = `O'Brien & <Söhne> "Ltd" ]]> ß`;
    form.businessName = name;
    (form.operator as Record<string, unknown>).familyName = `<Pick> & "Co"`;
    const xml = await officialMessage({ messageType: '0300', formData: form });
    expect(checkOfficialMessage(xml).errors).toEqual([]);
    expect(xml).toContain('&lt;Pick&gt; &amp; "Co"');
    expect(xml).toContain(`O'Brien &amp; &lt;Söhne&gt; "Ltd" ]]&gt; ß`);
  });
});
