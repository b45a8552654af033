// The gate every XML string passes before a parser (saxon-js, libxml2) sees it. DTDs are refused
// outright rather than "disabled" in each parser, so XXE and entity expansion cannot depend on a
// parser option someone forgets; a small scanner then checks well-formedness without any DTD logic.

export type UnsafeXmlCode = 'too-large' | 'doctype' | 'entity' | 'too-deep' | 'not-well-formed';

/** Refusal of an XML document, with a stable code and a message that says what to fix. */
export class UnsafeXmlError extends Error {
  override readonly name = 'UnsafeXmlError';
  constructor(
    readonly code: UnsafeXmlCode,
    message: string,
    /** Where the problem is, when it has a place (1-based). */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 256;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Looser than the XML Name production on purpose: the exact check is the real parser's job.
const NAME = /[:A-Z_a-z\u00C0-\uFFFF][:A-Z_a-z\u00B7\u00C0-\uFFFF.0-9-]*/y;
const REFERENCE = /&(?:([A-Za-z_:][\w.:-]*)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const WHITESPACE = /^[ \t\r\n]*$/;

/** Throws UnsafeXmlError unless xml is small enough, has no DOCTYPE/ENTITY and is well-formed. */
export function assertSafeXml(xml: string, maxBytes = 5_000_000): void {
  if (xml.length > maxBytes || Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new UnsafeXmlError(
      'too-large',
      `XML refused: the document is larger than ${maxBytes} bytes. Send a smaller document or split it.`,
    );
  }
  if (/<!DOCTYPE/i.test(xml)) {
    throw new UnsafeXmlError(
      'doctype',
      'XML refused: the document contains a <!DOCTYPE> declaration. Remove it; DTDs are not accepted (they enable XXE and entity expansion).',
    );
  }
  if (/<!ENTITY/i.test(xml)) {
    throw new UnsafeXmlError(
      'entity',
      'XML refused: the document declares an <!ENTITY>. Remove it and write the text directly; only the predefined entities and character references are accepted.',
    );
  }
  new WellFormednessScanner(xml).run();
}

class WellFormednessScanner {
  private i = 0;
  private readonly stack: string[] = [];
  private rootSeen = false;

  constructor(private readonly xml: string) {}

  run(): void {
    const { xml } = this;
    if (xml.charCodeAt(0) === 0xfeff) this.i = 1;
    if (xml.startsWith('<?xml', this.i) && /[\s?]/.test(xml[this.i + 5] ?? ''))
      this.skipPast('?>', 'XML declaration');
    while (this.i < xml.length) {
      if (xml[this.i] === '<') this.markup();
      else this.text();
    }
    if (this.stack.length > 0) this.fail(`element <${this.stack[this.stack.length - 1]}> is not closed`);
    if (!this.rootSeen) this.fail('the document has no root element');
  }

  private markup(): void {
    const { xml } = this;
    if (xml.startsWith('<!--', this.i)) {
      const start = this.i + 4;
      this.i = start;
      const end = this.skipPast('-->', 'comment');
      const body = xml.slice(start, end);
      if (body.includes('--') || body.endsWith('-')) this.fail('"--" is not allowed inside a comment', start);
    } else if (xml.startsWith('<![CDATA[', this.i)) {
      if (this.stack.length === 0) this.fail('CDATA section outside the root element');
      this.skipPast(']]>', 'CDATA section');
    } else if (xml.startsWith('<?', this.i)) {
      this.i += 2;
      const target = this.name('processing instruction target');
      if (target.toLowerCase() === 'xml')
        this.fail('the XML declaration must be at the very start of the document');
      this.skipPast('?>', 'processing instruction');
    } else if (xml.startsWith('<!', this.i)) {
      this.fail('markup declarations (<!...>) are not allowed');
    } else if (xml.startsWith('</', this.i)) {
      const start = this.i;
      this.i += 2;
      const name = this.name('end tag');
      this.skipWhitespace();
      this.expect('>');
      const open = this.stack.pop();
      if (open !== name)
        this.fail(
          open ? `end tag </${name}> does not match <${open}>` : `end tag </${name}> has no start tag`,
          start,
        );
    } else {
      this.startTag();
    }
  }

  private startTag(): void {
    if (this.stack.length === 0 && this.rootSeen)
      this.fail('content after the root element; a document has exactly one root');
    this.i += 1;
    const name = this.name('start tag');
    const attributes = new Set<string>();
    for (;;) {
      const hadSpace = this.skipWhitespace();
      const c = this.xml[this.i];
      if (c === '>' || c === '/') break;
      if (c === undefined) this.fail(`start tag <${name}> is not closed`);
      if (!hadSpace) this.fail(`whitespace required before attribute in <${name}>`);
      const attribute = this.name('attribute');
      if (attributes.has(attribute)) this.fail(`attribute ${attribute} appears twice in <${name}>`);
      attributes.add(attribute);
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.xml[this.i];
      if (quote !== '"' && quote !== "'") this.fail(`value of attribute ${attribute} must be quoted`);
      const end = this.xml.indexOf(quote, this.i + 1);
      if (end < 0) this.fail(`value of attribute ${attribute} is not closed`);
      const value = this.xml.slice(this.i + 1, end);
      if (value.includes('<'))
        this.fail(`"<" is not allowed in the value of attribute ${attribute}; write &lt;`);
      this.references(value, this.i + 1);
      this.i = end + 1;
    }
    this.rootSeen = true;
    if (this.xml[this.i] === '/') {
      this.i += 1;
      this.expect('>');
      return;
    }
    this.i += 1;
    this.stack.push(name);
    if (this.stack.length > MAX_DEPTH) {
      throw new UnsafeXmlError(
        'too-deep',
        `XML refused: elements are nested deeper than ${MAX_DEPTH} levels. Flatten the structure.`,
      );
    }
  }

  private text(): void {
    const next = this.xml.indexOf('<', this.i);
    const end = next < 0 ? this.xml.length : next;
    const text = this.xml.slice(this.i, end);
    if (this.stack.length === 0) {
      if (!WHITESPACE.test(text)) this.fail('text outside the root element');
    } else {
      if (text.includes(']]>')) this.fail('"]]>" is not allowed in text; write ]]&gt;');
      this.references(text, this.i);
    }
    this.i = end;
  }

  private references(text: string, offset: number): void {
    for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
      REFERENCE.lastIndex = at;
      const match = REFERENCE.exec(text);
      if (!match) this.fail('"&" must start a reference like &amp; or &#38;', offset + at);
      const [, named, decimal, hex] = match;
      if (named !== undefined && !PREDEFINED.has(named)) {
        const { line, column } = this.position(offset + at);
        throw new UnsafeXmlError(
          'entity',
          `XML refused: line ${line}: undefined entity &${named};. Only &amp; &lt; &gt; &quot; &apos; and character references are accepted.`,
          line,
          column,
        );
      }
      const codePoint =
        decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : 0x20;
      if (!isXmlChar(codePoint))
        this.fail(`character reference ${match[0]} is not an allowed XML character`, offset + at);
    }
  }

  private name(what: string): string {
    NAME.lastIndex = this.i;
    const match = NAME.exec(this.xml);
    if (!match) this.fail(`expected a name in ${what}`);
    this.i += match[0].length;
    return match[0];
  }

  private skipWhitespace(): boolean {
    const start = this.i;
    while (/[ \t\r\n]/.test(this.xml[this.i] ?? '')) this.i += 1;
    return this.i > start;
  }

  private skipPast(terminator: string, what: string): number {
    const end = this.xml.indexOf(terminator, this.i);
    if (end < 0) this.fail(`${what} is not closed (missing "${terminator}")`);
    this.i = end + terminator.length;
    return end;
  }

  private expect(c: string): void {
    if (this.xml[this.i] !== c) this.fail(`expected "${c}"`);
    this.i += 1;
  }

  private position(at: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let p = this.xml.indexOf('\n'); p >= 0 && p < at; p = this.xml.indexOf('\n', p + 1)) {
      line += 1;
      lineStart = p + 1;
    }
    return { line, column: at - lineStart + 1 };
  }

  private fail(problem: string, at = this.i): never {
    const { line, column } = this.position(at);
    throw new UnsafeXmlError(
      'not-well-formed',
      `XML refused: line ${line}, column ${column}: ${problem}. Send well-formed XML.`,
      line,
      column,
    );
  }
}

/** Whether a code point may appear in an XML 1.0 document. */
export function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}
