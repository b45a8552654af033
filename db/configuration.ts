// Generic, audited CRUD over the configuration tables. Each table is described once as a Resource;
// the admin API and its OpenAPI schemas are generated from the same description.
import crypto from 'node:crypto';
import { inTransaction, type Pool, type PoolClient } from './pool';

export interface Field {
  column: string;
  schema: object;
  required?: boolean;
  /** Stored but never returned: the API shows only whether it is set. */
  secret?: boolean;
  json?: boolean;
  /** Filterable in list queries (?field=value). */
  filter?: boolean;
}

export interface Resource {
  /** Path segment under /api/v1/admin, e.g. "offices". */
  name: string;
  table: string;
  key: { field: string; column: string; generated?: boolean };
  fields: Record<string, Field>;
  /**
   * What municipal administrators may do (hub operators may do everything): 'read' a catalogue, or manage
   * the rows whose `column` is their municipality (`write: false`: only read them). Rows with a NULL
   * `column` are shared by all municipalities: readable, changed by operators only. Absent: operators only.
   */
  municipal?: 'read' | { column: string; write: boolean };
}

/** Limits a query to one municipality's rows (and shared rows, whose column is NULL). */
export interface MunicipalScope {
  column: string;
  ars: string;
}

export type Row = Record<string, unknown>;

const toApi = (resource: Resource, row: Row): Row => {
  const out: Row = {
    [resource.key.field]:
      typeof row[resource.key.column] === 'string'
        ? (row[resource.key.column] as string).trim()
        : row[resource.key.column],
  };
  for (const [name, field] of Object.entries(resource.fields)) {
    if (name === resource.key.field) continue;
    const value = row[field.column];
    if (field.secret)
      out[`${name}Set`] = value !== null && value !== undefined && JSON.stringify(value) !== '{}';
    else out[name] = typeof value === 'string' && field.column === 'ars' ? value.trim() : value;
  }
  if (row.created_at instanceof Date) out.createdAt = row.created_at.toISOString();
  return out;
};

const redact = (resource: Resource, value: Row | null): Row | null => {
  if (!value) return null;
  const copy = { ...value };
  for (const [name, field] of Object.entries(resource.fields))
    if (field.secret && name in copy) copy[name] = '***';
  return copy;
};

async function audit(
  db: PoolClient,
  actor: string,
  resource: Resource,
  id: string,
  action: string,
  before: Row | null,
  after: Row | null,
) {
  await db.query(
    'INSERT INTO audit_log (actor, entity, entity_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      actor,
      resource.name,
      id,
      action,
      before && JSON.stringify(redact(resource, before)),
      after && JSON.stringify(redact(resource, after)),
    ],
  );
}

const encode = (field: Field, value: unknown) =>
  field.json && value !== null && value !== undefined ? JSON.stringify(value) : value;

export async function listRows(
  pool: Pool,
  resource: Resource,
  filter: Record<string, string | undefined>,
  scope?: MunicipalScope,
  limit = 1000,
): Promise<Row[]> {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (scope) {
    params.push(scope.ars);
    clauses.push(`(${scope.column} = $1 OR ${scope.column} IS NULL)`);
  }
  for (const [name, field] of Object.entries(resource.fields)) {
    const value = filter[name];
    if (field.filter && value !== undefined) {
      params.push(value);
      clauses.push(`${field.column} = $${params.length}`);
    }
  }
  params.push(limit);
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const result = await pool.query(
    `SELECT * FROM ${resource.table} ${where} ORDER BY ${resource.key.column} LIMIT $${params.length}`,
    params,
  );
  return result.rows.map((r) => toApi(resource, r));
}

export async function getRow(
  pool: Pool | PoolClient,
  resource: Resource,
  id: string,
): Promise<Row | undefined> {
  const result = await pool.query(`SELECT * FROM ${resource.table} WHERE ${resource.key.column} = $1`, [id]);
  return result.rows[0] && toApi(resource, result.rows[0]);
}

async function getRaw(db: PoolClient, resource: Resource, id: string): Promise<Row | undefined> {
  const result = await db.query(
    `SELECT * FROM ${resource.table} WHERE ${resource.key.column} = $1 FOR UPDATE`,
    [id],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const out: Row = {};
  for (const [name, field] of Object.entries(resource.fields)) out[name] = row[field.column];
  return out;
}

export async function createRow(pool: Pool, resource: Resource, actor: string, input: Row): Promise<Row> {
  const values: Row = { ...input };
  if (resource.key.generated && values[resource.key.field] === undefined)
    values[resource.key.field] = crypto.randomUUID();
  const fields = Object.entries(resource.fields).filter(([name]) => values[name] !== undefined);
  return inTransaction(pool, async (db) => {
    await db.query(
      `INSERT INTO ${resource.table} (${fields.map(([, f]) => f.column).join(', ')}) VALUES (${fields.map((_, i) => `$${i + 1}`).join(', ')})`,
      fields.map(([name, f]) => encode(f, values[name])),
    );
    const id = String(values[resource.key.field]);
    await audit(db, actor, resource, id, 'create', null, values);
    return (await getRow(db, resource, id))!;
  });
}

export async function updateRow(
  pool: Pool,
  resource: Resource,
  actor: string,
  id: string,
  patch: Row,
): Promise<Row | undefined> {
  const fields = Object.entries(resource.fields).filter(
    ([name]) => patch[name] !== undefined && name !== resource.key.field,
  );
  return inTransaction(pool, async (db) => {
    const before = await getRaw(db, resource, id);
    if (!before) return undefined;
    if (fields.length) {
      await db.query(
        `UPDATE ${resource.table} SET ${fields.map(([, f], i) => `${f.column} = $${i + 2}`).join(', ')} WHERE ${resource.key.column} = $1`,
        [id, ...fields.map(([name, f]) => encode(f, patch[name]))],
      );
    }
    await audit(db, actor, resource, id, 'update', before, { ...before, ...patch });
    return getRow(db, resource, id);
  });
}

export async function deleteRow(pool: Pool, resource: Resource, actor: string, id: string): Promise<boolean> {
  return inTransaction(pool, async (db) => {
    const before = await getRaw(db, resource, id);
    if (!before) return false;
    await db.query(`DELETE FROM ${resource.table} WHERE ${resource.key.column} = $1`, [id]);
    await audit(db, actor, resource, id, 'delete', before, null);
    return true;
  });
}
