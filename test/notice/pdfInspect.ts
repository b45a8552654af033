// Reads what a PDF/A check needs out of a PDF, in code: fonts and their embedding, text through ToUnicode,
// glyph outlines, XMP, output intents, associated files. Poppler's tools, when present, are a second opinion.
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

export interface FontInfo {
  name: string;
  subtype: string;
  /** FontFile, FontFile2 or FontFile3 of its descriptor; undefined when the font is not embedded. */
  fontFile?: string;
  /** Characters (from ToUnicode) whose glyph in the embedded program has no outline; only for embedded Type0 fonts. */
  blankGlyphs: string[];
}

export interface PdfInspection {
  pdf: PDFDocument;
  fonts: FontInfo[];
  /** The text of each page, decoded through each font's ToUnicode map, one line per text-showing operator. */
  pages: string[];
  xmp?: string;
  info: Record<string, string>;
  outputIntents: { subtype: string; condition: string; profileComponents: number; profileHeader: string }[];
  attachments: {
    name: string;
    relationship?: string;
    mediaType?: string;
    inCatalogAF: boolean;
    content: Buffer;
  }[];
  trailerId?: string;
}

const name = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : undefined);
const text = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

function streamBytes(stream: PDFObject | undefined): Buffer {
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a stream');
  const filter = name(stream.dict.get(PDFName.of('Filter')));
  const raw = Buffer.from(stream.getContents());
  return filter === 'FlateDecode' ? inflateSync(raw) : raw;
}

