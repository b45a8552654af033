// Gateways on the real server, one case per kind; their semantics case by case are in test/bpmn-engine.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { model } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';
import {
  exclusiveByAmount,
  inclusiveForkJoin,
  messageTimerRace,
  parallelForkJoin,
} from '../support/bpmnModels';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({
    mark: async ({ elementId, variables }) => ({
      visited: [...((variables.visited as string[]) ?? []), elementId],
    }),
    slow: async ({ elementId }) => {
      await new Promise((r) => setTimeout(r, 300));
      return { [`done_${elementId}`]: true };
    },
  });
});
afterAll(async () => w.stop());

describe('exclusive gateway', () => {
  const p = exclusiveByAmount();

  test.each([
    [5000, 'high'],
    [10, 'low'],
    [-1, 'other'],
    [null, 'other'],
  ])('amount %s ends at %s (first true condition wins, else the default flow)', async (amount, end) => {
    const result = await (await w.start(model(p), { amount })).result();
    expect(result).toMatchObject({ state: 'completed', endEventId: end });
  });
});

describe('parallel gateway', () => {
  test('forks into all branches and joins once all arrived', async () => {
    // given a fork to two slow service tasks and a join before the end
    const p = parallelForkJoin();
    const result = await (await w.start(model(p))).result();
    // then both branches ran and the task after the join ran exactly once
    expect(result.variables).toEqual({ done_a: true, done_b: true, visited: ['after'] });
  });
});

describe('inclusive gateway', () => {
  const p = inclusiveForkJoin('slow');

  test('forks into every branch whose condition holds and the join waits for exactly those', async () => {
    // given A and B are wanted (B is a user task that will take a while)
    const handle = await w.start(model(p), { wantA: true, wantB: true });
    const taskId = await w.openTask(handle, 'b');
    // when A has finished, the join still waits for B
    await until(async () => ((await w.state(handle)).variables.done_a ? true : undefined), 'branch a');
    expect((await w.state(handle)).tokens.map((t) => t.elementId)).toEqual(['b']);
    // and when B completes
    await w.completeTask(handle, taskId, { b: 'ok' });
    const result = await handle.result();
    // then the join fires once; C (the default) never ran
    expect(result.variables).toEqual({ wantA: true, wantB: true, done_a: true, b: 'ok', visited: ['after'] });
  });
});

describe('event-based gateway', () => {
  const p = messageTimerRace('PT1S');

  test('the message wins when it comes before the timer, and the timer is cancelled', async () => {
    const handle = await w.start(model(p), { caseId: 'c1' });
    await until(async () => ((await w.state(handle)).waits.length === 2 ? true : undefined), 'two waits');
    await w.message(handle, { name: 'reply', correlationKey: 'c1', variables: { answer: 42 } });
    const result = await handle.result();
    expect(result).toMatchObject({ endEventId: 'answered', variables: { answer: 42 } });
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.timerCanceledEventAttributes)).toBe(true);
  });
});
