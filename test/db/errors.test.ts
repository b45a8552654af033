// PostgreSQL constraint violations are read in one place (db/errors.ts) and mapped to problems in one
// place (api/toProblem.ts); these are real errors from a real PostgreSQL, not hand-made objects.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constraintViolation } from '../../db/errors';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { seedCatalog } from '../../db/seed/seedCatalog';
import { toProblem } from '../../api/toProblem';
import { freshDatabase } from '../support/testHub';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (error: unknown) => error,
  );

describe('constraint violations', () => {
  let pool: Pool;
  let ars: string;
  let leikaId: string;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
    await migrate(pool);
    await seedCatalog(pool);
    ars = (await pool.query('SELECT ars FROM municipalities LIMIT 1')).rows[0].ars;
    leikaId = (await pool.query('SELECT leika_id FROM services LIMIT 1')).rows[0].leika_id;
    await insertOffice('o-test', ars);
  });
  afterAll(() => pool.end());

  const insertOffice = (id: string, a: string) =>
    pool.query("INSERT INTO offices (id, ars, name) VALUES ($1, $2, 'Amt')", [id, a]);
  const insertBinding = (id: string, l: string) =>
    pool.query("INSERT INTO bindings (id, ars, leika_id, office_id) VALUES ($1, $2, $3, 'o-test')", [
      id,
      ars,
      l,
    ]);

  it('names the missing table of a reference, and maps it to the matching problem', async () => {
    const noService = await failure(insertBinding('b-1', '99000000000000'));
    expect(noService).toBeInstanceOf(pg.DatabaseError);
    expect(constraintViolation(noService)).toMatchObject({ kind: 'missing-reference', table: 'services' });
    expect(toProblem(noService)?.code).toBe('unknown-service');

    const noMunicipality = await failure(insertOffice('o-nowhere', '000000000000'));
    expect(constraintViolation(noMunicipality)).toMatchObject({
      kind: 'missing-reference',
      table: 'municipalities',
    });
    expect(toProblem(noMunicipality)?.code).toBe('unknown-municipality');
  });

  it('tells a delete of a referenced row and a duplicate apart from a missing reference', async () => {
    await insertBinding('b-3', leikaId);
    const referenced = await failure(pool.query('DELETE FROM municipalities WHERE ars = $1', [ars]));
    expect(constraintViolation(referenced)).toMatchObject({ kind: 'still-referenced' });
    expect(toProblem(referenced)?.code).toBe('conflict');
    expect(toProblem(referenced)?.detail).toMatch(/^Still referenced: .*Remove the references first\.$/);

    const duplicate = await failure(insertOffice('o-test', ars));
    expect(constraintViolation(duplicate)).toMatchObject({ kind: 'duplicate' });
    expect(toProblem(duplicate)?.code).toBe('conflict');
  });

  it('leaves other errors alone, so they stay internal errors', async () => {
    const syntax = await failure(pool.query('SELEKT 1'));
    expect(constraintViolation(syntax)).toBeUndefined();
    expect(toProblem(syntax)).toBeUndefined();
    expect(toProblem(new Error('23503'))).toBeUndefined();
  });
});
