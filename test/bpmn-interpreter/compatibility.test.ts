// The compatibility check replays running cases against workflow code: the current code accepts them,
// a changed interpreter is caught for exactly the cases it would break; the admin API serves the report.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkCompatibility } from '../../bpmn/compatibility';
import { startTestHub, type TestHub } from '../support/testHub';
import { el, model, processDef } from './support/builder';
import { startBpmnWorker, type BpmnWorker } from './support/bpmnWorker';

let w: BpmnWorker;
let hub: TestHub;
const cases: string[] = [];

const p = processDef('waiting', [el.start('s'), el.user('review'), el.end('e')], ['s->review', 'review->e']);

beforeAll(async () => {
  // The hub installs the process-wide Temporal runtime, so it starts first.
  hub = await startTestHub({ parts: { api: true, worker: false }, demo: false });
  w = await startBpmnWorker();
  // given two running cases waiting at a user task, one of them of the kind the change affects
  for (const variables of [{ touchedByChange: true }, {}]) {
    const handle = await w.start(model(p), variables);
    await w.openTask(handle, 'review');
    cases.push(handle.workflowId);
  }
});
afterAll(async () => {
  await Promise.all(
    cases.map((id) =>
      w?.client.workflow
        .getHandle(id)
        .terminate('test done')
        .catch(() => {}),
    ),
  );
  await Promise.all([w?.stop(), hub?.stop()]);
});

describe('checkCompatibility', () => {
  test('the current workflow code replays every running case', async () => {
    const report = await checkCompatibility(w.client, cases, {
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    expect(report.compatible.sort()).toEqual([...cases].sort());
    expect(report.incompatible).toEqual([]);
  });

  test('a changed interpreter is reported for the cases it breaks, unknown ids as unavailable', async () => {
    const changed = { workflowsPath: path.resolve(import.meta.dirname, 'fixtures/changedInterpreter.ts') };
    const report = await checkCompatibility(w.client, [...cases, 'no-such-case'], changed);
    expect(report.compatible).toEqual([cases[1]]);
    expect(report.incompatible).toEqual([
      expect.objectContaining({ workflowId: cases[0], kind: 'non-determinism' }),
    ]);
    expect(report.unavailable).toEqual([expect.objectContaining({ workflowId: 'no-such-case' })]);
  });
});

describe('POST /api/v1/admin/process-models/compatibility', () => {
  test('an admin gets the report for the named cases', async () => {
    const res = await hub.call('POST', '/api/v1/admin/process-models/compatibility', {
      body: { workflowIds: cases },
    });
    expect(res.status).toBe(200);
    expect(res.body.compatible.sort()).toEqual([...cases].sort());
    expect(res.body.incompatible).toEqual([]);
  });

  test('a caseworker may not run it', async () => {
    const res = await hub.call('POST', '/api/v1/admin/process-models/compatibility', {
      token: 'demo-caseworker',
      body: {},
    });
    expect(res.status).toBe(403);
  });
});
