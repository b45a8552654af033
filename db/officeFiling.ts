// An office's filing settings for the records system (migration 0010): file plan entry, retention,
// disposal and confidentiality, as configuration fields and as the delivery pipeline reads them.
import type { Field } from './configuration';
import type { Pool } from './pool';

export const CONFIDENTIALITY = ['offen', 'nfd', 'vertraulich', 'geheim', 'streng-geheim'] as const;
export const DISPOSAL = ['archivwuerdig', 'bewerten', 'vernichten'] as const;

/** The filing fields of the offices resource (configuration API). */
export const OFFICE_FILING_FIELDS: Record<string, Field> = {
  dmsFilePlanEntry: {
    column: 'dms_file_plan_entry',
    schema: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 100,
      description:
        'Kennzeichen of the file plan entry (Aktenplaneinheit) the office files its cases under, e.g. "32.20.01"',
    },
  },
  dmsRetentionYears: {
    column: 'dms_retention_years',
    schema: {
      type: ['integer', 'null'],
      minimum: 1,
      maximum: 999,
      description: 'years the DMS keeps a closed case (Aufbewahrungsdauer); null = unbefristet; default 10',
    },
  },
  dmsDisposal: {
    column: 'dms_disposal',
    schema: {
      enum: [...DISPOSAL],
      description: 'what happens after the retention period (Aussonderungsart A/B/V); default bewerten',
    },
  },
  dmsConfidentiality: {
    column: 'dms_confidentiality',
    schema: {
      enum: [...CONFIDENTIALITY],
      description: 'confidentiality level of the filed case (Vertraulichkeitsstufe); default offen',
    },
  },
};

export interface OfficeFiling {
  filePlanEntry: string | null;
  retentionYears: number | null;
  disposal: (typeof DISPOSAL)[number];
  confidentiality: (typeof CONFIDENTIALITY)[number];
}

/** The filing settings of an office; the defaults of migration 0010 when the office is unknown. */
export async function readOfficeFiling(pool: Pool, officeId: string): Promise<OfficeFiling> {
  const r = await pool.query(
    `SELECT dms_file_plan_entry, dms_retention_years, dms_disposal, dms_confidentiality FROM offices WHERE id = $1`,
    [officeId],
  );
  const row = r.rows[0];
  return {
    filePlanEntry: row?.dms_file_plan_entry ?? null,
    retentionYears: row ? row.dms_retention_years : 10,
    disposal: row?.dms_disposal ?? 'bewerten',
    confidentiality: row?.dms_confidentiality ?? 'offen',
  };
}
