// The transaction protocol: append-only, hash-chained in the database (0001_foundation.sql; chain order
// `seq` assigned under the lock of the chain head, 0008_protocol_chain_order.sql). See docs/protocol.md.
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
  /** Position in the hash chain (gap-free, in commit order). */
  seq: number;
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
    `SELECT id, seq, at, application_id, ars, leika_id, step, rule_version, target, payload_hash, outcome, detail, prev_hash, hash
       FROM protocol ${where} ORDER BY seq LIMIT $${params.length}`,
    params,
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    seq: Number(r.seq),
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

export interface ProtocolVerification {
  rows: number;
  /** Ids of rows whose hash does not match their content, or whose link does not match their predecessor. */
  broken: number[];
  /** Whether the chain head (last seq and hash) matches the last row: a removed tail shows here. */
  headMatches: boolean;
}

/** Recomputes every link of the chain in chain order, in one snapshot, and checks the head against the tail. */
export async function verifyProtocol(db: Pool): Promise<ProtocolVerification> {
  const result = await db.query<{ rows: string; broken: string[]; head_ok: boolean }>(
    `WITH chain AS (
       SELECT id, seq, hash,
              hash = protocol_hash(p)
                AND prev_hash = coalesce(lag(hash) OVER (ORDER BY seq), repeat('0', 64))
                AND seq = row_number() OVER (ORDER BY seq) AS ok
         FROM protocol p)
     SELECT (SELECT count(*) FROM chain) AS rows,
            (SELECT coalesce(array_agg(id ORDER BY seq), '{}') FROM chain WHERE NOT ok) AS broken,
            (SELECT h.seq = coalesce(t.seq, 0) AND h.hash = coalesce(t.hash, repeat('0', 64))
               FROM protocol_head h
               LEFT JOIN (SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1) t ON true) AS head_ok`,
  );
  const row = result.rows[0]!;
  return { rows: Number(row.rows), broken: row.broken.map(Number), headMatches: row.head_ok === true };
}
