import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { seedCatalog } from '../../db/seed/seedCatalog';
import { listProtocol } from '../../db/protocol';
import {
  activateProcessModel,
  activeProcessModel,
  getProcessModel,
  importProcessModel,
  listProcessModels,
  ProcessModelError,
} from '../../bpmn/depot';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import { DEMO_MUNICIPALITIES } from '../../demo/servers/testPersons';
import { freshDatabase } from '../support/testHub';
import { CORPUS, TRADE_DEFAULT, source } from './load';

const SERVICE = '99050012104000';
const OTHER_SERVICE = '99050012104001';
const RADEBEUL = DEMO_MUNICIPALITIES.radebeul.ars;
const COSWIG = DEMO_MUNICIPALITIES.coswig.ars;
const trade = () => [source(TRADE_DEFAULT)];
const notExecutable = () => [source(path.join(CORPUS, 'miwg-reference', 'C.9.0.bpmn'))];

describe('the process-model depot', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 4);
    await migrate(pool);
    await seedCatalog(pool);
  });
  afterAll(async () => {
    await pool?.end();
  });

  const importAs = (files = trade(), extra: { leikaId?: string; ars?: string; name?: string } = {}) =>
    importProcessModel(pool, {
      leikaId: SERVICE,
      files,
      createdBy: 'test',
      knownTaskTypes: HUB_TASK_TYPES,
      ...extra,
    });

  it('numbers versions per service and municipality and stores report and compiled model', async () => {
    // when the trade model is imported twice service-wide and once for Radebeul
    const first = await importAs();
    const second = await importAs(trade(), { name: 'Gewerbe v2' });
    const local = await importAs(trade(), { ars: RADEBEUL });
    // then versions count per scope
    expect([first.model.version, second.model.version, local.model.version]).toEqual([1, 2, 1]);
    expect(second.model).toMatchObject({
      name: 'Gewerbe v2',
      leikaId: SERVICE,
      ars: null,
      executable: true,
      mainFile: 'trade-default.bpmn',
      createdBy: 'test',
      activeFor: [],
    });
    expect(local.model.ars).toBe(RADEBEUL);
    // and the compiled model carries the depot's id and version
    const stored = await getProcessModel(pool, second.model.id);
    expect(stored!.compiled).toMatchObject({
      id: second.model.id,
      version: 2,
      mainProcessId: 'trade-default',
    });
    expect(stored!.report).toEqual(second.report);
    expect(stored!.files['trade-default.bpmn']).toBe(trade()[0]!.xml);
    expect((await listProcessModels(pool, { leikaId: SERVICE })).map((m) => [m.ars, m.version])).toEqual([
      [null, 2],
      [null, 1],
      [RADEBEUL, 1],
    ]);
    const protocol = await listProtocol(pool, { leikaId: SERVICE, step: 'admin' });
    expect(protocol.filter((p) => p.detail.action === 'process-model-import')).toHaveLength(3);
  });

  it('stores non-executable imports with their report but without a compiled model', async () => {
    const { model, report } = await importAs(notExecutable(), { leikaId: OTHER_SERVICE });
    expect(model.executable).toBe(false);
    expect(report.findings.some((f) => f.code === 'call-target-missing')).toBe(true);
    expect((await getProcessModel(pool, model.id))!.compiled).toBeNull();
  });

  it('keeps versions immutable', async () => {
    const { model } = await importAs();
    await expect(
      pool.query(
        `UPDATE process_models SET files = '{"x.bpmn":"<x/>"}', main_file = 'x.bpmn' WHERE id = $1`,
        [model.id],
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      pool.query(`UPDATE process_models SET compiled = NULL, executable = false WHERE id = $1`, [model.id]),
    ).rejects.toThrow(/immutable/);
    await expect(pool.query('DELETE FROM process_models WHERE id = $1', [model.id])).rejects.toThrow(
      /immutable/,
    );
    await pool.query(`UPDATE process_models SET name = 'renamed' WHERE id = $1`, [model.id]);
    expect((await getProcessModel(pool, model.id))!.name).toBe('renamed');
  });

  it('refuses to activate a non-executable version, in the API layer and in the database', async () => {
    const { model } = await importAs(notExecutable(), { leikaId: OTHER_SERVICE });
    const error = await activateProcessModel(pool, model.id, { activatedBy: 'test' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProcessModelError);
    expect((error as ProcessModelError).code).toBe('not-executable');
    await expect(
      pool.query(
        `INSERT INTO process_model_activations (model_id, leika_id, ars, activated_by) VALUES ($1, $2, NULL, 'sql')`,
        [model.id, OTHER_SERVICE],
      ),
    ).rejects.toThrow(/not executable/);
    expect(await activeProcessModel(pool, OTHER_SERVICE, RADEBEUL)).toBeUndefined();
  });

  it('serves the newest activation, a municipality activation before the service-wide one', async () => {
    // given three versions of a service no other test activates
    const leikaId = '99050012104002';
    const v1 = (await importAs(trade(), { leikaId })).model;
    const v2 = (await importAs(trade(), { leikaId })).model;
    const radebeulOwn = (await importAs(trade(), { leikaId, ars: RADEBEUL })).model;
    expect(await activeProcessModel(pool, leikaId, RADEBEUL)).toBeUndefined();

    // when v1, then v2 are activated service-wide
    await activateProcessModel(pool, v1.id, { activatedBy: 'test' });
    expect((await activeProcessModel(pool, leikaId, COSWIG))!.version).toBe(1);
    const afterV2 = await activateProcessModel(pool, v2.id, { activatedBy: 'test' });
    expect(afterV2.activeFor).toEqual(['*']);
    expect((await getProcessModel(pool, v1.id))!.activeFor).toEqual([]);
    expect((await activeProcessModel(pool, leikaId, COSWIG))!.id).toBe(v2.id);

    // when Radebeul's own version is activated, Radebeul gets it and Coswig keeps the service-wide one
    await activateProcessModel(pool, radebeulOwn.id, { activatedBy: 'test' });
    const radebeul = await activeProcessModel(pool, leikaId, RADEBEUL);
    expect(radebeul).toMatchObject({ id: radebeulOwn.id, ars: RADEBEUL, version: 1 });
    expect(radebeul!.compiled.id).toBe(radebeulOwn.id);
    expect((await activeProcessModel(pool, leikaId, COSWIG))!.id).toBe(v2.id);

    // a service-wide version may also be activated for one municipality only; rolling back = activating an older version
    await activateProcessModel(pool, v1.id, { ars: COSWIG, activatedBy: 'test' });
    expect((await activeProcessModel(pool, leikaId, COSWIG))!.id).toBe(v1.id);
    expect((await getProcessModel(pool, v1.id))!.activeFor).toEqual([COSWIG]);

    // a municipality's version cannot serve another municipality
    const wrong = await activateProcessModel(pool, radebeulOwn.id, {
      ars: COSWIG,
      activatedBy: 'test',
    }).catch((e: ProcessModelError) => e.code);
    expect(wrong).toBe('wrong-scope');
  });

  it('refuses unknown services and municipalities', async () => {
    expect(
      await importAs(trade(), { leikaId: '99999999999999' }).catch((e: ProcessModelError) => e.code),
    ).toBe('unknown-service');
    expect(await importAs(trade(), { ars: '999999999999' }).catch((e: ProcessModelError) => e.code)).toBe(
      'unknown-municipality',
    );
  });
});
