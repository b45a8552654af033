// XSD validation with libxml2 compiled to wasm (xmllint-wasm): no native dependency and no network;
// every file a schema includes is handed in from rules/schemas/, read once and cached.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import type { XMLFileInfo } from 'xmllint-wasm';
import { UnsafeXmlError, assertSafeXml } from '../platform/safeXml';

export const SCHEMA_NAMES = ['xdomea', 'xdomea-geschaeftsgang', 'xgewerbeanzeige'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export interface XsdResult {
  valid: boolean;
  errors: string[];
}

export const XDOMEA_NS = 'urn:xoev-de:xdomea:schema:3.0.0';
export const XGEWERBEANZEIGE_NS = 'urn:drehscheibe:xgewerbeanzeige:1';

interface SchemaSpec {
  folder: string;
  main: string;
  /** The message elements this schema name accepts as root; a schema also declares others. */
  roots: string[];
}

const SPECS: Record<SchemaName, SchemaSpec> = {
  xdomea: { folder: 'xdomea-3.0.0', main: 'xdomea.xsd', roots: [] },
  'xdomea-geschaeftsgang': {
    folder: 'xdomea-3.0.0',
    main: 'xdomea-Nachrichten-GeschaeftsgangDurchfuehren.xsd',
    roots: [`{${XDOMEA_NS}}Geschaeftsgang.Geschaeftsgang.0201`],
  },
  xgewerbeanzeige: {
    folder: 'xgewerbeanzeige',
    main: 'xgewerbeanzeige.xsd',
    roots: [`{${XGEWERBEANZEIGE_NS}}gewerbemeldung.0500`],
  },
};

const SCHEMA_ROOT = fileURLToPath(new URL('./schemas/', import.meta.url));
const loaded = new Map<string, Promise<XMLFileInfo[]>>();

/** Validates xml against a named schema; unsafe or malformed XML is reported as invalid, never parsed. */
export async function validateXml(xml: string, schema: SchemaName): Promise<XsdResult> {
  const spec = SPECS[schema];
  if (!spec)
    return {
      valid: false,
      errors: [`Unknown schema "${String(schema)}"; use one of ${SCHEMA_NAMES.join(', ')}.`],
    };
  try {
    assertSafeXml(xml);
  } catch (error) {
    if (error instanceof UnsafeXmlError) return { valid: false, errors: [error.message] };
    throw error;
  }
  const root = rootElementName(xml);
  if (spec.roots.length > 0 && !spec.roots.includes(root)) {
    return {
      valid: false,
      errors: [
        `Root element ${root} is not accepted by schema ${schema}; expected ${spec.roots.join(' or ')}.`,
      ],
    };
  }
  const files = await schemaFiles(spec.folder);
  const main = files.find((file) => file.fileName === spec.main)!;
  let result: Awaited<ReturnType<typeof validateXML>>;
  try {
    result = await validateXML({
      xml: [{ fileName: 'message.xml', contents: xml }],
      schema: [main],
      preload: files.filter((file) => file !== main),
      // xdomea imports "../xoev/code/1_0/xoev-code.xsd"; that name must be allowed through.
      disableFileNameValidation: true,
      // A 4.5 MB xdomea message runs out of memory at 256 pages (16 MB); documents up to the 5 MB gate fit in 4096.
      maxMemoryPages: 4096,
    });
  } catch (error) {
    return {
      valid: false,
      errors: [`The validator could not check the document: ${(error as Error).message.slice(0, 500)}`],
    };
  }
  return {
    valid: result.valid,
    errors: result.errors.map((error) =>
      error.loc ? `line ${error.loc.lineNumber}: ${error.message}` : error.message,
    ),
  };
}

/** `{namespace}local` of the document element; the document has passed assertSafeXml. */
export function rootElementName(xml: string): string {
  const tag =
    /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(
      stripProlog(xml),
    );
  if (!tag) return '';
  const prefix = tag[1]?.slice(0, -1);
  const attributeName = prefix ? `xmlns:${prefix}` : 'xmlns';
  const declaration = new RegExp(
    `\\s${attributeName.replace('.', '\\.')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`,
  ).exec(tag[3] ?? '');
  const namespace = declaration ? (declaration[1] ?? declaration[2] ?? '') : '';
  return `{${namespace}}${tag[2]}`;
}

function stripProlog(xml: string): string {
  return xml.replace(/^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/, '');
}

async function schemaFiles(folder: string): Promise<XMLFileInfo[]> {
  let files = loaded.get(folder);
  if (!files) {
    files = loadSchemaFiles(folder);
    loaded.set(folder, files);
    void files.catch(() => loaded.delete(folder));
  }
  return files;
}

async function loadSchemaFiles(folder: string): Promise<XMLFileInfo[]> {
  const directory = `${SCHEMA_ROOT}${folder}/`;
  const names = (await readdir(directory)).filter((name) => name.endsWith('.xsd'));
  const files = await Promise.all(
    names.map(async (fileName) => ({ fileName, contents: await readFile(directory + fileName, 'utf8') })),
  );
  if (folder.startsWith('xdomea')) {
    files.push({
      fileName: '../xoev/code/1_0/xoev-code.xsd',
      contents: await readFile(`${SCHEMA_ROOT}xoev/code/1_0/xoev-code.xsd`, 'utf8'),
    });
  }
  return files;
}
