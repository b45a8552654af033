// Reads BPMN 2.0 XML into moddle trees. Safety first (no DTDs, bounded size), then bpmn-moddle with the
// Camunda 8 and Camunda 7 extensions; its lenient warnings are kept for the report instead of failing.
import crypto from 'node:crypto';
import { BpmnModdle, type ModdleWarning } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { assertSafeXml, UnsafeXmlError } from '../platform/safeXml';
import { is, isElement, type BpmnElement } from './is';
import { ancestorsAt } from './xmlContext';

// Not tied to Temporal's 2 MB payload limit: the compiled model travels by reference and is read in slices
// (workflows/bpmn/loadModel.ts). The bound keeps parsing and each run's history (one copy of the model) small.
export const MAX_FILE_BYTES = 5_000_000;
export const MAX_FILES = 50;

export interface BpmnSource {
  filename: string;
  xml: string;
}

export interface ParseWarning {
  message: string;
  line?: number;
  column?: number;
  /** The element the warning is about, if moddle named one. */
  elementId?: string;
  elementType?: string;
  property?: string;
  /** Qualified names of the elements enclosing the position of the warning, outermost first. */
  context?: string[];
}

export interface ParsedFile {
  filename: string;
  sha256: string;
  definitions: BpmnElement;
  warnings: ParseWarning[];
  /** Namespace prefix → URI, as declared on the root element. */
  namespaces: Record<string, string>;
}

export interface ParsedBpmn {
  files: ParsedFile[];
  /** SHA-256 over the files in order (name and content), identifying the exact import. */
  sourceHash: string;
}

export type BpmnParseErrorCode =
  | 'no-files'
  | 'too-many-files'
  | 'duplicate-filename'
  | 'unsafe-xml'
  | 'malformed'
  | 'not-bpmn'
  /** Parsing ran past the parser thread's time or memory limit. */
  | 'too-complex';

