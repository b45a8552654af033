import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createPool } from '../../db/pool';
import { seedCatalog } from '../../db/seed/seedCatalog';
import { migrate } from '../../db/migrate';
import { activeProcessModel } from '../../bpmn/depot';
import { DEMO_MUNICIPALITIES } from '../../demo/servers/testPersons';
import { freshDatabase } from '../support/testHub';
import { CORPUS, TRADE_DEFAULT } from './load';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['cmd/bpmn.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run bpmn', () => {
  it('prints the report as a table and exits 1 when the model has blocking findings', async () => {
    const result = await cli(['report', path.join(CORPUS, 'miwg-reference', 'C.9.0.bpmn')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Executable: NO {3}main process: customer_onboarding_en/);
    expect(result.stdout).toMatch(/blocking {2}call-target-missing +Activity_ManualCheck \(Manual Check\)/);
    const ok = await cli(['report', '--hub-types', TRADE_DEFAULT]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Task types: register-lookup, request-documents');
  });

  it('imports and activates into the database named by DATABASE_URL', async () => {
    // given an empty hub database with the catalogue
    const url = await freshDatabase();
    const pool = createPool(url, 2);
    try {
      await migrate(pool);
      await seedCatalog(pool);
      const ars = DEMO_MUNICIPALITIES.coswig.ars;
      // when the trade model is imported for Coswig and activated
      const result = await cli(
        ['import', '--service', '99050012104000', '--ars', ars, '--activate', TRADE_DEFAULT],
        { DATABASE_URL: url },
      );
      // then it is version 1 and new Coswig cases get it
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Stored as version 1 of 99050012104000 for 146270010010/);
      const active = await activeProcessModel(pool, '99050012104000', ars);
      expect(active).toMatchObject({ version: 1, compiled: { mainProcessId: 'trade-default' } });
      // and a broken file is refused with exit code 2
      const refused = await cli(['import', '--service', '99050012104000', path.join(root, 'package.json')], {
        DATABASE_URL: url,
      });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/BPMN refused/);
    } finally {
      await pool.end();
    }
  });
});
