// Go-live records per municipality x service and the configuration hash a test plan pass is bound to.
import crypto from 'node:crypto';
import type { Pool } from './pool';

export const GO_LIVE_STATES = ['draft', 'test', 'pilot', 'live'] as const;
export type GoLiveState = (typeof GO_LIVE_STATES)[number];

export interface GoLiveRecord {
  ars: string;
  leikaId: string;
  state: GoLiveState;
  passedConfigHash: string | null;
  passedAt: string | null;
  lastRunAt: string | null;
  lastRunAccepted: boolean | null;
  lastRunConfigHash: string | null;
  lastReport: unknown;
  changedAt: string;
  changedBy: string;
}

const COLUMNS = `ars, leika_id, state, passed_config_hash, passed_at, last_run_at, last_run_accepted,
  last_run_config_hash, last_report, changed_at, changed_by`;

function toRecord(r: Record<string, any>): GoLiveRecord {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ars: r.ars.trim(),
    leikaId: r.leika_id,
    state: r.state,
    passedConfigHash: r.passed_config_hash,
    passedAt: iso(r.passed_at),
    lastRunAt: iso(r.last_run_at),
    lastRunAccepted: r.last_run_accepted,
    lastRunConfigHash: r.last_run_config_hash,
    lastReport: r.last_report,
    changedAt: r.changed_at.toISOString(),
    changedBy: r.changed_by,
  };
}

/** The go-live state of a service in a municipality; a binding without a record is a draft. */
export async function goLiveState(pool: Pool, ars: string, leikaId: string): Promise<GoLiveState> {
  const r = await pool.query('SELECT state FROM go_live WHERE ars = $1 AND leika_id = $2', [ars, leikaId]);
  return r.rows[0]?.state ?? 'draft';
}

/** The record, or a fresh draft (not stored) when the binding has none yet. */
export async function getGoLive(pool: Pool, ars: string, leikaId: string): Promise<GoLiveRecord> {
  const r = await pool.query(`SELECT ${COLUMNS} FROM go_live WHERE ars = $1 AND leika_id = $2`, [
    ars,
    leikaId,
  ]);
  if (r.rows[0]) return toRecord(r.rows[0]);
  return {
    ars,
    leikaId,
    state: 'draft',
    passedConfigHash: null,
    passedAt: null,
    lastRunAt: null,
    lastRunAccepted: null,
    lastRunConfigHash: null,
    lastReport: null,
    changedAt: new Date(0).toISOString(),
    changedBy: 'nobody',
  };
}

/** Go-live records of every binding (draft where none is stored), optionally of one municipality. */
export async function listGoLive(
  pool: Pool,
  filter: { ars?: string; leikaId?: string; state?: string },
): Promise<GoLiveRecord[]> {
  const r = await pool.query(
    `SELECT b.ars, b.leika_id, coalesce(g.state, 'draft') AS state, g.passed_config_hash, g.passed_at, g.last_run_at,
            g.last_run_accepted, g.last_run_config_hash, g.last_report,
            coalesce(g.changed_at, b.created_at) AS changed_at, coalesce(g.changed_by, 'nobody') AS changed_by
       FROM bindings b LEFT JOIN go_live g ON g.ars = b.ars AND g.leika_id = b.leika_id
      WHERE ($1::text IS NULL OR b.ars = $1) AND ($2::text IS NULL OR b.leika_id = $2)
        AND ($3::text IS NULL OR coalesce(g.state, 'draft') = $3)
      ORDER BY b.ars, b.leika_id`,
    [filter.ars ?? null, filter.leikaId ?? null, filter.state ?? null],
  );
  return r.rows.map(toRecord);
}

/**
 * Moves the state if it is still `from` (two administrators at once: one wins); records the transition in
 * the audit log (ids and states only). Returns false if the state had changed meanwhile.
 */
