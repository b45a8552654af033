// The operator dashboard's figures: the service map (municipality x service) and usage per month.
import type { Pool } from './pool';

/** Saxony's districts and district-free cities by the first five digits of the ARS (Kreisschlüssel). */
export const SAXON_DISTRICTS: Record<string, string> = {
  '14511': 'Chemnitz, Stadt',
  '14521': 'Erzgebirgskreis',
  '14522': 'Mittelsachsen',
  '14523': 'Vogtlandkreis',
  '14524': 'Zwickau',
  '14612': 'Dresden, Stadt',
  '14625': 'Bautzen',
  '14626': 'Görlitz',
  '14627': 'Meißen',
  '14628': 'Sächsische Schweiz-Osterzgebirge',
  '14713': 'Leipzig, Stadt',
  '14729': 'Leipzig',
  '14730': 'Nordsachsen',
};

export const districtOf = (ars: string) => ars.slice(0, 5);

export interface ServiceMapFilter {
  ars?: string;
  district?: string;
  bundle?: string;
  state?: string;
  level?: number;
}

export interface ServiceMapEntry {
  ars: string;
  municipality: string;
  leikaId: string;
  service: string;
  bundle: string;
  level: number | null;
  redirectArs: string | null;
  state: string;
}

/** Every binding with its level and go-live state (draft where none is recorded). */
export async function serviceMap(pool: Pool, f: ServiceMapFilter): Promise<ServiceMapEntry[]> {
  const r = await pool.query(
    `SELECT b.ars, m.name AS municipality, b.leika_id, s.name AS service, s.bundle,
            CASE WHEN b.redirect_ars IS NULL THEN b.level END AS level, b.redirect_ars,
            coalesce(g.state, 'draft') AS state
       FROM bindings b JOIN municipalities m ON m.ars = b.ars JOIN services s ON s.leika_id = b.leika_id
       LEFT JOIN go_live g ON g.ars = b.ars AND g.leika_id = b.leika_id
      WHERE ($1::text IS NULL OR b.ars = $1) AND ($2::text IS NULL OR left(b.ars, 5) = $2)
        AND ($3::text IS NULL OR s.bundle = $3) AND ($4::text IS NULL OR coalesce(g.state, 'draft') = $4)
        AND ($5::int IS NULL OR (b.redirect_ars IS NULL AND b.level = $5))
      ORDER BY b.ars, s.bundle, b.leika_id`,
    [f.ars ?? null, f.district ?? null, f.bundle ?? null, f.state ?? null, f.level ?? null],
  );
  return r.rows.map((row) => ({
    ars: row.ars.trim(),
    municipality: row.municipality,
    leikaId: row.leika_id,
    service: row.service,
    bundle: row.bundle,
    level: row.level,
    redirectArs: row.redirect_ars?.trim() ?? null,
    state: row.state,
  }));
}

export interface UsageRow {
  /** YYYY-MM in Europe/Berlin (billing months are German calendar months). */
  month: string;
  ars: string;
  municipality: string;
  bundle: string;
  level: number;
  applications: number;
}

/**
 * Real (non-test) applications per month, requested municipality, bundle and the level the case was routed
 * at (the binding's current level while it is not routed yet). from/to: months YYYY-MM, inclusive.
 */
export async function usage(
  pool: Pool,
  f: { ars?: string; from?: string; to?: string },
): Promise<UsageRow[]> {
  const r = await pool.query(
    `SELECT to_char(date_trunc('month', a.created_at AT TIME ZONE 'Europe/Berlin'), 'YYYY-MM') AS month,
            a.ars, m.name AS municipality, s.bundle,
            coalesce((a.route->>'level')::int, b.level, 1) AS level, count(*)::int AS n
       FROM applications a JOIN services s ON s.leika_id = a.leika_id JOIN municipalities m ON m.ars = a.ars
       LEFT JOIN bindings b ON b.ars = a.ars AND b.leika_id = a.leika_id
      WHERE NOT a.test AND ($1::text IS NULL OR a.ars = $1)
        AND ($2::text IS NULL OR to_char(a.created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM') >= $2)
        AND ($3::text IS NULL OR to_char(a.created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM') <= $3)
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 4, 5`,
    [f.ars ?? null, f.from ?? null, f.to ?? null],
  );
  return r.rows.map((row) => ({
    month: row.month,
    ars: row.ars.trim(),
    municipality: row.municipality,
    bundle: row.bundle,
    level: row.level,
    applications: row.n,
  }));
}
