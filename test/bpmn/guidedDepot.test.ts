// Guided mode as a property of a stored model version (migration 0016): set at import, kept with the report and
// the compiled model, immutable, and the reason a descriptive model may be activated at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { seedCatalog } from '../../db/seed/seedCatalog';
import {
  activateProcessModel,
  getProcessModel,
  importProcessModel,
  listProcessModels,
} from '../../bpmn/depot';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import type { UserTask } from '../../workflows/bpmn/model';
import { freshDatabase } from '../support/testHub';
import { TRADE_DEFAULT, source } from './load';

const SERVICE = '99050012104000';
const tradeGuided = () => [source(TRADE_DEFAULT.replace('trade-default.bpmn', 'trade-guided.bpmn'))];

describe('guided process-model versions', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 2);
    await migrate(pool);
    await seedCatalog(pool);
  });
  afterAll(async () => {
    await pool?.end();
  });

  const importAs = (guided: boolean) =>
    importProcessModel(pool, {
      leikaId: SERVICE,
      files: tradeGuided(),
      createdBy: 'test',
      knownTaskTypes: HUB_TASK_TYPES,
      guided,
    });

  it('stores the mode with the version; only the guided version compiles and activates', async () => {
    const plain = await importAs(false);
    const guided = await importAs(true);
    expect(plain.model).toMatchObject({ version: 1, executable: false, guided: false });
    expect(guided.model).toMatchObject({ version: 2, executable: true, guided: true });
    const stored = await getProcessModel(pool, guided.model.id);
    expect(stored!.report.guided!.length).toBe(7);
    const review = stored!.compiled!.processes['trade-guided']!.elements.Task_Review as UserTask;
    expect(review).toMatchObject({ kind: 'userTask', name: 'Antrag prüfen', guided: { kind: 'step' } });
    await expect(activateProcessModel(pool, plain.model.id, { activatedBy: 'test' })).rejects.toThrow(
      /blocking finding/,
    );
    await activateProcessModel(pool, guided.model.id, { activatedBy: 'test' });
    expect((await listProcessModels(pool, { leikaId: SERVICE })).map((m) => [m.version, m.guided])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('refuses to change the mode of a stored version', async () => {
    const { model } = await importAs(true);
    await expect(
      pool.query('UPDATE process_models SET guided = false WHERE id = $1', [model.id]),
    ).rejects.toThrow(/immutable/);
    // the display name may still change
    await pool.query("UPDATE process_models SET name = 'Gewerbe geführt' WHERE id = $1", [model.id]);
    expect((await getProcessModel(pool, model.id))!.guided).toBe(true);
  });
});
