// What the rule depot and the process-model depot share: immutable versions counted per key, changes of
// one key taking turns under an advisory lock, and an 'admin' protocol entry for every change.
import { inTransaction, type Pool, type PoolClient } from './pool';
import { appendProtocol, type ProtocolEntry } from './protocol';

/** A depot table and the columns that make up its key (null values match null, as one scope). */
export interface DepotKey {
  table: 'rules' | 'process_models';
  columns: Record<string, string | null>;
}

const IDENTIFIER = /^[a-z_]+$/;

function lockName(key: DepotKey): string {
  return `${key.table}:${Object.values(key.columns)
    .map((v) => v ?? '')
    .join('|')}`;
}

/** Runs `fn` in a transaction that holds the key's lock: versions stay gapless and history ordered. */
export async function inDepotKey<T>(
  pool: Pool,
  key: DepotKey,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    await lockDepotKey(client, key);
    return fn(client);
  });
}

/** Takes the key's transaction-scoped lock (for callers that already run in a transaction). */
export async function lockDepotKey(client: PoolClient, key: DepotKey): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName(key)]);
}

/** The version the next import or upload of the key gets: the highest so far plus one. */
export async function nextVersion(client: PoolClient, key: DepotKey): Promise<number> {
  const names = Object.keys(key.columns);
  if (!names.every((n) => IDENTIFIER.test(n)))
    throw new Error(`invalid depot key columns: ${names.join(', ')}`);
  const where = names.map((n, i) => `${n} IS NOT DISTINCT FROM $${i + 1}`).join(' AND ');
  const result = await client.query<{ version: number }>(
    `SELECT coalesce(max(version), 0) + 1 AS version FROM ${key.table} WHERE ${where}`,
    Object.values(key.columns),
  );
  return result.rows[0]!.version;
}

/** Records a depot change (upload, import, activation, rollback) in the transaction protocol. */
export async function logDepotChange(
  client: PoolClient,
  entry: Omit<ProtocolEntry, 'step' | 'outcome'> & { detail: { action: string; by: string } },
): Promise<void> {
  await appendProtocol(client, { step: 'admin', outcome: 'ok', ...entry });
}
