// Makes a pdf-lib document PDF/A-3b: XMP metadata matching the Info dictionary, an sRGB output intent,
// associated files, and a document id derived from the content (never random, so the bytes are reproducible).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AFRelationship, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

// ICC's sRGB2014 v2 profile, unchanged; its licence is in assets/sRGB2014.LICENSE.md.
const SRGB_PROFILE = readFileSync(new URL('./assets/sRGB2014.icc', import.meta.url));

export interface PdfAMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 language tag of the text, e.g. de-DE. */
  language: string;
  /** Creation and modification date: fixed by the caller (the document's own date), not the clock. */
  date: Date;
}

export interface AssociatedFile {
  name: string;
  mediaType: string;
  description: string;
  content: Uint8Array;
  relationship: 'Data' | 'Source' | 'Alternative' | 'Supplement';
}

const CREATOR = 'Drehscheibe';
const PRODUCER = 'Drehscheibe (pdf-lib)';

/** Adds what PDF/A-3b asks beyond embedded fonts; call it after drawing, just before `save()`. */
export async function finishPdfA3b(
  pdf: PDFDocument,
  meta: PdfAMetadata,
  files: AssociatedFile[] = [],
): Promise<void> {
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords(meta.keywords);
  pdf.setCreator(CREATOR);
  pdf.setProducer(PRODUCER);
  pdf.setLanguage(meta.language);
  pdf.setCreationDate(meta.date);
  pdf.setModificationDate(meta.date);

  for (const file of files)
    await pdf.attach(file.content, file.name, {
      mimeType: file.mediaType,
      description: file.description,
      creationDate: meta.date,
      modificationDate: meta.date,
      afRelationship: AFRelationship[file.relationship],
    });

  const { context, catalog } = pdf;
  // Uncompressed UTF-8, so tools that scan files for the XMP packet find it.
  const xmp = context.stream(Buffer.from(xmpPacket(meta), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(xmp));

  const profile = context.flateStream(SRGB_PROFILE, { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB2014 (ICC)'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  // The file identifier: the same content gives the same id (ISO 32000 14.4), so reproducible bytes stay so.
  const id = createHash('sha256').update(JSON.stringify(meta)).update(SRGB_PROFILE);
  for (const file of files) id.update(file.content);
  const hex = id.digest('hex').slice(0, 32).toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(hex), PDFHexString.of(hex)]);
}

/** The XMP packet: PDF/A identification plus the Info dictionary's entries in their XMP form. */
function xmpPacket(meta: PdfAMetadata): string {
  const date = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<pdfaid:part>3</pdfaid:part>',
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(meta.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(meta.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${escapeXml(meta.keywords.join(' '))}</pdf:Keywords>`,
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `<xmp:CreatorTool>${CREATOR}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    // Padding lets an editor update the packet in place; the end marker says so ("w").
    ' '.repeat(512),
    '<?xpacket end="w"?>',
  ].join('\n');
}

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 cannot carry C0 controls other than tab, LF and CR.
      .replace(/\p{Cc}/gu, (c) => ('\t\n\r'.includes(c) ? c : ''))
  );
}
