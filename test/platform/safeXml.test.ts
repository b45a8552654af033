import { describe, expect, it } from 'vitest';
import { UnsafeXmlError, assertSafeXml } from '../../platform/safeXml';

function refusal(xml: string, maxBytes?: number): UnsafeXmlError {
  try {
    assertSafeXml(xml, maxBytes);
  } catch (error) {
    if (error instanceof UnsafeXmlError) return error;
    throw error;
  }
  throw new Error('expected the XML to be refused');
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;

describe('assertSafeXml', () => {
  it('accepts a well-formed document with namespaces, comments, CDATA, PIs and predefined entities', () => {
    // given a document using every construct the gate must let through
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- Kommentar -->
<a:root xmlns:a="urn:x" id='1'><?pi data?><b attr="&lt;&amp;&#38;&#x26;">Text &quot;ü&quot;<![CDATA[<not markup> & ]]></b><c/></a:root>
`;
    // when / then
    expect(() => assertSafeXml(xml)).not.toThrow();
  });

  it('refuses an XXE document before any parser sees it', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    const error = refusal(xxe);
    expect(error.code).toBe('doctype');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses billion laughs', () => {
    expect(refusal(BILLION_LAUGHS).code).toBe('doctype');
  });

  it('refuses a lone ENTITY declaration and undefined entity references', () => {
    expect(refusal('<a><!ENTITY x "y"></a>').code).toBe('entity');
    const undefinedEntity = refusal('<a>\n&nbsp;</a>');
    expect(undefinedEntity.code).toBe('entity');
    expect(undefinedEntity.message).toMatch(/line 2: undefined entity &nbsp;/);
  });

  it('refuses oversize input by bytes, not characters', () => {
    // given 600 two-byte characters (1200 bytes) against a 1000-byte limit
    const xml = `<a>${'ä'.repeat(600)}</a>`;
    const error = refusal(xml, 1000);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/1000 bytes/);
    expect(() => assertSafeXml(xml, 2000)).not.toThrow();
  });

  it('refuses deeply nested documents', () => {
    const depth = 300;
    expect(refusal('<a>'.repeat(depth) + '</a>'.repeat(depth)).code).toBe('too-deep');
  });

  it.each([
    ['unclosed element', '<a><b></a>', /end tag <\/a> does not match <b>/],
    ['two roots', '<a/><b/>', /exactly one root/],
    ['text outside root', 'hello<a/>', /text outside the root/],
    ['bare ampersand', '<a>Fish & Chips</a>', /"&" must start a reference/],
    ['unquoted attribute', '<a x=1/>', /must be quoted/],
    ['duplicate attribute', '<a x="1" x="2"/>', /appears twice/],
    ['< in attribute', '<a x="<"/>', /not allowed in the value/],
    ['empty document', '   ', /no root element/],
    ['late XML declaration', '<a/><?xml version="1.0"?>', /very start/],
    ['double hyphen in comment', '<a><!-- x -- y --></a>', /"--" is not allowed/],
    ['invalid character reference', '<a>&#0;</a>', /not an allowed XML character/],
  ])('refuses a not well-formed document: %s', (_name, xml, message) => {
    const error = refusal(xml);
    expect(error.code).toBe('not-well-formed');
    expect(error.message).toMatch(message);
  });

  it('names the line of a well-formedness error', () => {
    expect(refusal('<a>\n<b>\n</c></a>').message).toMatch(/line 3/);
  });
});
