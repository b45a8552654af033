// Reads an xdomea message with saxon-js XPath 3.1 (a real XML parser, never patterns over text): the message is
// the parameter $xml, the prefix x the xdomea namespace. Only for documents that passed assertSafeXml.
import { createRequire } from 'node:module';
import { XDOMEA_NS } from './xsd';

interface SaxonXPath {
  XPath: {
    evaluate(
      xpath: string,
      context: null,
      options: { params: Record<string, unknown>; namespaceContext: Record<string, string> },
    ): unknown;
  };
}

// saxon-js ships no type declarations; this narrow view is all an xdomea reader needs of it.
const saxon = createRequire(import.meta.url)('saxon-js') as SaxonXPath;

/** The value of `xpath` over the message `xml` (bound to $xml; x: is the xdomea namespace). */
export function evaluateOnXdomea<T>(xpath: string, xml: string): T {
  return saxon.XPath.evaluate(xpath, null, { params: { xml }, namespaceContext: { x: XDOMEA_NS } }) as T;
}
