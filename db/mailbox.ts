// The applicant's mailbox and the case's documents.
import crypto from 'node:crypto';
import type { Pool } from './pool';

export interface MailboxMessage {
  id: string;
  kind: 'confirmation' | 'request' | 'reminder' | 'notice' | 'payment' | 'information';
  subject: string;
  body: string;
  documents: {
    id: string;
    kind: string;
    filename: string;
    mediaType: string;
    sha256: string;
    size: number;
  }[];
  createdAt: string;
  retrievedAt: string | null;
}

export interface StoredDocument {
  id: string;
  applicationId: string;
  kind: string;
  filename: string;
  mediaType: string;
  sha256: string;
  size: number;
}

/** Idempotent by id (the workflow derives ids), so a retried activity stores nothing twice. */
export async function storeDocument(
  pool: Pool,
  doc: {
    id: string;
    applicationId: string;
    kind: string;
    filename: string;
    mediaType: string;
    content: Buffer;
  },
): Promise<StoredDocument> {
  const sha256 = crypto.createHash('sha256').update(doc.content).digest('hex');
  await pool.query(
    `INSERT INTO case_documents (id, application_id, kind, filename, media_type, content, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO NOTHING`,
    [doc.id, doc.applicationId, doc.kind, doc.filename, doc.mediaType, doc.content, sha256],
  );
  return {
    id: doc.id,
    applicationId: doc.applicationId,
    kind: doc.kind,
    filename: doc.filename,
    mediaType: doc.mediaType,
    sha256,
    size: doc.content.length,
  };
}

export async function listDocuments(pool: Pool, applicationId: string): Promise<StoredDocument[]> {
  const r = await pool.query(
    `SELECT id, application_id, kind, filename, media_type, sha256, length(content) AS size FROM case_documents
      WHERE application_id = $1 ORDER BY created_at, id`,
    [applicationId],
  );
  return r.rows.map((d) => ({
    id: d.id,
    applicationId: d.application_id,
    kind: d.kind,
    filename: d.filename,
    mediaType: d.media_type,
    sha256: d.sha256,
    size: Number(d.size),
  }));
}

export async function readDocument(
  pool: Pool,
  id: string,
): Promise<{ applicationId: string; filename: string; mediaType: string; content: Buffer } | undefined> {
  const r = await pool.query(
    'SELECT application_id, filename, media_type, content FROM case_documents WHERE id = $1',
    [id],
  );
  const d = r.rows[0];
  return (
    d && {
      applicationId: d.application_id,
      filename: d.filename,
      mediaType: d.media_type,
      content: d.content,
    }
  );
}

export async function postMessage(
  pool: Pool,
  message: {
    id: string;
    applicationId: string;
    kind: MailboxMessage['kind'];
    subject: string;
    body: string;
    documentIds?: string[];
  },
): Promise<void> {
  await pool.query(
    `INSERT INTO mailbox_messages (id, application_id, kind, subject, body, document_ids) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING`,
    [
      message.id,
      message.applicationId,
      message.kind,
      message.subject,
      message.body,
      message.documentIds ?? [],
    ],
  );
}

/**
 * Lists the mailbox. The applicant's own listing marks messages read, except notices: a notice is retrieved
 * (a legal effect: §41 (2a) VwVfG) only when its document is opened (retrieveNoticeDocument).
 */
export async function readMailbox(
  pool: Pool,
  applicationId: string,
  options: { retrieve: boolean },
): Promise<{ messages: MailboxMessage[]; newlyRetrievedNotices: { id: string; retrievedAt: string }[] }> {
  const retrieved = options.retrieve
    ? await pool.query(
        `UPDATE mailbox_messages SET retrieved_at = now()
          WHERE application_id = $1 AND retrieved_at IS NULL AND kind <> 'notice'
         RETURNING id, kind, retrieved_at`,
        [applicationId],
      )
    : { rows: [] as { id: string; kind: string; retrieved_at: Date }[] };
  const r = await pool.query(
    `SELECT m.id, m.kind, m.subject, m.body, m.created_at, m.retrieved_at,
            coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'filename', d.filename, 'mediaType', d.media_type,
                     'sha256', d.sha256, 'size', length(d.content))) FILTER (WHERE d.id IS NOT NULL), '[]') AS documents
       FROM mailbox_messages m LEFT JOIN case_documents d ON d.id = ANY (m.document_ids)
      WHERE m.application_id = $1 GROUP BY m.id ORDER BY m.created_at, m.id`,
    [applicationId],
  );
  return {
    messages: r.rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      subject: m.subject,
      body: m.body,
      documents: m.documents,
      createdAt: m.created_at.toISOString(),
      retrievedAt: m.retrieved_at?.toISOString() ?? null,
    })),
    newlyRetrievedNotices: retrieved.rows
      .filter((x) => x.kind === 'notice')
      .map((x) => ({ id: x.id, retrievedAt: x.retrieved_at.toISOString() })),
  };
}

/** When the applicant retrieved the case's notice from the mailbox (the workflow reconciles with this). */
export async function noticeRetrievedAt(pool: Pool, applicationId: string): Promise<string | null> {
  const r = await pool.query<{ retrieved_at: Date | null }>(
    'SELECT retrieved_at FROM mailbox_messages WHERE id = $1',
    [`${applicationId}/notice`],
  );
  return r.rows[0]?.retrieved_at?.toISOString() ?? null;
}

/**
 * The applicant opened a document of the case: if it is the notice (PDF or structured form), the notice is
 * retrieved now (§ 41 (2a) VwVfG), once. Returns the stored retrieval time when this call retrieved it.
 */
export async function retrieveNoticeDocument(
  pool: Pool,
  applicationId: string,
  documentId: string,
): Promise<string | undefined> {
  const r = await pool.query<{ retrieved_at: Date }>(
    `UPDATE mailbox_messages m SET retrieved_at = now()
      WHERE m.id = $1 AND m.application_id = $2 AND m.retrieved_at IS NULL AND $3 = ANY (m.document_ids)
        AND EXISTS (SELECT 1 FROM case_documents d WHERE d.id = $3 AND d.kind IN ('notice', 'notice-structured'))
      RETURNING m.retrieved_at`,
    [`${applicationId}/notice`, applicationId, documentId],
  );
  return r.rows[0]?.retrieved_at.toISOString();
}
