// What a municipal administrator may touch: the rows of its own municipality. Hub operators are not limited.
import type { Pool } from '../db/pool';
import type { Resource, Row } from '../db/configuration';
import type { Principal, Role } from './auth';
import { Problem } from './problems';

/** The municipality a principal is limited to; undefined for hub operators (no limit). */
export function scopeOf(principal: Principal): string | undefined {
  if (principal.role === 'admin') return undefined;
  if (principal.role === 'municipal-admin' && principal.ars) return principal.ars;
  // Any other role reaching an administrative handler is a wiring mistake: give it nothing.
  throw new Problem('forbidden', `This endpoint is for administrators; yours is ${principal.role}.`);
}

/** Roles of a configuration route: operators always; municipal administrators where the resource allows. */
export function resourceRoles(resource: Resource, write: boolean): Role[] {
  const m = resource.municipal;
  if (!m || (write && (m === 'read' || !m.write))) return ['admin'];
  return ['admin', 'municipal-admin'];
}

/** The API field that holds a row's municipality, for municipality-scoped resources. */
export function municipalField(resource: Resource): string | undefined {
  const m = resource.municipal;
  if (!m || m === 'read') return undefined;
  return Object.entries(resource.fields).find(([, f]) => f.column === m.column)?.[0];
}

/** A row is visible to a municipal administrator if it is its municipality's or shared (no municipality). */
export function rowVisible(resource: Resource, row: Row, ars: string | undefined): boolean {
  const field = municipalField(resource);
  if (ars === undefined || !field) return true;
  const value = row[field];
  return value === null || value === undefined || value === ars;
}

/** Changes stay inside the municipality: a row may not be created in or moved to another one. */
export function assertWritable(resource: Resource, row: Row, ars: string | undefined): void {
  const field = municipalField(resource);
  if (ars === undefined || !field) return;
  if (row[field] === null || row[field] === undefined)
    throw new Problem(
      'forbidden',
      `This ${resource.name} record is shared by all municipalities; only hub operators change it.`,
    );
  if (row[field] !== ars)
    throw new Problem(
      'forbidden',
      `Your token administers municipality ${ars}; ${field} must be ${ars}, not ${String(row[field])}.`,
    );
}

/**
 * A municipal administrator's binding may name only its own offices and its own or shared systems, so it
 * cannot send its cases to another municipality's office or through another municipality's credentials.
 */
export async function assertBindingReferences(pool: Pool, row: Row, ars: string | undefined): Promise<void> {
  if (ars === undefined) return;
  const officeId = row.officeId as string | null | undefined;
  if (officeId) {
    const office = await pool.query('SELECT 1 FROM offices WHERE id = $1 AND ars = $2', [officeId, ars]);
    if (!office.rowCount)
      throw new Problem('validation-failed', `officeId ${officeId} is not an office of municipality ${ars}.`);
  }
  for (const field of ['fachverfahrenSystemId', 'dmsSystemId', 'mailSystemId']) {
    const systemId = row[field] as string | null | undefined;
    if (!systemId) continue;
    const system = await pool.query('SELECT 1 FROM systems WHERE id = $1 AND (ars = $2 OR ars IS NULL)', [
      systemId,
      ars,
    ]);
    if (!system.rowCount)
      throw new Problem(
        'validation-failed',
        `${field} ${systemId} is neither a system of municipality ${ars} nor a shared one.`,
      );
  }
}

/** No municipality has this key (ARS never start with 00): a filter that finds nothing. */
const NO_MUNICIPALITY = '000000000000';

/** The municipality filter of a list: a municipal administrator's own; asking for another finds nothing. */
export function scopeFilter(scope: string | undefined, asked: string | undefined): string | undefined {
  if (scope === undefined) return asked;
  return asked === undefined || asked === scope ? scope : NO_MUNICIPALITY;
}
