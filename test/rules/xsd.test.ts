import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rootElementName, validateXml } from '../../rules/xsd';

const xdomeaExample = readFileSync(
  new URL(
    '../../../shared/corpus/xdomea-3.0.0/examples/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
    import.meta.url,
  ),
  'utf8',
);
const gewerbemeldung = readFileSync(new URL('./fixtures/gewerbemeldung-valid.xml', import.meta.url), 'utf8');

describe('validateXml', () => {
  it('accepts the real xdomea 3.0.0 example message', async () => {
    const result = await validateXml(xdomeaExample, 'xdomea');
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('rejects a broken xdomea variant and names the element and line', async () => {
    // given the example with a renamed header element
    const broken = xdomeaExample.replaceAll('xdomea:Erstellungszeitpunkt>', 'xdomea:Erstellzeit>');
    // when
    const result = await validateXml(broken, 'xdomea');
    // then
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/line \d+: .*Erstellzeit.*not expected/);
  });

  it('validates a message close to the 5 MB gate (enough memory for libxml2)', async () => {
    // given the example with its records repeated to 4.5 MB
    const start = xdomeaExample.indexOf('<xdomea:Schriftgutobjekt>');
    const end = xdomeaExample.lastIndexOf('</xdomea:Schriftgutobjekt>') + '</xdomea:Schriftgutobjekt>'.length;
    const records = xdomeaExample.slice(start, end);
    const big =
      xdomeaExample.slice(0, start) +
      records.repeat(Math.floor(4_500_000 / records.length)) +
      xdomeaExample.slice(end);
    // when / then
    expect(big.length).toBeGreaterThan(4_000_000);
    expect(await validateXml(big, 'xdomea')).toEqual({ valid: true, errors: [] });
  });

  it('accepts only the filing message 0201 for xdomea-geschaeftsgang', async () => {
    const result = await validateXml(xdomeaExample, 'xdomea-geschaeftsgang');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(
      /Aussonderung\.Aussonderung\.0503 is not accepted.*Geschaeftsgang\.Geschaeftsgang\.0201/,
    );
  });

  it('accepts a valid XGewerbeanzeige-style message and rejects one without the family name', async () => {
    expect(await validateXml(gewerbemeldung, 'xgewerbeanzeige')).toEqual({ valid: true, errors: [] });
    const withoutName = gewerbemeldung.replace(/<xga:familienname>.*<\/xga:familienname>/, '');
    const result = await validateXml(withoutName, 'xgewerbeanzeige');
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/familienname/);
  });

  it('reports unsafe XML as invalid without parsing it', async () => {
    const xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    const result = await validateXml(xxe, 'xgewerbeanzeige');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/DOCTYPE/);
  });
});

describe('rootElementName', () => {
  it('resolves the prefix of the document element', () => {
    expect(rootElementName('<?xml version="1.0"?>\n<!-- c --><p:a xmlns:p="urn:p" x="1"><b/></p:a>')).toBe(
      '{urn:p}a',
    );
    expect(rootElementName('<a xmlns="urn:d"/>')).toBe('{urn:d}a');
  });
});
