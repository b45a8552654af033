import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/**
 * One pool per process; every query in the project goes through it with parameters. A quarter of the pool stays
 * connected when idle: opening a connection starts a PostgreSQL backend process (several ms on a busy machine), and
 * pg's default of closing every idle connection after 10 s put that cost on the first requests after each lull.
 */
export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max, min: Math.ceil(max / 4) });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in a transaction, rolling back on any error. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
