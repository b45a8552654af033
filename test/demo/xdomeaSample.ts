// Real xdomea containers for the DMS tests: the shipped filing rule run on a sample envelope with real file
// bytes, packed the way the hub's xdomea adapter packs them.
import crypto from 'node:crypto';
import { documentUuid } from '../../activities/delivery/filing';
import { ruleText } from '../../rules/catalog';
import { compileRule } from '../../rules/compile';
import { applicationEnvelope, type MessageType } from '../../rules/envelope';
import { sampleEnvelopeInput } from '../../rules/samples';
import type { Sef } from '../../rules/saxon';
import { runRule } from '../../rules/transform';
import { packContainer, xdomeaReferences } from '../../rules/xdomeaContainer';

let sef: Promise<Sef> | undefined;

export interface SampleFile {
  filename: string;
  mediaType: string;
  content: Buffer;
}

export interface SampleContainer {
  name: string;
  zip: Buffer;
  xml: string;
  /** Container entry name -> bytes of every primary document. */
  files: Map<string, Buffer>;
  applicationId: string;
}

/**
 * The filing message of one case's message type, with the given files as documents of that message; `xslt`
 * stands in for the shipped filing rule (an administrator's upload).
 */
export async function xdomeaMessage(
  options: { applicationId?: string; messageType?: MessageType; files?: SampleFile[]; xslt?: string } = {},
): Promise<{ xml: string; contents: Map<string, Buffer>; applicationId: string }> {
  const applicationId =
    options.applicationId ?? `A-20260302-${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
  const messageType = options.messageType ?? 'application';
  const files = options.files ?? [
    {
      filename: 'Mietvertrag.pdf',
      mediaType: 'application/pdf',
      content: Buffer.from('%PDF-1.4 Mietvertrag'),
    },
  ];
  const metas = files.map((f, i) => ({
    filename: f.filename,
    mediaType: f.mediaType,
    sha256: crypto.createHash('sha256').update(f.content).digest('hex'),
    size: f.content.length,
    title: messageType === 'supplement' ? 'supplement' : 'notice',
    documentId: documentUuid(applicationId, `sample:${i}`),
  }));
  const input = {
    ...sampleEnvelopeInput({ leikaId: '99050012104000', messageType }),
    applicationId,
    messageId: `${applicationId}/${messageType}/0/dms`,
  };
  if (messageType === 'application') input.attachments = metas;
  else input.documents = metas;
  const rule = options.xslt
    ? { sef: await compileRule(options.xslt) }
    : { id: 'sample', sef: await (sef ??= compileRule(ruleText('xdomea-filing.xsl'))) };
  const xml = await runRule(rule, applicationEnvelope(input));
  const contents = new Map(metas.map((m, i) => [m.documentId, files[i]!.content]));
  return { xml, contents, applicationId };
}

/** A complete, valid container for one message of a case. */
export async function xdomeaContainer(
  options: Parameters<typeof xdomeaMessage>[0] = {},
): Promise<SampleContainer> {
  const { xml, contents, applicationId } = await xdomeaMessage(options);
  const packed = packContainer(xml, (id) => contents.get(id));
  // The packed message: the container may have renamed entries the rule named unsafely.
  const files = new Map<string, Buffer>();
  for (const ref of xdomeaReferences(packed.xml).files)
    files.set(ref.dateiname, contents.get(ref.documentId)!);
  return { name: packed.name, zip: packed.bytes, xml: packed.xml, files, applicationId };
}
