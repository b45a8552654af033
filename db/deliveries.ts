// Deliveries to target systems: one row per message and target, keyed by its idempotency key.
import type { Pool } from './pool';

export interface DeliveryRow {
  id: string;
  applicationId: string;
  systemId: string | null;
  target: string;
  messageType: string;
  status: 'pending' | 'delivered' | 'parked';
  attempts: number;
  lastError: string | null;
  ruleVersion: string | null;
  payloadSha256: string | null;
  updatedAt: string;
}

const toRow = (r: Record<string, any>): DeliveryRow => ({
  id: r.id,
  applicationId: r.application_id,
  systemId: r.system_id,
  target: r.target,
  messageType: r.message_type,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  ruleVersion: r.rule_version,
  payloadSha256: r.payload_sha256,
  updatedAt: r.updated_at.toISOString(),
});

/** Records an attempt; returns the row as it is now (status 'delivered' means: nothing left to do). */
export async function beginAttempt(
  pool: Pool,
  d: { id: string; applicationId: string; systemId: string | null; target: string; messageType: string },
): Promise<DeliveryRow> {
  const r = await pool.query(
    `INSERT INTO deliveries (id, application_id, system_id, target, message_type, idempotency_key, status, attempts)
     VALUES ($1, $2, $3, $4, $5, $1, 'pending', 1)
     ON CONFLICT (id) DO UPDATE SET attempts = deliveries.attempts + CASE WHEN deliveries.status = 'delivered' THEN 0 ELSE 1 END,
       status = CASE WHEN deliveries.status = 'delivered' THEN 'delivered' ELSE 'pending' END, updated_at = now()
     RETURNING *`,
    [d.id, d.applicationId, d.systemId, d.target, d.messageType],
  );
  return toRow(r.rows[0]);
}

export async function markDelivery(
  pool: Pool,
  id: string,
  status: 'delivered' | 'parked' | 'pending',
  info: { error?: string; ruleVersion?: string | null; payloadSha256?: string | null } = {},
): Promise<void> {
  await pool.query(
    `UPDATE deliveries SET status = $2, last_error = coalesce($3, last_error), rule_version = coalesce($4, rule_version),
       payload_sha256 = coalesce($5, payload_sha256), updated_at = now() WHERE id = $1`,
    [id, status, info.error ?? null, info.ruleVersion ?? null, info.payloadSha256 ?? null],
  );
}

/** A delivery belongs to the municipality that handles its case (after redirects), else where it was filed. */
const IN_MUNICIPALITY = `($ARS::text IS NULL OR EXISTS (SELECT 1 FROM applications a WHERE a.id = d.application_id
    AND coalesce(a.route->>'ars', a.ars) = $ARS))`;

export async function listDeliveries(
  pool: Pool,
  filter: { status?: string; applicationId?: string; ars?: string },
): Promise<DeliveryRow[]> {
  const r = await pool.query(
    `SELECT d.* FROM deliveries d WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.application_id = $2)
       AND ${IN_MUNICIPALITY.replaceAll('$ARS', '$3')} ORDER BY d.created_at LIMIT 1000`,
    [filter.status ?? null, filter.applicationId ?? null, filter.ars ?? null],
  );
  return r.rows.map(toRow);
}

/** One delivery; with `ars`, only if it belongs to that municipality. */
export async function getDelivery(pool: Pool, id: string, ars?: string): Promise<DeliveryRow | undefined> {
  const r = await pool.query(
    `SELECT d.* FROM deliveries d WHERE d.id = $1 AND ${IN_MUNICIPALITY.replaceAll('$ARS', '$2')}`,
    [id, ars ?? null],
  );
  return r.rows[0] && toRow(r.rows[0]);
}
