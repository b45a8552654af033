// Inline attachments in, documents out: decoding with limits, and download headers that survive any filename.
import { Problem } from './problems';
import { unsafeLineReason } from './requestGuards';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Decodes inline base64 attachments, refusing malformed or oversized ones by their position. */
export function decodeAttachments(
  attachments: { filename: string; mediaType: string; contentBase64: string }[],
  path: string,
) {
  return attachments.map((a, i) => {
    const unsafe = unsafeLineReason(a.filename);
    if (unsafe) throw new Problem('validation-failed', `${path}[${i}].filename ${unsafe}; rename the file.`);
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

/**
 * `Content-Disposition: attachment` with the exact name as RFC 6266 / RFC 5987 `filename*` (UTF-8, so DIN 91379
 * names round-trip) and a plain ASCII `filename` for old clients. Safe for any stored name, even one with CR/LF.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_').trim() || 'download';
  const exact = encodeURIComponent(wellFormed(filename)).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

// encodeURIComponent throws on a lone surrogate; names stored before intake refused them may have one.
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
