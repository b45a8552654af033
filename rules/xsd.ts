// XSD validation with libxml2 compiled to wasm (libxml2-wasm): no native dependency and no network. Each schema
// is compiled once per process from the files in rules/schemas/ (served to libxml2 from memory under a virtual
// path, so includes resolve and nothing else can be read) and kept, so a message costs well under a millisecond.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlLibError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
} from 'libxml2-wasm';
import { UnsafeXmlError, assertSafeXml } from '../platform/safeXml';

export const SCHEMA_NAMES = ['xdomea', 'xdomea-geschaeftsgang', 'xdomea-fvdaten', 'xgewerbeanzeige'] as const;
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
  // Filing from a specialised procedure: file documents into a case, close the case.
  'xdomea-fvdaten': {
    folder: 'xdomea-3.0.0',
    main: 'xdomea-Nachrichten-FachverfahrensdatenAustauschen.xsd',
    roots: [`{${XDOMEA_NS}}FVDaten.SGOAblegen.0605`, `{${XDOMEA_NS}}FVDaten.SGOZDAVerfuegen.0624`],
  },
  xgewerbeanzeige: {
    folder: 'xgewerbeanzeige',
    main: 'xgewerbeanzeige.xsd',
    roots: [`{${XGEWERBEANZEIGE_NS}}gewerbemeldung.0500`],
  },
};

const SCHEMA_ROOT = fileURLToPath(new URL('./schemas/', import.meta.url));
/** libxml2 sees the schema files under this prefix only; every other URL fails to open. */
const VIRTUAL_ROOT = '/drehscheibe-schemas/';
const validators = new Map<SchemaName, XsdValidator>();
let provider: XmlBufferInputProvider | undefined;

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
  const validator = validatorFor(schema);
  let document: XmlDocument | undefined;
  try {
    document = XmlDocument.fromString(xml);
    validator.validate(document);
    return { valid: true, errors: [] };
  } catch (error) {
    if (error instanceof XmlLibError) return { valid: false, errors: error.details.map(describe) };
    return {
      valid: false,
      errors: [`The validator could not check the document: ${(error as Error).message.slice(0, 500)}`],
    };
  } finally {
    document?.dispose();
  }
}

function describe(detail: ErrorDetail): string {
  const message = detail.message.trim();
  return detail.line ? `line ${detail.line}: ${message}` : message;
}

function validatorFor(schema: SchemaName): XsdValidator {
  let validator = validators.get(schema);
  if (!validator) {
    registerSchemaFiles();
    const spec = SPECS[schema];
    const url = `${VIRTUAL_ROOT}${spec.folder}/${spec.main}`;
    const schemaDocument = XmlDocument.fromString(
      readFileSync(`${SCHEMA_ROOT}${spec.folder}/${spec.main}`, 'utf8'),
      {
        url,
      },
    );
    try {
      validator = XsdValidator.fromDoc(schemaDocument);
    } finally {
      schemaDocument.dispose();
    }
    validators.set(schema, validator);
  }
  return validator;
}

/** Hands every .xsd below rules/schemas/ to libxml2 once, under VIRTUAL_ROOT. */
function registerSchemaFiles(): void {
  if (provider) return;
  const files: Record<string, Uint8Array> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(SCHEMA_ROOT + folder, { withFileTypes: true })) {
      const relative = `${folder}${entry.name}`;
      if (entry.isDirectory()) walk(`${relative}/`);
      else if (entry.name.endsWith('.xsd'))
        files[VIRTUAL_ROOT + relative] = readFileSync(SCHEMA_ROOT + relative);
    }
  };
  walk('');
  provider = new XmlBufferInputProvider(files);
  xmlRegisterInputProvider(provider);
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
