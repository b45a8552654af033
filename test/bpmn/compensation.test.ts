// Compensation: boundary events with handlers (association), a compensation throw runs the handlers of
// the completed activities in reverse order; on the engine harness and once on the real server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyseBpmn } from '../../bpmn/analyse';
import type { ProcessModel } from '../../workflows/bpmn/model';
import { runProcess, type Handler } from '../bpmn-engine/support/harness';
import { startBpmnWorker, type BpmnWorker } from '../bpmn-interpreter/support/bpmnWorker';
import { FIXTURES } from './load';

let compiled: ProcessModel;
const handlers: Record<string, Handler> = {
  book: () => ({ room: 'R1' }),
  unbook: ({ variables }) => ({ room: null, unbooked: variables.room }),
  charge: () => ({ charged: 30 }),
  refund: ({ variables }) => ({ refunded: variables.charged }),
  notify: () => ({}),
};
const order = (calls: { taskType: string }[]) => calls.map((c) => c.taskType);

beforeAll(async () => {
  const xml = fs.readFileSync(path.join(FIXTURES, 'compensation.bpmn'), 'utf8');
  const analysis = await analyseBpmn({ files: [{ filename: 'compensation.bpmn', xml }], id: 'comp' });
  expect(analysis.report.findings.filter((f) => f.severity === 'blocking')).toEqual([]);
  compiled = { ...analysis.compiled!, version: 1 };
});

describe('compensation', () => {
  test('the import links each compensation boundary to its handler by the association', () => {
    const elements = compiled.processes.booking!.elements;
    expect(elements.bookComp).toMatchObject({
      trigger: { type: 'compensation' },
      compensationHandler: 'unbook',
    });
    expect(elements.chargeComp).toMatchObject({ compensationHandler: 'refund' });
  });

  test('a compensation throw runs the handlers of completed activities in reverse order, then continues', () => {
    const h = runProcess(compiled, { approved: false }, { handlers });
    expect(order(h.calls)).toEqual(['book', 'charge', 'notify', 'refund', 'unbook']);
    expect(h.result).toMatchObject({
      state: 'completed',
      endEventId: 'undone',
      variables: { refunded: 30, unbooked: 'R1', room: null },
    });
  });

  test('without a throw no handler runs', () => {
    const h = runProcess(compiled, { approved: true }, { handlers });
    expect(order(h.calls)).toEqual(['book', 'charge', 'notify']);
    expect(h.result?.endEventId).toBe('done');
  });

  test('the throw waits for a handler that takes time; an activity compensates once only', () => {
    const h = runProcess(compiled, { approved: false }, { handlers, manual: ['refund'] });
    expect(order(h.calls)).toEqual(['book', 'charge', 'notify', 'refund']);
    expect(h.view().tokens.map((t) => [t.elementId, t.waitingFor])).toEqual(
      expect.arrayContaining([
        ['undo', 'compensation'],
        ['refund', 'job:service'],
      ]),
    );
    h.finishJob('refund', { refunded: 30 });
    expect(order(h.calls)).toEqual(['book', 'charge', 'notify', 'refund', 'unbook']);
    expect(h.result?.state).toBe('completed');
  });

  test('activityRef compensates only that activity', () => {
    const only: ProcessModel = JSON.parse(JSON.stringify(compiled)) as ProcessModel;
    const undo = only.processes.booking!.elements.undo as { trigger: { type: string; activityRef?: string } };
    undo.trigger = { type: 'compensation', activityRef: 'book' };
    const h = runProcess(only, { approved: false }, { handlers });
    expect(order(h.calls)).toEqual(['book', 'charge', 'notify', 'unbook']);
  });
});

describe('compensation on the real server', () => {
  let w: BpmnWorker;
  beforeAll(async () => {
    w = await startBpmnWorker({
      book: async () => ({ room: 'R1' }),
      unbook: async ({ variables }) => ({ room: null, unbooked: variables.room }),
      charge: async () => ({ charged: 30 }),
      refund: async ({ variables }) => ({ refunded: variables.charged }),
      notify: async () => ({}),
    });
  });
  afterAll(async () => w?.stop());

  test('handlers run newest first and the process ends after them', async () => {
    const handle = await w.start(compiled, { approved: false });
    expect(await handle.result()).toMatchObject({ state: 'completed', endEventId: 'undone' });
    expect(order(w.calls)).toEqual(['book', 'charge', 'notify', 'refund', 'unbook']);
  });
});
