// Intake refuses what could never be delivered: the envelope every rule reads must be buildable and
// parseable, and the office's Fachverfahren rule must find the data it reads.
import type { Pool } from '../db/pool';
import type { RouteDecision } from '../workflows/caseTypes';
import { applicationEnvelope, EnvelopeError } from '../rules/envelope';
import { MAX_XML_BYTES } from '../rules/safeXml';
import { Problem } from './problems';

/**
 * Room the later messages of a case need on top of the application (notice text of up to 20,000
 * characters, metadata of supplements and record documents), so that an application that fits
 * leaves its notice and record deliverable too.
 */
export const LATER_MESSAGES_HEADROOM = 512 * 1024;
/** The largest application envelope intake accepts, in UTF-8 bytes. */
export const MAX_APPLICATION_ENVELOPE_BYTES = MAX_XML_BYTES - LATER_MESSAGES_HEADROOM;

export interface IntakeContent {
  applicant: { name: string; email: string; postalAddress?: string };
  formData?: Record<string, unknown>;
  xmlDocument?: string;
  attachments: { filename: string; mediaType: string; content: Buffer }[];
}

/** Builds the application's envelope as delivery will; throws 422 if it cannot be built or is too large to parse. */
export function assertEnvelopeFits(route: RouteDecision, content: IntakeContent): void {
  let envelope: string;
  try {
    envelope = applicationEnvelope({
      applicationId: 'A-00000000-0000000000',
      service: { leikaId: route.leikaId, name: route.serviceName },
      municipality: { ars: route.ars, name: route.municipalityName },
      office: { id: route.officeId, name: route.officeName, email: route.officeEmail ?? undefined },
      implementationLevel: route.level,
      submittedAt: new Date(0).toISOString(),
      applicant: content.applicant,
      formData: content.formData ?? {},
      attachments: content.attachments.map((a) => ({
        filename: a.filename,
        mediaType: a.mediaType,
        sha256: '0'.repeat(64),
        size: a.content.length,
      })),
      payload: content.xmlDocument ? { submittedXml: content.xmlDocument } : undefined,
    });
  } catch (error) {
    if (error instanceof EnvelopeError)
      throw new Problem('validation-failed', `body.formData: ${error.message}`);
    throw error;
  }
  const bytes = Buffer.byteLength(envelope, 'utf8');
  if (bytes > MAX_APPLICATION_ENVELOPE_BYTES) {
    const largest = largestText(content.formData ?? {}, 'body.formData');
    throw new Problem(
      'validation-failed',
      `The application makes a message of ${bytes} bytes; integration rules read at most ${MAX_APPLICATION_ENVELOPE_BYTES}` +
        ` (after XML escaping). Shorten the form data or the XML document` +
        (largest ? `; the longest field is ${largest.path} (${largest.length} characters).` : '.'),
    );
  }
}

/**
 * An application sent only as an XML document reaches the rules as payload/submittedXml; a Fachverfahren
 * rule that reads only formData would produce an empty message that the receiver refuses every time.
 */
export async function assertXmlOnlyIsReadable(
  pool: Pool,
  route: RouteDecision,
  content: IntakeContent,
): Promise<void> {
  if (content.formData !== undefined || !content.xmlDocument || !route.fachverfahren) return;
  const format = route.fachverfahren.messageFormat;
  const rule = await pool.query<{ xslt: string; id: string }>(
    `SELECT r.id, r.xslt FROM rule_activations a JOIN rules r ON r.id = a.rule_id
      WHERE a.leika_id = $1 AND a.message_type = 'application' AND a.target_format = $2 ORDER BY a.id DESC LIMIT 1`,
    [route.leikaId, format],
  );
  const xslt = rule.rows[0]?.xslt;
  if (xslt && /formData/.test(xslt) && !/submittedXml/.test(xslt))
    throw new Problem(
      'validation-failed',
      `body.xmlDocument: the rule ${rule.rows[0]!.id} that delivers "${route.serviceName}" to ${route.fachverfahren.productName} ` +
        `reads the form data, not an XML document; send the application as formData.`,
    );
}

function largestText(value: unknown, path: string): { path: string; length: number } | undefined {
  if (typeof value === 'string') return { path, length: value.length };
  if (value === null || typeof value !== 'object') return undefined;
  let best: { path: string; length: number } | undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = largestText(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found && (!best || found.length > best.length)) best = found;
  }
  return best;
}
