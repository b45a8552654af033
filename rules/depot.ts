// The rule depot: upload compiles and stores an immutable version; activation history decides
// which version runs; every change is written to the transaction protocol (step 'admin').
import { createHash } from 'node:crypto';
import { inTransaction, type Pool, type PoolClient } from '../db/pool';
import { inDepotKey, lockDepotKey, logDepotChange, nextVersion, type DepotKey } from '../db/versionedDepot';
import { compileRule } from './compile';
import type { MessageType } from './envelope';
import type { Sef } from './saxon';

export interface RuleKey {
  leikaId: string;
  messageType: MessageType;
  targetFormat: string;
}

export interface RuleVersion extends RuleKey {
  id: string;
  version: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  note: string | null;
  /** Whether this version is the active one of its key. */
  active: boolean;
}

export interface RuleDetail extends RuleVersion {
  xslt: string;
  /** Activation history of this rule's key, newest first. */
  activations: {
    ruleId: string;
    version: number;
    reason: string;
    activatedAt: string;
    activatedBy: string;
  }[];
}

export interface ActiveRule extends RuleKey {
  id: string;
  version: number;
  sef: Sef;
}

export interface UploadInput extends RuleKey {
  xslt: string;
  note?: string;
  createdBy: string;
}

/** Thrown when a rollback has no earlier version to return to, or a rule id is unknown. */
export class RuleDepotError extends Error {
  override readonly name = 'RuleDepotError';
  constructor(
    readonly code: 'not-found' | 'no-previous-version',
    message: string,
  ) {
    super(message);
  }
}

const SELECT_VERSION = `
  SELECT r.id, r.leika_id, r.message_type, r.target_format, r.version, r.sha256, r.created_at, r.created_by, r.note,
         (SELECT a.rule_id FROM rule_activations a
           WHERE a.leika_id = r.leika_id AND a.message_type = r.message_type AND a.target_format = r.target_format
           ORDER BY a.id DESC LIMIT 1) = r.id AS active
    FROM rules r`;

/** The id of a rule version: readable and stable, it is what the protocol names. */
export function ruleId(key: RuleKey, version: number): string {
  return `${key.leikaId}.${key.messageType}.${key.targetFormat}.v${version}`;
}

