// Safe ZIP entry names for the xdomea container, whatever Dateiname a filing rule (shipped or uploaded by an
// administrator) writes: flat, no "..", no control characters, at most 255 bytes of UTF-8 (the name limit of
// common file systems), unique within the container, extension kept. The message is rewritten to match.
import { XmlDocument, type XmlElement } from 'libxml2-wasm';
import { assertSafeXml } from '../platform/safeXml';
import { XDOMEA_NS } from './xsd';

/** Longest entry name in bytes of UTF-8: ext4, NTFS and APFS refuse longer file names. */
export const MAX_ENTRY_BYTES = 255;

// Flat names only: letters, digits, dot, underscore, hyphen; starts with a letter or digit, so nothing hidden.
const SAFE_ENTRY = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const EXTENSION = /\.[\p{L}\p{N}]{1,16}$/u;
// When nothing of a name survives cleaning, the entry still needs a stem.
const FALLBACK_STEM = 'Datei';

/** Whether a container entry name is safe to store under (no path, no traversal, not too long). */
export function isSafeEntryName(name: string): boolean {
  return SAFE_ENTRY.test(name) && !name.includes('..') && Buffer.byteLength(name) <= MAX_ENTRY_BYTES;
}

/** The stem cut at a code point boundary so stem + extension fit into maxBytes; no trailing dot ("a..pdf"). */
function fit(stem: string, extension: string, maxBytes: number): string {
  let room = maxBytes - Buffer.byteLength(extension);
  const kept: string[] = [];
  for (const char of stem) {
    room -= Buffer.byteLength(char);
    if (room < 0) break;
    kept.push(char);
  }
  const cut = kept.join('').replace(/\.+$/, '');
  return (cut === '' ? FALLBACK_STEM : cut) + extension;
}

function split(name: string): [stem: string, extension: string] {
  const extension = EXTENSION.exec(name)?.[0] ?? '';
  return [name.slice(0, name.length - extension.length), extension];
}

/** One safe entry name for whatever a rule wrote: other characters become "_", dot runs one dot. */
export function safeEntryName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]/gu, '_')
    .replace(/\.{2,}/g, '.');
  const [stem, extension] = split(cleaned);
  // A leading dot would hide the file; the stem starts with a letter or digit (or is the fallback).
  return fit(stem.replace(/^[._-]+/, ''), extension, MAX_ENTRY_BYTES);
}

/**
 * Safe, pairwise distinct entry names for the given names, in order; `reserved` names (the message entry) are
 * taken already. Distinct ignoring case, as the DMS may unpack onto a case-insensitive file system; a second
 * "a.pdf" becomes "a-2.pdf".
 */
export function uniqueEntryNames(names: string[], reserved: string[] = []): string[] {
  const taken = new Set(reserved.map((name) => name.toLowerCase()));
  return names.map((name) => {
    let candidate = safeEntryName(name);
    const [stem, extension] = split(candidate);
    for (let n = 2; taken.has(candidate.toLowerCase()); n++)
      candidate = fit(stem, `-${n}${extension}`, MAX_ENTRY_BYTES);
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The message with its Primaerdokument/Dateiname elements set to `names`, in the order xdomeaReferences
 * reads them (documents in document order, then each document's Dateinamen).
 */
export function renameDateinamen(xml: string, names: string[]): string {
  assertSafeXml(xml);
  const ns = { x: XDOMEA_NS };
  const document = XmlDocument.fromString(xml);
  try {
    const elements = document
      .find('//x:Dokument[x:Version/x:Format/x:Primaerdokument]', ns)
      .flatMap((dokument) => dokument.find('x:Version/x:Format/x:Primaerdokument/x:Dateiname', ns));
    if (elements.length !== names.length)
      throw new Error(`The message has ${elements.length} Dateinamen, ${names.length} names were given.`);
    elements.forEach((node, i) => {
      const element = node as XmlElement;
      while (element.firstChild) element.firstChild.remove();
      element.addText(names[i]!);
    });
    return document.toString({ format: false });
  } finally {
    document.dispose();
  }
}
