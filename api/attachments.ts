import { Problem } from './problems';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Decodes inline base64 attachments, refusing malformed or oversized ones by their position. */
export function decodeAttachments(
  attachments: { filename: string; mediaType: string; contentBase64: string }[],
  path: string,
) {
  return attachments.map((a, i) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.contentBase64)) {
      throw new Problem('validation-failed', `${path}[${i}].contentBase64 is not valid base64`);
    }
    const content = Buffer.from(a.contentBase64, 'base64');
    if (content.length > MAX_ATTACHMENT_BYTES) {
      throw new Problem(
        'payload-too-large',
        `${path}[${i}] is ${content.length} bytes; the limit is ${MAX_ATTACHMENT_BYTES}`,
      );
    }
    return { filename: a.filename, mediaType: a.mediaType, content };
  });
}
