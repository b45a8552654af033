// Signal start events start new instances: the broadcast's starter finds the active model versions with
// a signal start of that name (real PostgreSQL) and starts one instance each on the real server, once per throw.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../db/pool';
import { migrate } from '../../db/migrate';
import { seedCatalog } from '../../db/seed/seedCatalog';
import { activateProcessModel, getProcessModel, importProcessModel } from '../../bpmn/depot';
import { activeSignalStarts } from '../../bpmn/signalStarts';
import { createSignalStarter, signalStartWorkflowId } from '../../activities/bpmnSignals';
import type { BpmnProcessResult } from '../../workflows/bpmn/api';
import { freshDatabase } from '../support/testHub';
import { startBpmnWorker, type BpmnWorker } from '../bpmn-interpreter/support/bpmnWorker';

const SERVICE = '99050012104000';

// A none start beside the signal start: the import asks for one (a case or call activity starts there).
function signalStartXml(signalName: string, processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.org/signal">
  <bpmn:signal id="sig" name="${signalName}"/>
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent>
    <bpmn:startEvent id="byHand"><bpmn:outgoing>f2</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
    <bpmn:sequenceFlow id="f2" sourceRef="byHand" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;
}

describe('signal start events', () => {
  let pool: Pool;
  let w: BpmnWorker;
  beforeAll(async () => {
    pool = createPool(await freshDatabase(), 4);
    await migrate(pool);
    await seedCatalog(pool);
    w = await startBpmnWorker({});
  });
  afterAll(async () => {
    await w?.stop();
    await pool?.end();
  });

  it('start one instance per active model with that signal start, once per throw', async () => {
    const name = `Stichtag ${crypto.randomUUID()}`;
    const imported = await importProcessModel(pool, {
      leikaId: SERVICE,
      files: [{ filename: 'yearly.bpmn', xml: signalStartXml(name, 'yearly') }],
      createdBy: 'test',
    });
    expect(imported.report.elements.filter((e) => e.status === 'blocking')).toEqual([]);
    expect(imported.model.executable).toBe(true);
    // An imported but not activated version with the same signal does not start.
    const inactive = await importProcessModel(pool, {
      leikaId: SERVICE,
      ars: null,
      files: [{ filename: 'other.bpmn', xml: signalStartXml(name, 'other') }],
      createdBy: 'test',
    });
    expect(inactive.model.executable).toBe(true);
    expect(await activeSignalStarts(pool, name)).toEqual([]);
    await activateProcessModel(pool, imported.model.id, { activatedBy: 'test' });
    const targets = await activeSignalStarts(pool, name);
    expect(targets).toEqual([
      {
        modelId: imported.model.id,
        version: imported.model.version,
        processId: 'yearly',
        startEventId: 'start',
      },
    ]);
    expect(await activeSignalStarts(pool, `${name} (anders)`)).toEqual([]);
    const row = await getProcessModel(pool, imported.model.id);
    w.store({ modelId: imported.model.id, version: imported.model.version }, row!.compiled!);

    const start = createSignalStarter(pool, () => w.client, w.taskQueue);
    const signal = { throwId: `test/${crypto.randomUUID()}`, name, variables: { year: 2027 } };
    expect(await start(signal)).toBe(1);
    const handle = w.client.workflow.getHandle(signalStartWorkflowId(signal.throwId, targets[0]!));
    const result = (await handle.result()) as BpmnProcessResult;
    expect(result).toMatchObject({ state: 'completed', endEventId: 'end', variables: { year: 2027 } });
    // A retried broadcast (same throw) starts nothing, even after the instance ended.
    expect(await start(signal)).toBe(0);
    // A new throw starts a new instance.
    expect(await start({ ...signal, throwId: `test/${crypto.randomUUID()}` })).toBe(1);
  });
});
