// Applications as accepted at intake. Accepting is one transaction: nothing is half-taken.
import crypto from 'node:crypto';
import { inTransaction, type Pool } from './pool';
import { appendProtocol } from './protocol';
import type { RouteDecision } from '../workflows/caseTypes';

export interface NewApplication {
  idempotencyKey: string | undefined;
  requestHash: string;
  leikaId: string;
  ars: string;
  applicant: Record<string, unknown>;
  formData: Record<string, unknown> | undefined;
  xmlDocument: string | undefined;
  attachments: { filename: string; mediaType: string; content: Buffer }[];
  accessTokenHash: string;
  /** § 41 (2a) VwVfG consent as given at submission (db/consent.ts reads it). */
  notificationConsent?: { electronic: boolean; email: boolean };
  /** A test submission (test plan, pilot); counts in no usage figure. */
  test?: boolean;
}

export interface ApplicationRow {
  id: string;
  leikaId: string;
  ars: string;
  applicant: Record<string, unknown>;
  formData: Record<string, unknown> | null;
  xmlDocument: string | null;
  createdAt: string;
  /** Where routing sent it (null until the workflow routed it). */
  route: RouteDecision | null;
  /** A test submission (test plan, pilot), shown to the office as such. */
  test: boolean;
}

export type AcceptResult =
  { kind: 'created'; id: string } | { kind: 'replayed'; id: string } | { kind: 'key-conflict'; id: string };

/** Application ids read well on the phone and in the Temporal UI: A-YYYYMMDD-XXXXXXXX. */
export function newApplicationId(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `A-${day}-${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
}

async function findByKey(pool: Pool, key: string, requestHash: string): Promise<AcceptResult | undefined> {
  const existing = await pool.query('SELECT id, request_hash FROM applications WHERE idempotency_key = $1', [
    key,
  ]);
  const row = existing.rows[0];
  if (!row) return undefined;
  return { kind: row.request_hash === requestHash ? 'replayed' : 'key-conflict', id: row.id };
}

/** Stores the application, its attachments, its first status and the applicant token atomically. */
export async function acceptApplication(pool: Pool, app: NewApplication): Promise<AcceptResult> {
  if (app.idempotencyKey) {
    const seen = await findByKey(pool, app.idempotencyKey, app.requestHash);
    if (seen) return seen;
  }
  const id = newApplicationId();
  try {
    await inTransaction(pool, async (client) => {
      await client.query(
        `INSERT INTO applications (id, idempotency_key, leika_id, ars, applicant, form_data, xml_document, access_token_hash, request_hash, notification_consent, test)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          app.idempotencyKey ?? null,
          app.leikaId,
          app.ars,
          JSON.stringify(app.applicant),
          app.formData ? JSON.stringify(app.formData) : null,
          app.xmlDocument ?? null,
          app.accessTokenHash,
          app.requestHash,
          app.notificationConsent ? JSON.stringify(app.notificationConsent) : null,
          app.test ?? false,
        ],
      );
      for (const a of app.attachments) {
        await client.query(
          'INSERT INTO attachments (application_id, filename, media_type, content, sha256) VALUES ($1, $2, $3, $4, $5)',
          [
            id,
            a.filename,
            a.mediaType,
            a.content,
            crypto.createHash('sha256').update(a.content).digest('hex'),
          ],
        );
      }
      await client.query(
        `INSERT INTO application_status (application_id, status, phase, status_text) VALUES ($1, 'SUBMITTED', 'submitted', $2)`,
        [id, 'Ihr Antrag wurde übermittelt.'],
      );
      await client.query(
        `INSERT INTO status_history (application_id, status, phase, status_text) VALUES ($1, 'SUBMITTED', 'submitted', $2)`,
        [id, 'Ihr Antrag wurde übermittelt.'],
      );
      await client.query(
        `INSERT INTO api_tokens (token_hash, role, application_id, label) VALUES ($1, 'applicant', $2, $3)`,
        [app.accessTokenHash, id, `applicant of ${id}`],
      );
      await appendProtocol(client, {
        applicationId: id,
        ars: app.ars,
        leikaId: app.leikaId,
        step: 'receive',
        outcome: 'ok',
        payloadHash: app.requestHash,
        detail: {
          channel: 'api',
          attachments: app.attachments.length,
          idempotencyKey: app.idempotencyKey ?? null,
        },
      });
    });
  } catch (error) {
    // A concurrent request with the same key won the race: answer with its application.
    if ((error as { code?: string }).code === '23505' && app.idempotencyKey) {
      const seen = await findByKey(pool, app.idempotencyKey, app.requestHash);
      if (seen) return seen;
    }
    throw error;
  }
  return { kind: 'created', id };
}

/** Issues another applicant token for an existing application (idempotent replays). */
export async function addApplicantToken(pool: Pool, applicationId: string, tokenHash: string): Promise<void> {
  await pool.query(
    `INSERT INTO api_tokens (token_hash, role, application_id, label) VALUES ($1, 'applicant', $2, $3)`,
    [tokenHash, applicationId, `applicant of ${applicationId}`],
  );
}

export async function getApplication(pool: Pool, id: string): Promise<ApplicationRow | undefined> {
  const result = await pool.query(
    'SELECT id, leika_id, ars, applicant, form_data, xml_document, created_at, route, test FROM applications WHERE id = $1',
    [id],
  );
  const r = result.rows[0];
  return (
    r && {
      id: r.id,
      leikaId: r.leika_id,
      ars: r.ars,
      applicant: r.applicant,
      formData: r.form_data,
      xmlDocument: r.xml_document,
      createdAt: r.created_at.toISOString(),
      route: r.route,
      test: r.test,
    }
  );
}

/** Applications accepted whose workflow start was never recorded (the API stopped in between). */
export async function listUnstarted(pool: Pool): Promise<{ id: string; leikaId: string; ars: string }[]> {
  const result = await pool.query(
    `SELECT id, leika_id, ars FROM applications WHERE workflow_started_at IS NULL ORDER BY created_at LIMIT 1000`,
  );
  return result.rows.map((r) => ({ id: r.id, leikaId: r.leika_id, ars: r.ars }));
}

/** Records that the case's workflow runs (or ran), so no later API start starts it again. */
export async function markWorkflowStarted(pool: Pool, id: string): Promise<void> {
  await pool.query(
    'UPDATE applications SET workflow_started_at = now() WHERE id = $1 AND workflow_started_at IS NULL',
    [id],
  );
}
