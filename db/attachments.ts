// Attachments filed with an application at intake (stored with it in one transaction, see applications.ts).
import type { Pool } from './pool';

export interface AttachmentInfo {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}

/** What the case view lists: ids, names, types and sizes, no content. */
export async function listAttachments(pool: Pool, applicationId: string): Promise<AttachmentInfo[]> {
  const r = await pool.query(
    `SELECT id::text, filename, media_type AS "mediaType", length(content) AS size
       FROM attachments WHERE application_id = $1 ORDER BY id`,
    [applicationId],
  );
  return r.rows;
}

/** One attachment of an application; ids that are not numbers are simply unknown. */
export async function readAttachment(
  pool: Pool,
  applicationId: string,
  id: string,
): Promise<{ filename: string; mediaType: string; content: Buffer } | undefined> {
  if (!/^[0-9]{1,18}$/.test(id)) return undefined;
  const r = await pool.query(
    `SELECT filename, media_type AS "mediaType", content FROM attachments WHERE id = $1 AND application_id = $2`,
    [id, applicationId],
  );
  return r.rows[0];
}

export interface IntakeAttachment {
  /** The attachment row's id. */
  id: string;
  filename: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
}

/** The application's submitted files with their content, in the order they came (for messages to the office). */
export async function readIntakeAttachments(pool: Pool, applicationId: string): Promise<IntakeAttachment[]> {
  const rows = await pool.query(
    'SELECT id::text, filename, media_type, sha256, content FROM attachments WHERE application_id = $1 ORDER BY id',
    [applicationId],
  );
  return rows.rows.map((a) => ({
    id: a.id,
    filename: a.filename,
    mediaType: a.media_type,
    sha256: a.sha256,
    content: a.content as Buffer,
  }));
}