/** The input cannot be read as BPMN at all; says which file, and where if known. */
export class BpmnParseError extends Error {
  override readonly name = 'BpmnParseError';
  constructor(
    readonly code: BpmnParseErrorCode,
    message: string,
    readonly filename?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

let moddle: BpmnModdle | undefined;

/** Both Camunda schemas define `modelerTemplate` on the same BPMN types; moddle refuses the second
 * definition, so Camunda 7's copy is dropped (Camunda 8's keeps the attribute readable). */
function bpmnModdle(): BpmnModdle {
  if (!moddle) {
    const camunda = {
      ...camundaSchema,
      types: camundaSchema.types.filter((type) => type.name !== 'TemplateSupported'),
    };
    moddle = new BpmnModdle({ zeebe: zeebeSchema, camunda });
  }
  return moddle;
}

/** Decodes file bytes honouring the XML declaration's encoding (MIWG files are ISO-8859-1). */
export function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/
    .exec(head)?.[1]
    ?.toLowerCase();
  try {
    return new TextDecoder(declared ?? 'utf-8', { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** moddle reports positions inside the message text ("line: 3\n column: 14"); lines count from 0. */
function position(message: string): { line?: number; column?: number } {
  const line = /line:\s*(\d+)/.exec(message)?.[1];
  const column = /column:\s*(\d+)/.exec(message)?.[1];
  return {
    line: line === undefined ? undefined : Number(line) + 1,
    column: column === undefined ? undefined : Number(column) + 1,
  };
}

function toWarning(warning: ModdleWarning, xml: string): ParseWarning {
  const { line, column } = position(warning.message);
  const context = line !== undefined && column !== undefined ? ancestorsAt(xml, line, column) : undefined;
  return {
    message: warning.message
      .split('\n')
      .map((part) => part.trim())
      .filter(Boolean)
      .join('; '),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(warning.element?.id ? { elementId: warning.element.id } : {}),
    ...(warning.element?.$type ? { elementType: warning.element.$type } : {}),
    ...(warning.property ? { property: warning.property } : {}),
    ...(context ? { context } : {}),
  };
}

function namespacesOf(definitions: BpmnElement): Record<string, string> {
  const namespaces: Record<string, string> = {};
  for (const [key, value] of Object.entries(definitions.$attrs ?? {})) {
    if (key === 'xmlns') namespaces[''] = value;
    else if (key.startsWith('xmlns:')) namespaces[key.slice(6)] = value;
  }
  return namespaces;
}

/** Refuses unsafe input; for malformed XML, asks moddle for a column as well (safe: no DTD got through). */
async function assertReadable(source: BpmnSource): Promise<void> {
  try {
    assertSafeXml(source.xml, MAX_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof UnsafeXmlError)) throw error;
    if (error.code !== 'not-well-formed')
      throw new BpmnParseError('unsafe-xml', `${source.filename}: ${error.message}`, source.filename);
    const scannerLine = /line (\d+)/.exec(error.message)?.[1];
    let detail = error.message.replace(/^XML refused: /, '');
    let where: { line?: number; column?: number } = {
      line: scannerLine === undefined ? undefined : Number(scannerLine),
    };
    try {
      await bpmnModdle().fromXML(source.xml);
    } catch (moddleError) {
      const message = (moddleError as Error).message;
      const fromModdle = position(message);
      if (fromModdle.line !== undefined) {
        where = fromModdle;
        detail = `${message.split('\n')[0]?.trim()}; ${detail}`;
      }
    }
    const at =
      where.line === undefined
        ? ''
        : ` (line ${where.line}${where.column === undefined ? '' : `, column ${where.column}`})`;
    throw new BpmnParseError(
      'malformed',
      `${source.filename}${at}: the XML is not well-formed: ${detail}`,
      source.filename,
      where.line,
      where.column,
    );
  }
}

async function parseFile(source: BpmnSource): Promise<ParsedFile> {
  await assertReadable(source);
  let result;
  try {
    result = await bpmnModdle().fromXML(source.xml);
  } catch (error) {
    const message = (error as Error).message;
    const { line, column } = position(message);
    const notBpmn = /failed to parse document as <bpmn:Definitions>/.test(message);
    throw new BpmnParseError(
      notBpmn ? 'not-bpmn' : 'malformed',
      notBpmn
        ? `${source.filename}: the root element is not <bpmn:definitions> in namespace http://www.omg.org/spec/BPMN/20100524/MODEL; export the model as BPMN 2.0 XML.`
        : `${source.filename}: ${message
            .split('\n')
            .map((part) => part.trim())
            .join('; ')}`,
      source.filename,
      line,
      column,
    );
  }
  if (!isElement(result.rootElement) || !is(result.rootElement, 'bpmn:Definitions')) {
    throw new BpmnParseError(
      'not-bpmn',
      `${source.filename}: the root element is not <bpmn:definitions>; export the model as BPMN 2.0 XML.`,
      source.filename,
    );
  }
  return {
    filename: source.filename,
    sha256: crypto.createHash('sha256').update(source.xml).digest('hex'),
    definitions: result.rootElement,
    warnings: result.warnings.map((w) => toWarning(w, source.xml)),
    namespaces: namespacesOf(result.rootElement),
  };
}

/** Parses one or several BPMN files (the first holds the main process); throws BpmnParseError. */
export async function parseBpmn(sources: readonly BpmnSource[]): Promise<ParsedBpmn> {
  checkSources(sources);
  const files: ParsedFile[] = [];
  for (const source of sources) files.push(await parseFile(source));
  const hash = crypto.createHash('sha256');
  for (const source of sources) hash.update(`${source.filename}\u0000${source.xml}\u0000`);
  return { files, sourceHash: hash.digest('hex') };
}

/** The checks that cost nothing (count, names, sizes): run before any file is handed to a parser thread. */
export function checkSources(sources: readonly BpmnSource[]): void {
  if (sources.length === 0) throw new BpmnParseError('no-files', 'No BPMN file given; send at least one.');
  if (sources.length > MAX_FILES)
    throw new BpmnParseError(
      'too-many-files',
      `At most ${MAX_FILES} files per import; got ${sources.length}.`,
    );
  const seen = new Set<string>();
  for (const { filename } of sources) {
    if (seen.has(filename))
      throw new BpmnParseError(
        'duplicate-filename',
        `The file name ${filename} occurs twice; file names must be unique.`,
        filename,
      );
    seen.add(filename);
  }
  for (const { filename, xml } of sources) {
    if (xml.length > MAX_FILE_BYTES || Buffer.byteLength(xml, 'utf8') > MAX_FILE_BYTES)
      throw new BpmnParseError(
        'unsafe-xml',
        `${filename}: XML refused: the document is larger than ${MAX_FILE_BYTES} bytes. Send a smaller document or split it.`,
        filename,
      );
  }
}
