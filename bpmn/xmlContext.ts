// Where in a document a parser warning points: the qualified names of the enclosing elements, so the report
// can tell lost documentation, layout or vendor metadata from lost process semantics.

/** Offset of a 1-based line and column in `xml`. */
function offsetOf(xml: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = xml.indexOf('\n', offset);
    if (next < 0) return xml.length;
    offset = next + 1;
  }
  return Math.min(xml.length, offset + column - 1);
}

/**
 * The open elements (outermost first) at a position: a plain scan of start and end tags that skips
 * comments, CDATA and processing instructions; good enough for the well-formed XML moddle has read.
 */
export function ancestorsAt(xml: string, line: number, column: number): string[] {
  const end = offsetOf(xml, line, column);
  const stack: string[] = [];
  const tag =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  for (let match = tag.exec(xml); match && match.index < end; match = tag.exec(xml)) {
    const [, closing, name, selfClosing] = match;
    if (!name || match.index + match[0].length > end) continue;
    if (closing) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
    } else if (!selfClosing) stack.push(name);
  }
  return stack;
}
