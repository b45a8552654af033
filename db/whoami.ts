// Names of the offices and municipality a token is scoped to, for the portal's "who am I".
import type { Pool } from './pool';

export interface ScopeNames {
  offices: { id: string; name: string; ars: string; municipality: string }[];
  municipality: { ars: string; name: string } | null;
}

/** The named offices (in the given order's sort) and the municipality of a principal's scope. */
export async function scopeNames(pool: Pool, officeIds: string[], ars: string | null): Promise<ScopeNames> {
  const offices = await pool.query(
    `SELECT o.id, o.name, o.ars, m.name AS municipality FROM offices o JOIN municipalities m ON m.ars = o.ars
      WHERE o.id = ANY($1) ORDER BY o.id`,
    [officeIds],
  );
  const municipality = ars
    ? (await pool.query('SELECT ars, name FROM municipalities WHERE ars = $1', [ars])).rows[0]
    : undefined;
  return {
    offices: offices.rows.map((r) => ({
      id: r.id,
      name: r.name,
      ars: r.ars.trim(),
      municipality: r.municipality,
    })),
    municipality: municipality ? { ars: municipality.ars.trim(), name: municipality.name } : null,
  };
}
