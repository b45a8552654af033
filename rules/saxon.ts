// The one place that touches saxon-js: a narrow typed view of the calls the rule engine needs, and
// the run-time sandbox. saxon-js ships no type declarations.
import { createRequire } from 'node:module';

/** A compiled stylesheet (SEF) as plain JSON: the root node is a "package". */
export type Sef = { N: 'package' } & Record<string, unknown>;

interface XdmMap {
  inSituPut(key: unknown, value: unknown[]): void;
}

export interface SaxonDomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  namespaceURI?: string | null;
  nodeValue?: string | null;
  value?: string;
  name?: string;
  attributes?: ArrayLike<SaxonDomNode>;
  childNodes: ArrayLike<SaxonDomNode>;
  firstChild: SaxonDomNode | null;
  documentElement?: SaxonDomNode;
  _saxonBaseUri?: string;
  _saxonDocUri?: string;
}

interface SaxonPlatform {
  resource(name: 'compiler'): SefNode;
  parseXmlFromString(text: string, keepLineNumbers?: boolean): SaxonDomNode;
  readFile: (...args: unknown[]) => unknown;
  makeHttpRequest: (...args: unknown[]) => unknown;
  writeFileSync: (...args: unknown[]) => unknown;
  writeFileAsync: (...args: unknown[]) => unknown;
  resourcePromise: (...args: unknown[]) => unknown;
}

interface SefNode {
  N: string;
  C?: SefNode[];
  parentNode?: SefNode;
  [key: string]: unknown;
}

export interface SaxonTransformOptions {
  stylesheetInternal: unknown;
  sourceText?: string;
  sourceNode?: SaxonDomNode;
  destination: 'serialized' | 'raw' | 'application';
  stylesheetParams?: Record<string, unknown> | XdmMap;
  templateParams?: Record<string, unknown>;
  tunnelParams?: Record<string, unknown>;
  functionParams?: Record<string, unknown>;
  initialMode?: string;
  outputProperties?: Record<string, unknown>;
  isDynamicStylesheet?: boolean;
  collectionFinder?: (uri: string) => unknown;
  deliverResultDocument?: (uri: string) => {
    destination: string;
    save: (uri: unknown, content: unknown) => void;
  };
  deliverMessage?: (message: unknown, errorCode: unknown) => void;
  documentPool?: Record<string, unknown>;
  textResourcePool?: Record<string, string>;
}

export interface SaxonError extends Error {
  code?: string;
  errorObject?: { value?: string };
}

interface SaxonJS {
  getPlatform(): SaxonPlatform;
  transform(options: SaxonTransformOptions, mode: 'sync'): { principalResult: unknown };
  checkOptions(options: SaxonTransformOptions): { principalResult: unknown };
  internalTransform(stylesheet: SefNode, source: SaxonDomNode, options: unknown): void;
  XdmMap: new () => XdmMap;
  XS: { QName: { fromParts(prefix: string, uri: string, local: string): unknown } };
  XPath: { sefToJSON(node: SaxonDomNode, addChecksum: boolean): SefNode };
  XError: new (message: string, code: string) => SaxonError;
}

export const saxon = createRequire(import.meta.url)('saxon-js') as SaxonJS;

/** Code of the error raised when a rule tries to read or write outside its input. */
export const SANDBOX_ERROR_CODE = 'DS-RULE-SANDBOX';

let sandboxDepth = 0;
let sandboxInstalled = false;

/**
 * Runs a synchronous saxon-js call with every file, HTTP and write hook of the platform refusing.
 * Scanning a rule before upload is the first line; this catches anything the scanner missed
 * (document(), unparsed-text(), fn:transform with a location, xsl:result-document, ...). Sync
 * calls cannot interleave, so a depth counter scopes the block exactly to rule code.
 */
export function inSandbox<T>(run: () => T): T {
  installSandbox();
  sandboxDepth += 1;
  try {
    return run();
  } finally {
    sandboxDepth -= 1;
  }
}

function installSandbox(): void {
  if (sandboxInstalled) return;
  const platform = saxon.getPlatform();
  for (const hook of [
    'readFile',
    'makeHttpRequest',
    'writeFileSync',
    'writeFileAsync',
    'resourcePromise',
  ] as const) {
    const original = platform[hook];
    platform[hook] = (...args: unknown[]) => {
      if (sandboxDepth > 0) {
        throw new saxon.XError(
          `Integration rules may not access files or the network (${hook} ${String(args[0])} blocked)`,
          SANDBOX_ERROR_CODE,
        );
      }
      return original.apply(platform, args);
    };
  }
  sandboxInstalled = true;
}

/** Options that give a transform no collections and no result documents. */
export function sandboxedOptions(): Pick<
  SaxonTransformOptions,
  'collectionFinder' | 'deliverResultDocument' | 'documentPool' | 'textResourcePool'
> {
  const refuse = (what: string) => (uri: string) => {
    throw new saxon.XError(
      `Integration rules may not use ${what} (${String(uri)} blocked)`,
      SANDBOX_ERROR_CODE,
    );
  };
  return {
    collectionFinder: refuse('collections'),
    // saxon-js asks for a destination once up front; the refusal comes when a document is saved.
    deliverResultDocument: () => ({
      destination: 'serialized',
      save: (uri) => refuse('xsl:result-document')(String(uri)),
    }),
    documentPool: {},
    textResourcePool: {},
  };
}

/** Adds the integrity checksum saxon-js verifies before running a SEF (same algorithm as xslt3 -export). */
export function sealSef(sef: SefNode): void {
  const sigma = String.fromCharCode(931);
  const hash = (text: string, seed: number) => {
    let h = seed << 8;
    for (let i = 0; i < text.length; i++) h = (h << 1) + text.charCodeAt(i);
    return h;
  };
  const pair = (a: string, b: string, seed: number) => hash(a, seed) ^ hash(b, seed);
  let sum = 0;
  let counter = 0;
  const visit = (node: SefNode) => {
    sum ^= pair(node.N, 'http://ns.saxonica.com/xslt/export', counter++);
    for (const key of Object.keys(node)) {
      if (key === 'N' || key === 'C' || key === sigma) continue;
      sum ^= pair(key, '', counter);
      const value = node[key];
      // saxon-js hashes only string values (a number has no length and adds nothing).
      sum ^= hash(typeof value === 'string' ? value : '', counter);
    }
    node.C?.forEach(visit);
    sum ^= 1;
  };
  visit(sef);
  sef[sigma] = (sum < 0 ? 4294967295 + sum + 1 : sum).toString(16);
}

/** Lets saxon-js walk the compiler SEF upwards, as xslt3 does before running it. */
export function addParentPointers(node: SefNode): void {
  node.C?.forEach((child) => {
    child.parentNode = node;
    addParentPointers(child);
  });
}

export type { SefNode };
