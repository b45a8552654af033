// The pool keeps a quarter of its connections through a lull (real PostgreSQL): requests after a quiet spell do
// not wait for new backends, and the rest are still given back.
import { describe, expect, it } from 'vitest';
import { createPool } from '../../db/pool';
import { freshDatabase } from '../support/testHub';

describe('connection pool', () => {
  it('keeps a quarter of its connections after the idle timeout and closes the others', async () => {
    const pool = createPool(await freshDatabase(), 8);
    try {
      // Eight queries at once open all eight connections.
      await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT pg_sleep(0.05)')));
      expect(pool.totalCount).toBe(8);
      // pg closes idle connections above the minimum after 10 s.
      await new Promise((r) => setTimeout(r, 11_000));
      expect(pool.totalCount).toBe(2);
      expect(pool.idleCount).toBe(2);
      // The kept connections serve at once.
      const { rows } = await pool.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
      );
      expect(rows[0].n).toBe(2);
    } finally {
      await pool.end();
    }
  }, 30_000);
});
