// The office's file reference (Aktenzeichen): a pattern per office, e.g. "{office}-{year}-{seq:5}", and a gapless
// sequence per office and calendar year, allocated once per application (a retried activity gets the same one).
import { inTransaction, type Pool } from './pool';

export const DEFAULT_FILE_REFERENCE_PATTERN = '{office}-{year}-{seq:5}';
export const FILE_REFERENCE_PLACEHOLDERS =
  '{office} (office id), {ars} (12 digits), {ags} (8 digits), {year}, {yy}, {seq} or {seq:N} (sequence, N digits, 1-9)';

export interface FileReference {
  applicationId: string;
  officeId: string;
  year: number;
  seq: number;
  /** The rendered reference, e.g. "gewerbeamt-radebeul-2025-00042". */
  fileReference: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** What is wrong with a pattern, one sentence each; empty when it is usable. */
export function fileReferencePatternProblems(pattern: unknown): string[] {
  if (typeof pattern !== 'string') return ['must be a string'];
  const problems: string[] = [];
  if (pattern.length === 0 || pattern.length > 100) problems.push('must have 1 to 100 characters');
  if (/\p{C}/u.test(pattern)) problems.push('must not contain control or invisible format characters');
  if (/[{}]/.test(pattern.replace(PLACEHOLDER, ''))) problems.push('has an unpaired { or }');
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  for (const name of names)
    if (!/^(office|ars|ags|year|yy|seq(:[1-9])?)$/.test(name))
      problems.push(`has the unknown placeholder {${name}}; use ${FILE_REFERENCE_PLACEHOLDERS}`);
  const seqs = names.filter((n) => /^seq(:[1-9])?$/.test(n)).length;
  if (seqs !== 1) problems.push('must contain the sequence {seq} or {seq:N} exactly once');
  // The sequence restarts every year, so without the year two cases would share a reference.
  if (!names.some((n) => n === 'year' || n === 'yy')) problems.push('must contain {year} or {yy}');
  return problems;
}

/** Renders a pattern; `ars` is the office's 12-digit key, the AGS its 8-digit part. */
export function formatFileReference(
  pattern: string,
  values: { officeId: string; ars: string; year: number; seq: number },
): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) => {
    if (name === 'office') return values.officeId;
    if (name === 'ars') return values.ars;
    if (name === 'ags') return values.ars.slice(0, 5) + values.ars.slice(9, 12);
    if (name === 'year') return String(values.year);
    if (name === 'yy') return String(values.year % 100).padStart(2, '0');
    const width = Number(name.split(':')[1] ?? 1);
    return String(values.seq).padStart(width, '0');
  });
}

/**
 * The application's file reference at the office: read if allocated, else allocated now in one transaction (next
 * number of the office's sequence for the year the application was received, Berlin time). Idempotent per
 * application; concurrent calls for one application wait for each other and get the same reference.
 */
export async function fileReferenceFor(
  pool: Pool,
  applicationId: string,
  officeId: string,
): Promise<FileReference> {
  return inTransaction(pool, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtextextended('file-reference:' || $1, 0))", [
      applicationId,
    ]);
    const existing = await db.query<FileReference>(
      `SELECT application_id AS "applicationId", office_id AS "officeId", year, seq, file_reference AS "fileReference"
         FROM file_references WHERE application_id = $1`,
      [applicationId],
    );
    if (existing.rows[0]) return existing.rows[0];
    const source = await db.query<{ pattern: string; ars: string; year: number }>(
      `SELECT o.file_reference_pattern AS pattern, o.ars,
              EXTRACT(YEAR FROM a.created_at AT TIME ZONE 'Europe/Berlin')::int AS year
         FROM offices o, applications a WHERE o.id = $1 AND a.id = $2`,
      [officeId, applicationId],
    );
    const row = source.rows[0];
    if (!row) throw new Error(`no office ${officeId} or no application ${applicationId}`);
    const problems = fileReferencePatternProblems(row.pattern);
    if (problems.length > 0)
      throw new Error(`file reference pattern of office ${officeId} ${problems.join('; ')}`);
    const counter = await db.query<{ last_seq: number }>(
      `INSERT INTO file_reference_counters (office_id, year, last_seq) VALUES ($1, $2, 1)
         ON CONFLICT (office_id, year) DO UPDATE SET last_seq = file_reference_counters.last_seq + 1
         RETURNING last_seq`,
      [officeId, row.year],
    );
    const seq = counter.rows[0]!.last_seq;
    const fileReference = formatFileReference(row.pattern, {
      officeId,
      ars: row.ars.trim(),
      year: row.year,
      seq,
    });
    await db.query(
      `INSERT INTO file_references (application_id, office_id, year, seq, file_reference)
         VALUES ($1, $2, $3, $4, $5)`,
      [applicationId, officeId, row.year, seq, fileReference],
    );
    return { applicationId, officeId, year: row.year, seq, fileReference };
  });
}
