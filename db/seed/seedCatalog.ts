// Reference data every installation needs: the 418 Saxon municipalities and the service catalogue.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from '../pool';
import { DEFAULT_FEE_LEGAL_BASIS, SERVICES } from './services';

const CSV = path.join(path.dirname(fileURLToPath(import.meta.url)), 'municipalities-sachsen.csv');

/** Parses the Destatis CSV (ars,name,note; names may be quoted and contain commas). */
export function readMunicipalities(file = CSV): { ars: string; name: string }[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  return lines.map((line) => {
    const match = /^(\d{12}),("(?:[^"]|"")*"|[^,]*),/.exec(line);
    if (!match) throw new Error(`unreadable municipality line: ${line}`);
    const name = match[2]!.startsWith('"') ? match[2]!.slice(1, -1).replace(/""/g, '"') : match[2]!;
    return { ars: match[1]!, name };
  });
}

/** Inserts what is missing; never overwrites an administrator's changes. */
export async function seedCatalog(pool: Pool): Promise<void> {
  const municipalities = readMunicipalities();
  await pool.query(
    `INSERT INTO municipalities (ars, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (ars) DO NOTHING`,
    [municipalities.map((m) => m.ars), municipalities.map((m) => m.name)],
  );
  for (const s of SERVICES) {
    await pool.query(
      `INSERT INTO services (leika_id, name, bundle, form_schema, fee_cents, procedure_kind, acknowledgement_days, fee_legal_basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (leika_id) DO NOTHING`,
      [
        s.leikaId,
        s.name,
        s.bundle,
        JSON.stringify(s.formSchema),
        s.feeCents,
        s.procedureKind,
        s.acknowledgementDays ?? null,
        s.feeCents > 0 ? DEFAULT_FEE_LEGAL_BASIS : null,
      ],
    );
  }
}
