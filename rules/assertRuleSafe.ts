// Refuses, at upload, every stylesheet construct that could read files or URLs, write output
// elsewhere, evaluate code built at run time, or call processor extensions. The scan errs on the
// side of refusing: a user function or literal text that merely looks like doc(...) is refused too.
import { assertSafeXml, UnsafeXmlError } from '../platform/safeXml';
import { RuleCompileError, RuleUnsafeError } from './ruleErrors';
import { saxon, type SaxonDomNode } from './saxon';

export const MAX_RULE_BYTES = 1_000_000;

const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const FORBIDDEN_ELEMENTS: Record<string, string> = {
  'result-document': 'writes output to a URI',
  'source-document': 'reads a document from a URI',
  'import-schema': 'loads a schema from a URI',
  evaluate: 'evaluates XPath built at run time, which the scan cannot check',
  'use-package': 'loads a package from outside the rule',
  stream: 'reads a document from a URI',
};

const FORBIDDEN_FUNCTIONS: Record<string, string> = {
  document: 'reads a document from a URI',
  doc: 'reads a document from a URI',
  'doc-available': 'probes a URI',
  'unparsed-text': 'reads a file or URL',
  'unparsed-text-lines': 'reads a file or URL',
  'unparsed-text-available': 'probes a file or URL',
  collection: 'reads a collection of documents',
  'uri-collection': 'lists a collection of documents',
  'json-doc': 'reads JSON from a URI',
  'load-xquery-module': 'loads code from a URI',
  transform: 'runs another stylesheet, which the scan cannot check',
  'function-lookup': 'finds functions by name at run time, which the scan cannot check',
  'environment-variable': 'reads the environment of the hub',
  'available-environment-variables': 'reads the environment of the hub',
  'parse-xml': 'parses XML without the DTD gate',
  'parse-xml-fragment': 'parses XML without the DTD gate',
};

const EXTENSION_PREFIXES = ['saxon', 'js', 'ixsl'];
const EXTENSION_NAMESPACES = [
  'http://saxon.sf.net',
  'http://saxonica.com',
  'http://ns.saxonica.com',
  'http://www.saxonica.com',
];

// XPath comments may sit between a function name and its "(" — they must not hide the call.
const GAP = String.raw`(?:\s|\(:[\s\S]*?:\))*`;
const CALL = new RegExp(
  String.raw`(?<![\w.$-])(?:[\w.-]+:|Q\{[^}]*\})?(${Object.keys(FORBIDDEN_FUNCTIONS)
    .sort((a, b) => b.length - a.length)
    .join('|')})${GAP}[(#]`,
);
const EXTENSION_CALL = new RegExp(
  String.raw`(?<![\w.$-])(${EXTENSION_PREFIXES.join('|')}):[\w.-]+${GAP}[(#]`,
);

/** Throws RuleUnsafeError (or RuleCompileError for unreadable XML) unless the stylesheet is safe to compile. */
export function assertRuleSafe(xslt: string): void {
  try {
    assertSafeXml(xslt, MAX_RULE_BYTES);
  } catch (error) {
    if (!(error instanceof UnsafeXmlError)) throw error;
    if (error.code === 'doctype' || error.code === 'entity') {
      throw new RuleUnsafeError(
        '<!DOCTYPE>',
        `The rule declares a DTD or entities: ${error.message}`,
        lineOf(xslt, '<!'),
      );
    }
    throw new RuleCompileError(
      error.message.replace(/^XML refused: /, 'The rule is not well-formed XML: '),
      error.line,
      error.column,
    );
  }
  let document: SaxonDomNode;
  try {
    document = saxon.getPlatform().parseXmlFromString(xslt, true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /line (\d+) column (\d+)/.exec(message);
    throw new RuleCompileError(
      `The rule is not well-formed XML: ${message}`,
      at ? Number(at[1]) : undefined,
      at ? Number(at[2]) : undefined,
    );
  }
  const root = document.documentElement;
  if (root) visit(root, xslt);
}

function visit(element: SaxonDomNode, source: string): void {
  const inXsl = element.namespaceURI === XSL_NS;
  const local = element.localName ?? element.nodeName;
  if (inXsl && FORBIDDEN_ELEMENTS[local])
    refuse(`xsl:${local}`, FORBIDDEN_ELEMENTS[local], source, `:${local}`);
  if (inXsl && (local === 'import' || local === 'include')) {
    const href = attributeValue(element, 'href');
    if (href && href.trim() !== '')
      refuse(
        `xsl:${local} href="${href}"`,
        'loads another stylesheet from a URI; put everything into one rule',
        source,
        href,
      );
  }
  if (inXsl && local === 'merge-source' && attributeValue(element, 'for-each-source') !== undefined) {
    refuse('xsl:merge-source for-each-source', 'reads documents from URIs', source, 'for-each-source');
  }
  for (const attribute of Array.from(element.attributes ?? [])) {
    const value = attribute.value ?? attribute.nodeValue ?? '';
    if (attribute.namespaceURI === XMLNS_NS) {
      if (EXTENSION_NAMESPACES.some((ns) => value.startsWith(ns))) {
        refuse(
          `${attribute.name}="${value}"`,
          'binds a processor extension namespace (saxon:, js:, ixsl:)',
          source,
          value,
        );
      }
      continue;
    }
    // Attributes of XSLT instructions hold XPath; others only within {...} (value templates).
    const isExpression = inXsl || attribute.namespaceURI === XSL_NS || value.includes('{');
    if (isExpression) checkExpression(value, source);
  }
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === 1) visit(child, source);
    else if (child.nodeType === 3 || child.nodeType === 4) {
      const text = child.nodeValue ?? '';
      // Text holds an expression only as a text value template.
      if (text.includes('{')) checkExpression(text, source);
    }
  }
}

function checkExpression(expression: string, source: string): void {
  const call = CALL.exec(expression);
  if (call) refuse(`${call[1]}()`, FORBIDDEN_FUNCTIONS[call[1]!]!, source, call[0]);
  const extension = EXTENSION_CALL.exec(expression);
  if (extension)
    refuse(
      extension[0].replace(/[\s(#]+$/, '()'),
      `is a processor extension (${extension[1]}:)`,
      source,
      extension[0],
    );
  const namespace = EXTENSION_NAMESPACES.find((ns) => expression.includes(ns));
  if (namespace) refuse(`Q{${namespace}...}`, 'names a processor extension namespace', source, namespace);
}

function attributeValue(element: SaxonDomNode, name: string): string | undefined {
  const attribute = Array.from(element.attributes ?? []).find((a) => a.name === name && !a.namespaceURI);
  return attribute ? (attribute.value ?? attribute.nodeValue ?? '') : undefined;
}

function refuse(construct: string, why: string, source: string, needle: string): never {
  const line = lineOf(source, needle);
  throw new RuleUnsafeError(
    construct,
    `The rule uses ${construct}${line ? ` (line ${line})` : ''}, which ${why}. Rules may only transform their input; remove it.`,
    line,
  );
}

function lineOf(source: string, needle: string): number | undefined {
  const at = source.indexOf(needle);
  return at < 0 ? undefined : source.slice(0, at).split('\n').length;
}
