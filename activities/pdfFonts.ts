// Noto Sans for the hub's PDFs: embedded (PDF/A needs every font inside), covering all DIN 91379 Latin letters.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as fontkit from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

// The package exports only its index, so find its fonts folder beside it (dist/ → fonts/).
const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-latin')),
  '..',
  'fonts',
);

let cache: { regular: Buffer; bold: Buffer } | undefined;
function fontFiles(): { regular: Buffer; bold: Buffer } {
  cache ??= {
    regular: readFileSync(path.join(FONT_DIR, 'NotoSans-Regular.ttf')),
    bold: readFileSync(path.join(FONT_DIR, 'NotoSans-Bold.ttf')),
  };
  return cache;
}

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** The text with every character the font lacks (emoji, say) replaced by U+FFFD, so no .notdef glyph is drawn. */
  printable(text: string): string;
}

/**
 * Embeds Noto Sans regular and bold as subsets. The subset tag (six capitals, ISO 32000 9.6.4) comes from `seed`,
 * so the same document yields the same bytes; pdf-lib would otherwise name the font with its own counter.
 */
export async function embedNotoSans(pdf: PDFDocument, seed: string): Promise<PdfFonts> {
  pdf.registerFontkit(fontkitForPdfLib);
  const files = fontFiles();
  // No glyph substitution: pdf-lib maps each drawn glyph back to text through its ToUnicode table, and Noto's
  // ccmp/locl split letters such as ǹ or ṃ into base + mark glyphs that map to nothing or to the wrong letter,
  // so "ṃ" would be extracted as "m". Ligatures off as well: names are copied out letter by letter.
  const features = {
    ccmp: false,
    locl: false,
    liga: false,
    clig: false,
    dlig: false,
    calt: false,
    rlig: false,
  };
  const regular = await pdf.embedFont(files.regular, {
    subset: true,
    customName: `${subsetTag(seed, 'regular')}+NotoSans-Regular`,
    features,
  });
  const bold = await pdf.embedFont(files.bold, {
    subset: true,
    customName: `${subsetTag(seed, 'bold')}+NotoSans-Bold`,
    features,
  });
  const charset = new Set(regular.getCharacterSet());
  const printable = (text: string) => {
    let out = '';
    // NFC first: precomposed letters (ő) use the font's own glyphs; what stays a sequence (C̨̆) keeps its marks.
    for (const char of text.normalize('NFC').replace(/\s/g, ' '))
      out += charset.has(char.codePointAt(0)!) ? char : '\uFFFD';
    return out;
  };
  return { regular, bold, printable };
}

function subsetTag(seed: string, style: string): string {
  const digest = createHash('sha256').update(`${seed}\0${style}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/**
 * fontkit 2 for pdf-lib. pdf-lib's own fork (@pdf-lib/fontkit 1.1) writes Noto Sans subsets whose glyphs mostly
 * do not draw (text extracts, pages stay blank); fontkit 2 subsets correctly but returns the subset from
 * `encode()`, while pdf-lib reads it from the stream of the older `encodeStream()`. This adds that stream.
 */
// A fontkit font is parsed per document, never shared: fontkit caches each glyph with the code points of its first
// lookup, and a subset's accent components (the ´ inside ó) are cached with none, so a later document drawing a
// plain ´ would get no ToUnicode entry for it, and concurrent renders would see each other's glyphs.
const fontkitForPdfLib = {
  create(bytes: Uint8Array) {
    const font = fontkit.create(Buffer.from(bytes)) as fontkit.Font;
    const createSubset = font.createSubset.bind(font);
    return Object.assign(font, {
      createSubset() {
        const subset = createSubset();
        return Object.assign(subset, {
          encodeStream() {
            const stream = new PassThrough();
            setImmediate(() => stream.end(Buffer.from(subset.encode())));
            return stream;
          },
        });
      },
    });
  },
} as unknown as Parameters<PDFDocument['registerFontkit']>[0];
