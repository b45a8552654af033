// Files submitted with an application (stored at intake, read when a message to the office is built).
import type { Pool } from './pool';

export interface IntakeAttachment {
  filename: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
}

/** The application's submitted files, in the order they came. */
export async function listAttachments(pool: Pool, applicationId: string): Promise<IntakeAttachment[]> {
  const rows = await pool.query(
    'SELECT filename, media_type, sha256, content FROM attachments WHERE application_id = $1 ORDER BY id',
    [applicationId],
  );
  return rows.rows.map((a) => ({
    filename: a.filename,
    mediaType: a.media_type,
    sha256: a.sha256,
    content: a.content as Buffer,
  }));
}