/** Compiles (throws RuleCompileError / RuleUnsafeError) and stores the next version of the key; does not activate it. */
export async function uploadRule(pool: Pool, input: UploadInput): Promise<RuleVersion> {
  const sef = await compileRule(input.xslt);
  return inDepotKey(pool, depotKey(input), async (client) => {
    const version = await nextVersion(client, depotKey(input));
    const id = ruleId(input, version);
    const sha256 = createHash('sha256').update(input.xslt).digest('hex');
    await client.query(
      `INSERT INTO rules (id, leika_id, message_type, target_format, version, xslt, sef, sha256, created_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        input.leikaId,
        input.messageType,
        input.targetFormat,
        version,
        input.xslt,
        JSON.stringify(sef),
        sha256,
        input.createdBy,
        input.note ?? null,
      ],
    );
    await logDepotChange(client, {
      leikaId: input.leikaId,
      ruleVersion: id,
      payloadHash: sha256,
      detail: {
        action: 'rule-upload',
        messageType: input.messageType,
        targetFormat: input.targetFormat,
        version,
        by: input.createdBy,
        note: input.note ?? null,
      },
    });
    return (await versionById(client, id))!;
  });
}

/** All versions, newest first; optionally of one service only. */
export async function listRules(pool: Pool, filter: { leikaId?: string } = {}): Promise<RuleVersion[]> {
  const result = await pool.query(
    `${SELECT_VERSION} WHERE ($1::text IS NULL OR r.leika_id = $1)
     ORDER BY r.leika_id, r.message_type, r.target_format, r.version DESC`,
    [filter.leikaId ?? null],
  );
  return result.rows.map(toVersion);
}

/** One version with its XSLT and the activation history of its key. */
export async function getRule(pool: Pool, id: string): Promise<RuleDetail | undefined> {
  const version = await versionById(pool, id);
  if (!version) return undefined;
  const xslt = await pool.query<{ xslt: string }>('SELECT xslt FROM rules WHERE id = $1', [id]);
  const history = await pool.query(
    `SELECT a.rule_id, r.version, a.reason, a.activated_at, a.activated_by
       FROM rule_activations a JOIN rules r ON r.id = a.rule_id
      WHERE a.leika_id = $1 AND a.message_type = $2 AND a.target_format = $3 ORDER BY a.id DESC LIMIT 100`,
    [version.leikaId, version.messageType, version.targetFormat],
  );
  return {
    ...version,
    xslt: xslt.rows[0]!.xslt,
    activations: history.rows.map((row) => ({
      ruleId: row.rule_id,
      version: row.version,
      reason: row.reason,
      activatedAt: iso(row.activated_at),
      activatedBy: row.activated_by,
    })),
  };
}

/** The compiled form of one version (for the test endpoint). */
export async function ruleSef(pool: Pool, id: string): Promise<Sef | undefined> {
  const cached = sefCache.get(id);
  if (cached) return cached;
  const result = await pool.query<{ sef: Sef }>('SELECT sef FROM rules WHERE id = $1', [id]);
  const sef = result.rows[0]?.sef;
  if (sef) remember(id, sef);
  return sef;
}

/** Makes a version the active one of its key. */
export async function activateRule(pool: Pool, id: string, by: string): Promise<RuleVersion> {
  return inTransaction(pool, async (client) => {
    const version = await versionById(client, id);
    if (!version)
      throw new RuleDepotError('not-found', `No rule version ${id}; list them under /api/v1/admin/rules.`);
    await lockDepotKey(client, depotKey(version));
    await insertActivation(client, version, 'activate', by);
    return { ...version, active: true };
  });
}

/** Re-activates the version that was active before the current one of the key. */
export async function rollbackRule(pool: Pool, key: RuleKey, by: string): Promise<RuleVersion> {
  return inDepotKey(pool, depotKey(key), async (client) => {
    const history = await client.query<{ rule_id: string }>(
      `SELECT rule_id FROM rule_activations WHERE leika_id = $1 AND message_type = $2 AND target_format = $3 ORDER BY id DESC`,
      [key.leikaId, key.messageType, key.targetFormat],
    );
    const current = history.rows[0]?.rule_id;
    const previous = history.rows.find((row) => row.rule_id !== current)?.rule_id;
    if (!current || !previous) {
      throw new RuleDepotError(
        'no-previous-version',
        `Rule ${key.leikaId}/${key.messageType}/${key.targetFormat} has ${current ? `only ever had ${current} active` : 'never been activated'}; there is nothing to roll back to.`,
      );
    }
    const version = (await versionById(client, previous))!;
    await insertActivation(client, version, 'rollback', by, current);
    return { ...version, active: true };
  });
}

/** The active version of a rule key with its compiled form, or undefined when none is active. */
export async function activeRule(pool: Pool, key: RuleKey): Promise<ActiveRule | undefined> {
  const result = await pool.query<{ rule_id: string; version: number }>(
    `SELECT a.rule_id, r.version FROM rule_activations a JOIN rules r ON r.id = a.rule_id
      WHERE a.leika_id = $1 AND a.message_type = $2 AND a.target_format = $3 ORDER BY a.id DESC LIMIT 1`,
    [key.leikaId, key.messageType, key.targetFormat],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const sef = await ruleSef(pool, row.rule_id);
  return { ...key, id: row.rule_id, version: row.version, sef: sef! };
}

/** Inserts the versions a fresh depot starts with; used by seedRules. Returns whether it was new. */
export async function insertSeedVersion(
  client: PoolClient,
  key: RuleKey,
  xslt: string,
  sef: Sef,
  note: string,
): Promise<string | undefined> {
  await lockDepotKey(client, depotKey(key));
  const existing = await client.query(
    'SELECT 1 FROM rules WHERE leika_id = $1 AND message_type = $2 AND target_format = $3 LIMIT 1',
    [key.leikaId, key.messageType, key.targetFormat],
  );
  if (existing.rowCount) return undefined;
  const id = ruleId(key, 1);
  const sha256 = createHash('sha256').update(xslt).digest('hex');
  await client.query(
    `INSERT INTO rules (id, leika_id, message_type, target_format, version, xslt, sef, sha256, created_by, note) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, 'seed', $8)`,
    [id, key.leikaId, key.messageType, key.targetFormat, xslt, JSON.stringify(sef), sha256, note],
  );
  await client.query(
    `INSERT INTO rule_activations (rule_id, leika_id, message_type, target_format, reason, activated_by) VALUES ($1, $2, $3, $4, 'seed', 'seed')`,
    [id, key.leikaId, key.messageType, key.targetFormat],
  );
  return id;
}

/** The rule keys of `keys` that have no version yet. */
export async function missingRuleKeys<K extends RuleKey>(pool: Pool, keys: K[]): Promise<K[]> {
  const result = await pool.query<{ k: string }>(
    `SELECT leika_id || '|' || message_type || '|' || target_format AS k FROM rules`,
  );
  const present = new Set(result.rows.map((row) => row.k));
  return keys.filter((key) => !present.has(`${key.leikaId}|${key.messageType}|${key.targetFormat}`));
}

async function insertActivation(
  client: PoolClient,
  version: RuleVersion,
  reason: 'activate' | 'rollback',
  by: string,
  replaced?: string,
): Promise<void> {
  await client.query(
    `INSERT INTO rule_activations (rule_id, leika_id, message_type, target_format, reason, activated_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [version.id, version.leikaId, version.messageType, version.targetFormat, reason, by],
  );
  await logDepotChange(client, {
    leikaId: version.leikaId,
    ruleVersion: version.id,
    payloadHash: version.sha256,
    detail: {
      action: reason === 'rollback' ? 'rule-rollback' : 'rule-activate',
      messageType: version.messageType,
      targetFormat: version.targetFormat,
      version: version.version,
      by,
      ...(replaced ? { replaced } : {}),
    },
  });
}

// Uploads and activations of one key take turns, so versions are gapless and history is ordered.
function depotKey(key: RuleKey): DepotKey {
  return {
    table: 'rules',
    columns: { leika_id: key.leikaId, message_type: key.messageType, target_format: key.targetFormat },
  };
}

async function versionById(db: Pool | PoolClient, id: string): Promise<RuleVersion | undefined> {
  const result = await db.query(`${SELECT_VERSION} WHERE r.id = $1`, [id]);
  return result.rows[0] ? toVersion(result.rows[0]) : undefined;
}

function toVersion(row: Record<string, unknown>): RuleVersion {
  return {
    id: row.id as string,
    leikaId: row.leika_id as string,
    messageType: row.message_type as MessageType,
    targetFormat: row.target_format as string,
    version: row.version as number,
    sha256: row.sha256 as string,
    createdAt: iso(row.created_at),
    createdBy: row.created_by as string,
    note: (row.note as string | null) ?? null,
    active: row.active === true,
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

// Versions never change, so their compiled form can be kept for as long as memory allows.
const MAX_SEFS = 256;
const sefCache = new Map<string, Sef>();

function remember(id: string, sef: Sef): void {
  sefCache.set(id, sef);
  if (sefCache.size > MAX_SEFS) sefCache.delete(sefCache.keys().next().value!);
}

/**
 * Keys whose active version is a shipped one (created by the seed, no administrator's version in the key) whose
 * text differs from `shippedSha256(key)`: the project shipped a newer rule, so the seed may replace it.
 */
export async function outdatedSeedKeys<K extends RuleKey>(
  pool: Pool,
  keys: K[],
  shippedSha256: (key: K) => string,
): Promise<K[]> {
  const result = await pool.query<{ k: string; sha256: string }>(
    `SELECT r.leika_id || '|' || r.message_type || '|' || r.target_format AS k, r.sha256
       FROM rules r
      WHERE r.created_by = 'seed'
        AND r.id = (SELECT a.rule_id FROM rule_activations a
                     WHERE a.leika_id = r.leika_id AND a.message_type = r.message_type AND a.target_format = r.target_format
                     ORDER BY a.id DESC LIMIT 1)
        AND NOT EXISTS (SELECT 1 FROM rules o
                         WHERE o.leika_id = r.leika_id AND o.message_type = r.message_type
                           AND o.target_format = r.target_format AND o.created_by <> 'seed')`,
  );
  const active = new Map(result.rows.map((row) => [row.k, row.sha256]));
  return keys.filter((key) => {
    const sha = active.get(`${key.leikaId}|${key.messageType}|${key.targetFormat}`);
    return sha !== undefined && sha !== shippedSha256(key);
  });
}

/** Stores a newer shipped rule as the next version of its key and activates it (by 'seed'), unless another hub did. */
export async function insertSeedUpgrade(
  client: PoolClient,
  key: RuleKey,
  xslt: string,
  sef: Sef,
  note: string,
): Promise<string | undefined> {
  await lockDepotKey(client, depotKey(key));
  const sha256 = createHash('sha256').update(xslt).digest('hex');
  const current = await client.query(
    `SELECT r.sha256 FROM rule_activations a JOIN rules r ON r.id = a.rule_id
      WHERE a.leika_id = $1 AND a.message_type = $2 AND a.target_format = $3 ORDER BY a.id DESC LIMIT 1`,
    [key.leikaId, key.messageType, key.targetFormat],
  );
  if (current.rows[0]?.sha256 === sha256) return undefined;
  const version = await nextVersion(client, depotKey(key));
  const id = ruleId(key, version);
  await client.query(
    `INSERT INTO rules (id, leika_id, message_type, target_format, version, xslt, sef, sha256, created_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'seed', $9)`,
    [id, key.leikaId, key.messageType, key.targetFormat, version, xslt, JSON.stringify(sef), sha256, note],
  );
  await client.query(
    `INSERT INTO rule_activations (rule_id, leika_id, message_type, target_format, reason, activated_by) VALUES ($1, $2, $3, $4, 'seed', 'seed')`,
    [id, key.leikaId, key.messageType, key.targetFormat],
  );
  return id;
}