export async function setGoLiveState(
  pool: Pool,
  key: { ars: string; leikaId: string },
  from: GoLiveState,
  to: GoLiveState,
  actor: string,
  reason: string,
  configHash: string | null,
): Promise<boolean> {
  const r = await pool.query(
    `WITH moved AS (
       INSERT INTO go_live (ars, leika_id, state, changed_at, changed_by) VALUES ($1, $2, $4, now(), $5)
       ON CONFLICT (ars, leika_id) DO UPDATE SET state = EXCLUDED.state, changed_at = now(), changed_by = EXCLUDED.changed_by
        WHERE go_live.state = $3
       RETURNING ars)
     INSERT INTO audit_log (actor, entity, entity_id, action, before, after)
     SELECT $5, 'go-live', $1 || '-' || $2, 'update',
            jsonb_build_object('ars', $1::text, 'leikaId', $2::text, 'state', $3::text),
            jsonb_build_object('ars', $1::text, 'leikaId', $2::text, 'state', $4::text, 'reason', $6::text,
                               'configHash', $7::text)
       FROM moved RETURNING id`,
    [key.ars, key.leikaId, from, to, actor, reason, configHash],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Stores a test plan run; a passing run binds the pass to the configuration it ran against. */
export async function recordTestRun(
  pool: Pool,
  key: { ars: string; leikaId: string },
  run: { accepted: boolean; configHash: string; report: unknown },
  actor: string,
): Promise<void> {
  await pool.query(
    `INSERT INTO go_live (ars, leika_id, state, changed_by, last_run_at, last_run_accepted, last_run_config_hash, last_report,
                          passed_config_hash, passed_at)
     VALUES ($1, $2, 'draft', $3, now(), $4, $5, $6, CASE WHEN $4 THEN $5 END, CASE WHEN $4 THEN now() END)
     ON CONFLICT (ars, leika_id) DO UPDATE SET
       last_run_at = now(), last_run_accepted = $4, last_run_config_hash = $5, last_report = $6,
       passed_config_hash = CASE WHEN $4 THEN $5 ELSE go_live.passed_config_hash END,
       passed_at = CASE WHEN $4 THEN now() ELSE go_live.passed_at END`,
    [key.ars, key.leikaId, actor, run.accepted, run.configHash, JSON.stringify(run.report)],
  );
}

/** Transitions of one service in one municipality, newest first (from the audit log). */
export async function goLiveHistory(pool: Pool, ars: string, leikaId: string) {
  const r = await pool.query(
    `SELECT at, actor, before->>'state' AS "from", after->>'state' AS "to", after->>'reason' AS reason,
            after->>'configHash' AS "configHash"
       FROM audit_log WHERE entity = 'go-live' AND entity_id = $1 ORDER BY id DESC LIMIT 100`,
    [`${ars}-${leikaId}`],
  );
  return r.rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

const MAX_REDIRECTS = 5;

/**
 * A fingerprint of everything a test plan run depends on: the binding (following redirects), its office,
 * systems and products (credentials only as part of the hash), the service with its form schema, the active
 * integration rules and the active process model. Any change gives another hash; null without a binding.
 */
export async function configHash(pool: Pool, ars: string, leikaId: string): Promise<string | null> {
  const parts: string[] = [];
  let current = ars;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const r = await pool.query(
      `SELECT (to_jsonb(b) - 'created_at')::text AS binding,
              (SELECT (to_jsonb(o) - 'created_at')::text FROM offices o WHERE o.id = b.office_id) AS office,
              (SELECT coalesce(jsonb_agg((to_jsonb(s) - 'created_at') || jsonb_build_object('product', to_jsonb(p) - 'created_at')
                                         ORDER BY s.id), '[]')::text
                 FROM systems s JOIN system_products p ON p.id = s.product_id
                WHERE s.id IN (b.fachverfahren_system_id, b.dms_system_id, b.mail_system_id)) AS systems
         FROM bindings b WHERE b.ars = $1 AND b.leika_id = $2`,
      [current, leikaId],
    );
    const row = r.rows[0];
    if (!row) {
      if (hop === 0) return null;
      parts.push(`no binding ${current}`);
      break;
    }
    parts.push(row.binding, row.office ?? '', row.systems);
    const next = JSON.parse(row.binding).redirect_ars as string | null;
    if (!next) break;
    current = next.trim();
  }
  const shared = await pool.query(
    `SELECT (SELECT (to_jsonb(s) - 'created_at')::text FROM services s WHERE s.leika_id = $1) AS service,
            (SELECT coalesce(jsonb_agg(x.rule_id ORDER BY x.message_type, x.target_format), '[]')::text FROM (
               SELECT DISTINCT ON (message_type, target_format) message_type, target_format, rule_id
                 FROM rule_activations WHERE leika_id = $1 ORDER BY message_type, target_format, id DESC) x) AS rules,
            (SELECT model_id::text FROM process_model_activations
              WHERE leika_id = $1 AND (ars = $2 OR ars IS NULL) ORDER BY (ars IS NULL), id DESC LIMIT 1) AS model`,
    [leikaId, current],
  );
  const s = shared.rows[0]!;
  parts.push(s.service ?? '', s.rules, s.model ?? '');
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex');
}
