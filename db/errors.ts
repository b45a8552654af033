// PostgreSQL constraint violations read once, here, so layers above map them without knowing SQLSTATEs.

/** What a violated constraint means for the caller. */
export type ConstraintViolation =
  /** An inserted or updated row names a row that does not exist (its table is `table`). */
  | { kind: 'missing-reference'; table: string | undefined; detail: string }
  /** A deleted row is still named by other rows. */
  | { kind: 'still-referenced'; detail: string }
  | { kind: 'duplicate'; detail: string }
  | { kind: 'check'; constraint: string | undefined; detail: string };

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

/** The constraint violation an error from pg reports, or undefined for any other error. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  const e = (error ?? {}) as PgError;
  const detail = e.detail ?? e.message ?? '';
  switch (e.code) {
    case '23503': {
      // PostgreSQL's detail names the referenced table on insert/update ('... is not present in table "x".')
      // and says 'is still referenced' on delete; the SQLSTATE is the same for both.
      if (detail.includes('is still referenced')) return { kind: 'still-referenced', detail };
      const table = /is not present in table "([^"]+)"/.exec(detail)?.[1];
      return { kind: 'missing-reference', table, detail };
    }
    case '23505':
      return { kind: 'duplicate', detail };
    case '23514':
      return { kind: 'check', constraint: e.constraint, detail };
    default:
      return undefined;
  }
}
