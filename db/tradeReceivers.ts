// The participating receivers of trade notifications (§14 GewO) per municipality and the Gewerbeamt's author
// identity in the official XGewerbeanzeige messages (tables of migration 0011).
import type { Pool } from './pool';

export const TRADE_RECEIVER_KINDS = [
  'statistics-office',
  'chamber-ihk',
  'chamber-hwk',
  'tax-office',
  'foreigners-authority',
  'other',
] as const;
export type TradeReceiverKind = (typeof TRADE_RECEIVER_KINDS)[number];

export interface TradeReceiverRow {
  id: string;
  ars: string;
  kind: TradeReceiverKind;
  name: string;
  readerPrefix: string;
  readerId: string;
  readerListUri: string | null;
  readerListVersion: string | null;
  email: string | null;
  url: string | null;
  endpoint: string;
}

/** The active receivers of a municipality, by id. */
export async function activeTradeReceivers(pool: Pool, ars: string): Promise<TradeReceiverRow[]> {
  const r = await pool.query(
    `SELECT id, ars, kind, name, reader_prefix, reader_id, reader_list_uri, reader_list_version, email, url, endpoint
       FROM trade_receivers WHERE ars = $1 AND active ORDER BY id`,
    [ars],
  );
  return r.rows.map((row) => ({
    id: row.id,
    ars: String(row.ars).trim(),
    kind: row.kind,
    name: row.name,
    readerPrefix: row.reader_prefix,
    readerId: row.reader_id,
    readerListUri: row.reader_list_uri,
    readerListVersion: row.reader_list_version,
    email: row.email,
    url: row.url,
    endpoint: row.endpoint,
  }));
}

export interface TradeAuthorRow {
  prefix: string;
  id: string | null;
  listUri: string;
  listVersion: string;
  phone: string | null;
}

/** The configured author identity of an office, if any. */
export async function tradeAuthor(pool: Pool, officeId: string): Promise<TradeAuthorRow | undefined> {
  const r = await pool.query(
    'SELECT author_prefix, author_id, author_list_uri, author_list_version, phone FROM trade_authors WHERE office_id = $1',
    [officeId],
  );
  const row = r.rows[0];
  return row
    ? {
        prefix: row.author_prefix,
        id: row.author_id,
        listUri: row.author_list_uri,
        listVersion: row.author_list_version,
        phone: row.phone,
      }
    : undefined;
}

/** Credentials of a receiver, for the HTTP adapter only (never leaves the worker). */
export async function receiverCredentials(pool: Pool, receiverId: string): Promise<Record<string, string>> {
  const r = await pool.query('SELECT credentials FROM trade_receivers WHERE id = $1', [receiverId]);
  return r.rows[0]?.credentials ?? {};
}
