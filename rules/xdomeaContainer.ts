// The xdomea transport container: one ZIP named "<ProzessID>_<message name>.zip" holding the message as
// "<ProzessID>_<message name>.xml" and every primary document under its Primaerdokument/Dateiname. Packed by
// the hub's xdomea adapter, unpacked (with limits against zip bombs and path tricks) by records systems.
import { unzipSync, zipSync } from 'fflate';
import { isSafeEntryName, renameDateinamen, uniqueEntryNames } from './xdomeaEntryNames';
import { evaluateOnXdomea } from './xdomeaXPath';

/** What a message says about itself and the files it references (read with XPath, never with patterns). */
export interface XdomeaReferences {
  /** Local name of the document element, e.g. "FVDaten.SGOAblegen.0605". */
  messageName: string;
  prozessId: string;
  files: { documentId: string; dateiname: string; sha256: string; size: string }[];
}

export interface ContainerLimits {
  maxContainerBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = {
  maxContainerBytes: 60 * 1024 * 1024,
  maxEntries: 200,
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
};

/** Why a container was refused; `code` is stable for callers, the message says what to fix. */
export class ContainerError extends Error {
  override readonly name = 'ContainerError';
  constructor(
    readonly code:
      | 'too-large'
      | 'not-a-zip'
      | 'too-many-entries'
      | 'entry-too-large'
      | 'unsafe-entry-name'
      | 'missing-message'
      | 'missing-file'
      | 'hash-mismatch',
    message: string,
  ) {
    super(message);
  }
}

/** Kennung of the application-specific field group that carries a document's checksum. */
export const PRUEFSUMME = 'urn:drehscheibe:xdomea:pruefsumme';

const REFERENCES = `
let $d := parse-xml($xml)
return map {
  'messageName': local-name($d/*),
  'prozessId': normalize-space($d/*/x:Kopf/x:ProzessID),
  'files': array { $d//x:Dokument[x:Version/x:Format/x:Primaerdokument] ! (
    let $doc := . return x:Version/x:Format/x:Primaerdokument/x:Dateiname ! map {
      'documentId': normalize-space($doc/x:Identifikation/x:ID),
      'dateiname': normalize-space(.),
      'sha256': lower-case(normalize-space(($doc/x:AnwendungsspezifischeErweiterung[x:Kennung = '${PRUEFSUMME}']/x:Feld[x:Name = 'SHA-256']/x:Wert)[1])),
      'size': normalize-space(($doc/x:AnwendungsspezifischeErweiterung[x:Kennung = '${PRUEFSUMME}']/x:Feld[x:Name = 'Größe']/x:Wert)[1])
    }) }
}`;

/** The process id, message name and referenced files of a safe, well-formed xdomea message. */
export function xdomeaReferences(xml: string): XdomeaReferences {
  return evaluateOnXdomea<XdomeaReferences>(REFERENCES, xml);
}

/** "<ProzessID>_<message name>": the container's and the message file's name without extension. */
export function containerBaseName(refs: Pick<XdomeaReferences, 'prozessId' | 'messageName'>): string {
  return `${refs.prozessId}_${refs.messageName}`;
}

// A fixed time stamp: the same message and files give the same container bytes on every retry.
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * Packs a message and the files it references into the container. `contentOf(documentId)` gives a file's
 * bytes; a referenced file it does not know is a ContainerError (missing-file). Whatever Dateiname the rule
 * wrote, the entries get safe, distinct names (rules/xdomeaEntryNames.ts) and the packed message (`xml`)
 * names them so.
 */
export function packContainer(
  xml: string,
  contentOf: (documentId: string) => Uint8Array | undefined,
): { name: string; bytes: Buffer; entries: string[]; xml: string } {
  let refs = xdomeaReferences(xml);
  const base = containerBaseName(refs);
  const messageEntry = `${base}.xml`;
  // The ProzessID is the rule's to choose, but it names the container and its message: it cannot be renamed.
  if (!isSafeEntryName(messageEntry))
    throw new ContainerError(
      'unsafe-entry-name',
      `ProzessID "${refs.prozessId.slice(0, 100)}" does not give a flat, safe file name.`,
    );
  const names = uniqueEntryNames(
    refs.files.map((file) => file.dateiname),
    [messageEntry],
  );
  let message = xml;
  if (names.some((name, i) => name !== refs.files[i]!.dateiname)) {
    message = renameMessageFiles(xml, names);
    refs = xdomeaReferences(message);
    // Read back what was written: the entries below are named from the message, so they cannot differ.
    if (refs.files.some((file, i) => file.dateiname !== names[i]))
      throw new ContainerError('unsafe-entry-name', "The message's Dateinamen do not read back as set.");
  }
  const entries: Record<string, [Uint8Array, { level: 0 | 6; mtime: Date }]> = {
    [messageEntry]: [Buffer.from(message, 'utf8'), { level: 6, mtime: ZIP_TIME }],
  };
  for (const file of refs.files) {
    const content = contentOf(file.documentId);
    if (!content)
      throw new ContainerError(
        'missing-file',
        `The message references document ${file.documentId} (${file.dateiname}), which the case does not hold.`,
      );
    // PDFs and images are compressed already; storing them costs less time than deflating again.
    entries[file.dateiname] = [content, { level: 0, mtime: ZIP_TIME }];
  }
  return {
    name: `${base}.zip`,
    bytes: Buffer.from(zipSync(entries)),
    entries: Object.keys(entries),
    xml: message,
  };
}

/** The message naming its files `names`; any failure is final for this rule version (a ContainerError). */
function renameMessageFiles(xml: string, names: string[]): string {
  try {
    return renameDateinamen(xml, names);
  } catch (error) {
    throw new ContainerError(
      'unsafe-entry-name',
      `The message's Dateinamen could not be set to safe entry names: ${(error as Error).message}`,
    );
  }
}

/** Unpacks a container within limits; refuses unsafe names and sizes before inflating anything. */
export function unpackContainer(
  zip: Uint8Array,
  limits: ContainerLimits = DEFAULT_CONTAINER_LIMITS,
): Map<string, Uint8Array> {
  if (zip.length > limits.maxContainerBytes)
    throw new ContainerError(
      'too-large',
      `The container has ${zip.length} bytes; at most ${limits.maxContainerBytes} are accepted.`,
    );
  let count = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      // Declared sizes are checked here; fflate inflates at most the declared size, so a lying entry is cut
      // short (and then fails its hash), never inflated beyond the limit.
      filter: (entry) => {
        count += 1;
        total += entry.originalSize;
        if (count > limits.maxEntries)
          throw new ContainerError(
            'too-many-entries',
            `The container has more than ${limits.maxEntries} entries.`,
          );
        if (!isSafeEntryName(entry.name))
          throw new ContainerError(
            'unsafe-entry-name',
            `Entry "${entry.name.slice(0, 200)}" is not a flat file name (no directories, no "..").`,
          );
        if (entry.originalSize > limits.maxEntryBytes)
          throw new ContainerError(
            'entry-too-large',
            `Entry "${entry.name}" unpacks to ${entry.originalSize} bytes; at most ${limits.maxEntryBytes} per entry.`,
          );
        if (total > limits.maxTotalBytes)
          throw new ContainerError(
            'too-large',
            `The container unpacks to more than ${limits.maxTotalBytes} bytes.`,
          );
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ContainerError) throw error;
    throw new ContainerError(
      'not-a-zip',
      `The body is not a readable ZIP container: ${(error as Error).message}`,
    );
  }
  const unpacked = new Map(Object.entries(files));
  if (unpacked.size !== count)
    throw new ContainerError('unsafe-entry-name', 'The container holds two entries with the same name.');
  return unpacked;
}