/** CID → text from a ToUnicode CMap (bfchar and bfrange). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, cid, uni] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(cid!, 16), hexText(uni!));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, uni] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const start = parseInt(uni!, 16);
      for (let cid = parseInt(lo!, 16); cid <= parseInt(hi!, 16); cid++)
        map.set(cid, String.fromCodePoint(start + cid - parseInt(lo!, 16)));
    }
  return map;
}

function inspectFont(pdf: PDFDocument, dict: PDFDict): FontInfo & { decode: (hex: string) => string } {
  const lookup = (d: PDFDict, key: string) => pdf.context.lookup(d.get(PDFName.of(key)));
  const subtype = name(dict.get(PDFName.of('Subtype'))) ?? '?';
  const fontName = name(dict.get(PDFName.of('BaseFont'))) ?? '?';
  const descendant =
    subtype === 'Type0'
      ? (pdf.context.lookup((lookup(dict, 'DescendantFonts') as PDFArray).get(0)) as PDFDict)
      : dict;
  const descriptor = lookup(descendant, 'FontDescriptor');
  const fontFile =
    descriptor instanceof PDFDict
      ? ['FontFile', 'FontFile2', 'FontFile3'].find((key) => descriptor.has(PDFName.of(key)))
      : undefined;
  const toUnicode = lookup(dict, 'ToUnicode');
  const cids = toUnicode
    ? toUnicodeMap(streamBytes(toUnicode).toString('latin1'))
    : new Map<number, string>();
  const blankGlyphs: string[] = [];
  if (subtype === 'Type0' && fontFile && descriptor instanceof PDFDict) {
    const program = fontkit.create(streamBytes(lookup(descriptor, fontFile))) as fontkit.Font;
    // CIDToGIDMap is Identity: the CID is the glyph id in the embedded program.
    for (const [cid, chars] of cids)
      if (chars.trim() !== '' && program.getGlyph(cid).path.commands.length === 0) blankGlyphs.push(chars);
  }
  const decode = (hex: string) => {
    if (subtype !== 'Type0') return Buffer.from(hex, 'hex').toString('latin1');
    let out = '';
    for (let i = 0; i < hex.length; i += 4) out += cids.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\u0000';
    return out;
  };
  return { name: fontName, subtype, fontFile, blankGlyphs, decode };
}

/** Loads the PDF and reads everything the tests check. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = pdf;
  const fonts = new Map<string, ReturnType<typeof inspectFont>>();
  for (const [ref, object] of context.enumerateIndirectObjects())
    if (object instanceof PDFDict && name(object.get(PDFName.of('Type'))) === 'Font') {
      const subtype = name(object.get(PDFName.of('Subtype')));
      if (subtype !== 'CIDFontType2' && subtype !== 'CIDFontType0')
        fonts.set(ref.toString(), inspectFont(pdf, object));
    }

  const pages = pdf.getPages().map((page) => {
    const resources = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const fontOf = (key: string) => {
      const ref = resources?.get(PDFName.of(key));
      return ref instanceof PDFRef ? fonts.get(ref.toString()) : undefined;
    };
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const lines: string[] = [];
    for (const ref of streams) {
      const operators = streamBytes(context.lookup(ref)).toString('latin1');
      let font: ReturnType<typeof inspectFont> | undefined;
      for (const [, fontKey, hex] of operators.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (fontKey) font = fontOf(fontKey);
        else if (font) lines.push(font.decode(hex!));
      }
    }
    return lines.join('\n');
  });

  const metadata = catalog.lookup(PDFName.of('Metadata'));
  const infoDict = context.lookup(context.trailerInfo.Info);
  const info: Record<string, string> = {};
  if (infoDict instanceof PDFDict)
    for (const [key, value] of infoDict.entries()) info[key.decodeText()] = text(value) ?? String(value);

  const intents = catalog.lookup(PDFName.of('OutputIntents'));
  const outputIntents = (intents instanceof PDFArray ? intents.asArray() : []).map((ref) => {
    const intent = context.lookup(ref) as PDFDict;
    const profile = context.lookup(intent.get(PDFName.of('DestOutputProfile')));
    const profileDict = profile instanceof PDFRawStream ? profile.dict : undefined;
    return {
      subtype: name(intent.get(PDFName.of('S'))) ?? '?',
      condition: text(intent.get(PDFName.of('OutputConditionIdentifier'))) ?? '?',
      profileComponents: Number(profileDict?.get(PDFName.of('N'))?.toString() ?? 0),
      profileHeader: profile ? streamBytes(profile).subarray(36, 40).toString('latin1') : '',
    };
  });

  const af = catalog.lookup(PDFName.of('AF'));
  const afRefs = new Set((af instanceof PDFArray ? af.asArray() : []).map((ref) => ref.toString()));
  const names = catalog.lookup(PDFName.of('Names'));
  const embedded = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  const nameArray = embedded instanceof PDFDict ? embedded.lookup(PDFName.of('Names')) : undefined;
  const attachments: PdfInspection['attachments'] = [];
  const entries = nameArray instanceof PDFArray ? nameArray.asArray() : [];
  for (let i = 0; i + 1 < entries.length; i += 2) {
    const spec = context.lookup(entries[i + 1]) as PDFDict;
    const fileStream = context.lookup((spec.lookup(PDFName.of('EF')) as PDFDict).get(PDFName.of('F')));
    attachments.push({
      name: text(spec.get(PDFName.of('UF'))) ?? text(spec.get(PDFName.of('F'))) ?? '?',
      relationship: name(spec.get(PDFName.of('AFRelationship'))),
      mediaType:
        fileStream instanceof PDFRawStream ? name(fileStream.dict.get(PDFName.of('Subtype'))) : undefined,
      inCatalogAF: afRefs.has(entries[i + 1]!.toString()),
      content: streamBytes(fileStream),
    });
  }
  const id = context.trailerInfo.ID;
  return {
    pdf,
    fonts: [...fonts.values()].map(({ decode: _decode, ...font }) => font),
    pages,
    xmp: metadata ? streamBytes(metadata).toString('utf8') : undefined,
    info,
    outputIntents,
    attachments,
    trailerId: id instanceof PDFArray ? id.asArray().map(String).join(' ') : undefined,
  };
}

let popplerChecked: boolean | undefined;
/**
 * Whether Poppler's pdftotext/pdffonts are there; installs Debian's poppler-utils once when running as root
 * with apt-get (CI on a fresh machine), so no manual step is needed. False only where that is impossible.
 */
export function havePoppler(): boolean {
  if (popplerChecked !== undefined) return popplerChecked;
  const has = () => {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!has() && process.getuid?.() === 0) {
    // Other test files may run apt-get at the same time (a browser for the portal tests): wait for the lock.
    const apt = (args: string[]) =>
      execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
        stdio: 'ignore',
        timeout: 300_000,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    try {
      apt(['install', '-y', '--no-install-recommends', 'poppler-utils']);
    } catch {
      try {
        apt(['update']);
        apt(['install', '-y', '--no-install-recommends', 'poppler-utils']);
      } catch {
        // Left false: the in-code checks still run.
      }
    }
  }
  popplerChecked = has();
  return popplerChecked;
}

/** `pdftotext -raw` of the file (Poppler). */
export function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Rows of `pdffonts`: name, type, embedded (yes/no). */
export function pdffonts(file: string): { name: string; type: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2);
  return out
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object, ID.
      const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(
        line.trim(),
      );
      if (!match) throw new Error(`unreadable pdffonts line: ${line}`);
      return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes' };
    });
}
