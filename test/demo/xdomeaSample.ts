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
import { packContainer } from '../../rules/xdomeaContainer';

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

/** The filing message of one case's message type, with the given files as documents of that message. */
export async function xdomeaMessage(
  options: { applicationId?: string; messageType?: MessageType; files?: SampleFile[] } = {},
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
  sef ??= compileRule(ruleText('xdomea-filing.xsl'));
  const xml = await runRule({ id: 'sample', sef: await sef }, applicationEnvelope(input));
  const contents = new Map(metas.map((m, i) => [m.documentId, files[i]!.content]));
  return { xml, contents, applicationId };
}

/** A complete, valid container for one message of a case. */
export async function xdomeaContainer(
  options: Parameters<typeof xdomeaMessage>[0] = {},
): Promise<SampleContainer> {
  const { xml, contents, applicationId } = await xdomeaMessage(options);
  const packed = packContainer(xml, (id) => contents.get(id));
  const files = new Map<string, Buffer>();
  for (const [id, content] of contents) {
    const entry = packed.entries.find((e) => e.startsWith(`${id}_`));
    if (entry) files.set(entry, content);
  }
  return { name: packed.name, zip: packed.bytes, xml, files, applicationId };
}
