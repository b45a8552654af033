// The office's file reference (Aktenzeichen): pattern checks, formatting, and allocation in a real PostgreSQL —
// once per application, gapless per office and year, the same on retry and under concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_FILE_REFERENCE_PATTERN,
  fileReferenceFor,
  fileReferencePatternProblems,
  formatFileReference,
} from '../../db/fileReferences';
import { migrate } from '../../db/migrate';
import { createPool, type Pool } from '../../db/pool';
import { seedCatalog } from '../../db/seed/seedCatalog';
import { freshDatabase } from '../support/testHub';

describe('file reference patterns', () => {
  it('accepts the default and office-made patterns', () => {
    for (const pattern of [DEFAULT_FILE_REFERENCE_PATTERN, 'GA-{yy}/{seq:4}', '32.1-{ags}-{year}-{seq}'])
      expect(fileReferencePatternProblems(pattern), pattern).toEqual([]);
  });

  it('refuses patterns that cannot give unique references, and says why', () => {
    expect(fileReferencePatternProblems('GA-{seq:5}')).toEqual(['must contain {year} or {yy}']);
    expect(fileReferencePatternProblems('GA-{year}')).toEqual([
      'must contain the sequence {seq} or {seq:N} exactly once',
    ]);
    expect(fileReferencePatternProblems('{year}-{seq}-{seq}')).toEqual([
      'must contain the sequence {seq} or {seq:N} exactly once',
    ]);
    expect(fileReferencePatternProblems('{year}-{seq:0}')).toEqual([
      expect.stringMatching(/^has the unknown placeholder \{seq:0\}; use \{office\}/),
      'must contain the sequence {seq} or {seq:N} exactly once',
    ]);
    expect(fileReferencePatternProblems('{Year}-{seq}')).toContainEqual(
      expect.stringMatching(/unknown placeholder \{Year\}/),
    );
    expect(fileReferencePatternProblems('{year}-{seq}}')).toEqual(['has an unpaired { or }']);
    expect(fileReferencePatternProblems('{year}\n{seq}')).toEqual([
      'must not contain control or invisible format characters',
    ]);
    expect(fileReferencePatternProblems(`${'x'.repeat(95)}{year}{seq}`)).toEqual([
      'must have 1 to 100 characters',
    ]);
    expect(fileReferencePatternProblems(42)).toEqual(['must be a string']);
  });

  it('renders every placeholder', () => {
    const values = { officeId: 'radebeul-ordnungsamt', ars: '146270210210', year: 2026, seq: 42 };
    expect(formatFileReference(DEFAULT_FILE_REFERENCE_PATTERN, values)).toBe(
      'radebeul-ordnungsamt-2026-00042',
    );
    expect(formatFileReference('{ars}|{ags}|{yy}|{seq}|{seq:1}|{seq:3}', { ...values, year: 2005 })).toBe(
      '146270210210|14627210|05|42|42|042',
    );
    // A number longer than its width is not cut.
    expect(formatFileReference('{seq:2}', { ...values, seq: 12345 })).toBe('12345');
  });
});

describe('file reference allocation', () => {
  let pool: Pool;
  let ars: string;
  let leikaId: string;
  let counter = 0;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 8);
    await migrate(pool);
    await seedCatalog(pool);
    ars = (await pool.query('SELECT ars FROM municipalities LIMIT 1')).rows[0].ars;
    leikaId = (await pool.query('SELECT leika_id FROM services LIMIT 1')).rows[0].leika_id;
    // Inserted without a pattern, as offices that existed before migration 0013: they get the default.
    await pool.query(
      "INSERT INTO offices (id, ars, name) VALUES ('amt-a', $1, 'Amt A'), ('amt-b', $1, 'Amt B')",
      [ars],
    );
  });
  afterAll(() => pool.end());

  async function application(createdAt = new Date().toISOString()): Promise<string> {
    const id = `A-test-${++counter}`;
    await pool.query(
      `INSERT INTO applications (id, leika_id, ars, applicant, access_token_hash, request_hash, created_at)
       VALUES ($1, $2, $3, '{}', 'x', 'x', $4)`,
      [id, leikaId, ars, createdAt],
    );
    return id;
  }

  it('given an office from before the migration, then it has the default pattern', async () => {
    const { rows } = await pool.query("SELECT file_reference_pattern FROM offices WHERE id = 'amt-a'");
    expect(rows[0].file_reference_pattern).toBe(DEFAULT_FILE_REFERENCE_PATTERN);
    await expect(
      pool.query("UPDATE offices SET file_reference_pattern = '{year}' WHERE id = 'amt-a'"),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('given an application, when allocated twice (a retried activity), then it keeps its one reference', async () => {
    const id = await application('2026-03-02T10:00:00Z');
    const first = await fileReferenceFor(pool, id, 'amt-a');
    const again = await fileReferenceFor(pool, id, 'amt-a');
    expect(first).toEqual({
      applicationId: id,
      officeId: 'amt-a',
      year: 2026,
      seq: 1,
      fileReference: 'amt-a-2026-00001',
    });
    expect(again).toEqual(first);
    // Even asked for another office later (a rerouted case), the reference stays what the notice showed.
    expect(await fileReferenceFor(pool, id, 'amt-b')).toEqual(first);
  });

  it('given many applications allocated at once, then the sequence is gapless and unique per office', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => application('2026-05-05T10:00:00Z')));
    // Each application asked three times concurrently: retries racing the first attempt.
    const refs = await Promise.all(
      ids.flatMap((id) => [1, 2, 3].map(() => fileReferenceFor(pool, id, 'amt-b'))),
    );
    const byApplication = new Map<string, Set<string>>();
    for (const ref of refs)
      byApplication.set(
        ref.applicationId,
        (byApplication.get(ref.applicationId) ?? new Set()).add(ref.fileReference),
      );
    expect([...byApplication.values()].every((set) => set.size === 1)).toBe(true);
    const seqs = [...new Set(refs.map((r) => r.seq))].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const { rows } = await pool.query(
      "SELECT last_seq FROM file_reference_counters WHERE office_id = 'amt-b'",
    );
    expect(rows).toEqual([{ last_seq: 20 }]);
  });

  it('given the new year in Berlin, then the sequence starts again, by the Berlin date of receipt', async () => {
    // 23:30 UTC on 31 December is already 1 January in Berlin.
    const id = await application('2026-12-31T23:30:00Z');
    expect(await fileReferenceFor(pool, id, 'amt-a')).toMatchObject({ year: 2027, seq: 1 });
    const before = await application('2026-12-31T22:30:00Z');
    expect(await fileReferenceFor(pool, before, 'amt-a')).toMatchObject({ year: 2026, seq: 2 });
  });

  it('given a changed pattern, then new references follow it and earlier ones stay', async () => {
    const old = await application('2026-06-01T08:00:00Z');
    const oldRef = await fileReferenceFor(pool, old, 'amt-a');
    await pool.query("UPDATE offices SET file_reference_pattern = 'A/{yy}/{seq:3}' WHERE id = 'amt-a'");
    const fresh = await fileReferenceFor(pool, await application('2026-06-01T09:00:00Z'), 'amt-a');
    expect(fresh.fileReference).toBe(`A/26/${String(oldRef.seq + 1).padStart(3, '0')}`);
    expect((await fileReferenceFor(pool, old, 'amt-a')).fileReference).toBe(oldRef.fileReference);
  });

  it('given an unknown office, then nothing is allocated', async () => {
    const id = await application();
    await expect(fileReferenceFor(pool, id, 'no-such-office')).rejects.toThrow(/no office no-such-office/);
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM file_references WHERE application_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(0);
  });
});
