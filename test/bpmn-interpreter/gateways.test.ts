// Gateways on the real server, one case per kind; their semantics case by case are in test/bpmn-engine.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { duration, el, model, processDef } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';

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
  const p = processDef(
    'xor',
    [el.start('s'), el.xor('gw'), el.end('high'), el.end('low'), el.end('other')],
    [
      's->gw',
      ['gw', 'high', { condition: '=amount > 1000' }],
      ['gw', 'low', { condition: '=amount > 0' }],
      ['gw', 'other', { isDefault: true }],
    ],
  );

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
    const p = processDef(
      'and',
      [
        el.start('s'),
        el.and('fork'),
        el.service('a', 'slow'),
        el.service('b', 'slow'),
        el.and('join'),
        el.service('after', 'mark'),
        el.end('e'),
      ],
      ['s->fork', 'fork->a', 'fork->b', 'a->join', 'b->join', 'join->after', 'after->e'],
    );
    const result = await (await w.start(model(p))).result();
    // then both branches ran and the task after the join ran exactly once
    expect(result.variables).toEqual({ done_a: true, done_b: true, visited: ['after'] });
  });
});

describe('inclusive gateway', () => {
  const p = processDef(
    'or',
    [
      el.start('s'),
      el.or('fork'),
      el.service('a', 'slow'),
      el.user('b'),
      el.service('c', 'slow'),
      el.or('join'),
      el.service('after', 'mark'),
      el.end('e'),
    ],
    [
      's->fork',
      ['fork', 'a', { condition: '=wantA' }],
      ['fork', 'b', { condition: '=wantB' }],
      ['fork', 'c', { isDefault: true }],
      'a->join',
      'b->join',
      'c->join',
      'join->after',
      'after->e',
    ],
  );

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
  const p = processDef(
    'race',
    [
      el.start('s'),
      el.eventGateway('gw'),
      el.message('reply', 'reply', '=caseId'),
      el.timer('timeout', duration('PT1S')),
      el.end('answered'),
      el.end('timedOut'),
    ],
    ['s->gw', 'gw->reply', 'gw->timeout', 'reply->answered', 'timeout->timedOut'],
  );

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
