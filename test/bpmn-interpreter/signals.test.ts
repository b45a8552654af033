// Signal broadcast on the real server: a throw in one instance reaches waiting instances through the
// search attribute DsBpmnSignals and the broadcastBpmnSignal activity. Case-by-case semantics: test/bpmn-engine.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Node } from './support/builder';
import { el, model, processDef } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({});
});
afterAll(async () => w.stop());

describe('signal broadcast', () => {
  test('a throw event reaches every instance waiting for the signal, once each', async () => {
    // A unique name: other tests' instances on the same server must not take it.
    const name = `Frist verlängert ${crypto.randomUUID()}`;
    const catchNode: Node = { id: 'wait', kind: 'intermediateCatchEvent', trigger: { type: 'signal', name } };
    const boundary: Node = {
      id: 'extended',
      kind: 'boundaryEvent',
      attachedTo: 'review',
      cancelActivity: false,
      trigger: { type: 'signal', name },
    };
    const waiter = model(
      processDef(
        'waiter',
        [el.start('s'), catchNode, el.user('review'), boundary, el.end('e'), el.end('e2')],
        ['s->wait', 'wait->review', 'review->e', 'extended->e2'],
      ),
    );
    const throwNode: Node = {
      id: 'announce',
      kind: 'intermediateThrowEvent',
      trigger: { type: 'signal', name },
    };
    const thrower = model(
      processDef('thrower', [el.start('s'), throwNode, el.end('e')], ['s->announce', 'announce->e']),
    );
    const a = await w.start(waiter);
    const b = await w.start(waiter);
    // Both wait and are visible to the broadcast's query before the throw.
    for (const handle of [a, b]) {
      await until(async () => {
        const view = await w.state(handle);
        return view.waits.some((x) => x.type === 'signal') ? true : undefined;
      }, 'the signal subscription');
    }
    await until(async () => {
      const ids: string[] = [];
      for await (const x of w.client.workflow.list({ query: `DsBpmnSignals = "${name}"` }))
        ids.push(x.workflowId);
      return ids.length === 2 ? true : undefined;
    }, 'both instances in visibility');
    const t = await w.start(thrower);
    expect((await t.result()).state).toBe('completed');
    // Each took the signal at its catch event and went on to the review; the boundary opened afterwards
    // did not take the same broadcast again.
    for (const handle of [a, b]) await w.openTask(handle, 'review');
    const view = await w.state(a);
    expect(view.tokens.map((x) => x.elementId)).toEqual(['review']);
    // A second throw reaches the non-interrupting boundaries now open on the reviews.
    const t2 = await w.start(thrower);
    expect((await t2.result()).state).toBe('completed');
    for (const handle of [a, b]) {
      const taskId = await w.openTask(handle, 'review');
      await w.completeTask(handle, taskId);
      expect((await handle.result()).state).toBe('completed');
    }
  });
});
