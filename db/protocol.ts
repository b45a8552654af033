// The transaction protocol: append-only, hash-chained in the database (see 0001_foundation.sql).
import crypto from 'node:crypto';
import type { Pool, PoolClient } from './pool';

export type ProtocolStep =
  | 'receive'
  | 'reject'
  | 'route'
  | 'transform'
  | 'validate'
  | 'deliver'
  | 'retry'
  | 'failure'
  | 'file'
  | 'notify'
  | 'process'
  | 'decide'
  | 'admin';

export interface ProtocolEntry {
  applicationId?: string | null;
  ars?: string | null;
  leikaId?: string | null;
  step: ProtocolStep;
  ruleVersion?: string | null;
  target?: string | null;
  payloadHash?: string | null;
  outcome: 'ok' | 'refused' | 'error' | 'parked';
  detail?: Record<string, unknown>;
}

export interface ProtocolRow extends Required<Omit<ProtocolEntry, 'detail'>> {
  id: number;
  at: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface ProtocolFilter {
  applicationId?: string;
  ars?: string;
  leikaId?: string;
  outcome?: string;
  step?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** SHA-256 of a payload as stored in the protocol (the payload itself is not). */
export function payloadHash(payload: string | Buffer): string {
  return crypto.createHash('sha256').update(payload).digest('hex');
}

export async function appendProtocol(db: Pool | PoolClient, entry: ProtocolEntry): Promise<number> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO protocol (application_id, ars, leika_id, step, rule_version, target, payload_hash, outcome, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', '') RETURNING id`,
    [
      entry.applicationId ?? null,
      entry.ars ?? null,
      entry.leikaId ?? null,
      entry.step,
      entry.ruleVersion ?? null,
      entry.target ?? null,
      entry.payloadHash ?? null,
      entry.outcome,
      JSON.stringify(entry.detail ?? {}),
    ],
  );
  return Number(result.rows[0]!.id);
}

export async function listProtocol(db: Pool, filter: ProtocolFilter): Promise<ProtocolRow[]> {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.applicationId) add('application_id = ?', filter.applicationId);
  if (filter.ars) add('ars = ?', filter.ars);
  if (filter.leikaId) add('leika_id = ?', filter.leikaId);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.step) add('step = ?', filter.step);
  if (filter.from) add('at >= ?', filter.from);
  if (filter.to) add('at < ?', filter.to);
  params.push(Math.min(filter.limit ?? 500, 5000));
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const result = await db.query(
    `SELECT id, at, application_id, ars, leika_id, step, rule_version, target, payload_hash, outcome, detail, prev_hash, hash
       FROM protocol ${where} ORDER BY id LIMIT $${params.length}`,
    params,
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    applicationId: r.application_id,
    ars: r.ars,
    leikaId: r.leika_id,
    step: r.step,
    ruleVersion: r.rule_version,
    target: r.target,
    payloadHash: r.payload_hash,
    outcome: r.outcome,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Recomputes every link of the chain; returns the ids of rows whose hash or link does not match. */
export async function verifyProtocol(db: Pool): Promise<{ rows: number; broken: number[] }> {
  const result = await db.query<{ id: string; ok: boolean }>(
    `SELECT id, (hash = protocol_hash(p) AND prev_hash = coalesce(lag(hash) OVER (ORDER BY id), repeat('0', 64))) AS ok
       FROM protocol p ORDER BY id`,
  );
  return { rows: result.rowCount ?? 0, broken: result.rows.filter((r) => !r.ok).map((r) => Number(r.id)) };
}
