// Gateways without a server: exclusive (conditions, default flow), conditional flows leaving a task,
// parallel and inclusive fork/join, event-based races between a message and a timer.
import { describe, expect, test } from 'vitest';
import { el, model, processDef } from '../bpmn-interpreter/support/builder';
import { runProcess, type Handler } from './support/harness';
import {
  exclusiveByAmount,
  inclusiveForkJoin,
  messageTimerRace,
  parallelForkJoin,
} from '../support/bpmnModels';

const mark: Handler = ({ elementId, variables }) => ({
  visited: [...((variables.visited as string[]) ?? []), elementId],
});
const done: Handler = ({ elementId }) => ({ [`done_${elementId}`]: true });

describe('exclusive gateway', () => {
  const p = exclusiveByAmount();

  test.each([
    [5000, 'high'],
    [10, 'low'],
    [-1, 'other'],
    [null, 'other'],
    ['viel', 'other'],
  ])('amount %s ends at %s (first true condition wins, else the default flow)', (amount, end) => {
    expect(runProcess(model(p), { amount }).result).toMatchObject({ state: 'completed', endEventId: end });
  });

  test('no true condition and no default flow is an incident at the gateway (the process waits)', () => {
    const q = processDef(
      'xor-stuck',
      [el.start('s'), el.xor('gw'), el.end('a')],
      ['s->gw', ['gw', 'a', { condition: '=false' }]],
    );
    const h = runProcess(model(q));
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 'gw', code: 'NO_OUTGOING_FLOW', state: 'open' }]);
  });

  test('a FEEL syntax error in a condition is an incident naming the expression', () => {
    const q = processDef(
      'xor-syntax',
      [el.start('s'), el.xor('gw'), el.end('a'), el.end('b')],
      ['s->gw', ['gw', 'a', { condition: '=amount >' }], ['gw', 'b', { isDefault: true }]],
    );
    const h = runProcess(model(q), { amount: 1 });
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 'gw', code: 'FEEL_ERROR', state: 'open' }]);
    expect(h.incidents[0]?.message).toMatch(/amount >/);
  });

  test('a loop back through an exclusive gateway runs until its condition fails', () => {
    const q = processDef(
      'loop',
      [el.start('s'), el.service('inc', 'inc'), el.xor('more'), el.end('e')],
      ['s->inc', 'inc->more', ['more', 'inc', { condition: '=n < 5' }], ['more', 'e', { isDefault: true }]],
    );
    const h = runProcess(
      model(q),
      { n: 0 },
      { handlers: { inc: ({ variables }) => ({ n: Number(variables.n) + 1 }) } },
    );
    expect(h.result).toMatchObject({ state: 'completed', variables: { n: 5 } });
    expect(h.calls.map((c) => c.variables.n)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('conditional sequence flows leaving a task', () => {
  const p = processDef(
    'condFlows',
    [
      el.start('s'),
      el.task('t'),
      el.service('always', 'mark'),
      el.service('big', 'mark'),
      el.service('fallback', 'mark'),
      el.end('e1'),
      el.end('e2'),
      el.end('e3'),
    ],
    [
      's->t',
      't->always',
      ['t', 'big', { condition: '=size > 10' }],
      ['t', 'fallback', { isDefault: true }],
      'always->e1',
      'big->e2',
      'fallback->e3',
    ],
  );

  test.each([
    [50, ['always', 'big']],
    [1, ['always', 'fallback']],
  ])(
    'size %s takes %j: the unconditional flow always, the default only when no condition holds',
    (size, expected) => {
      const h = runProcess(model(p), { size }, { handlers: { mark } });
      expect(h.result?.state).toBe('completed');
      expect(h.calls.map((c) => c.elementId).sort()).toEqual(expected);
    },
  );
});

describe('parallel gateway', () => {
  const p = parallelForkJoin();

  test('forks into all branches and joins once all arrived', () => {
    const h = runProcess(model(p), {}, { handlers: { mark }, manual: ['slow'] });
    // both branches run at once
    expect(h.waitingJobs.sort()).toEqual(['a', 'b']);
    // when one branch is done the join still waits
    h.finishJob('b', { done_b: true });
    expect(h.calls.map((c) => c.elementId)).not.toContain('after');
    expect(h.view().tokens.map((t) => t.elementId)).toEqual(['a']);
    // and when the other is done the join fires exactly once
    h.finishJob('a', { done_a: true });
    expect(h.result?.variables).toEqual({ done_a: true, done_b: true, visited: ['after'] });
    expect(h.calls.filter((c) => c.elementId === 'after')).toHaveLength(1);
  });

  test('a join reached twice on one branch waits for the other branch for each token', () => {
    const q = processDef(
      'and2',
      [el.start('s'), el.and('fork'), el.service('a', 'mark'), el.user('b'), el.and('join'), el.end('e')],
      ['s->fork', 'fork->a', 'fork->b', 'a->join', 'b->join', 'join->e'],
    );
    const h = runProcess(model(q), {}, { handlers: { mark } });
    expect(h.result).toBeUndefined();
    h.complete('b');
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'e' });
  });
});

describe('parallel join versus inclusive join', () => {
  // fork -> a (a user task, done last) -> join; fork -> xor -> join (if ready) or -> skipped (else)
  const flows = (join: 'and' | 'or') =>
    processDef(
      `${join}Join`,
      [
        el.start('s'),
        el.and('fork'),
        el.user('a'),
        el.xor('xor'),
        join === 'and' ? el.and('join') : el.or('join'),
        el.end('e'),
        el.end('skipped'),
      ],
      [
        's->fork',
        'fork->a',
        'fork->xor',
        'a->join',
        ['xor', 'join', { condition: '=ready' }],
        ['xor', 'skipped', { isDefault: true }],
        'join->e',
      ],
    );

  test('a parallel join never fires while an incoming flow is missing, even one no token can reach', () => {
    const h = runProcess(model(flows('and')), { ready: false });
    h.complete('a');
    expect(h.result?.endEventId).not.toBe('e');
  });

  // BPMN keeps the arrival at the join as a token, so the process stays running (stuck, as in Camunda 8).
  test('a process with an arrival waiting at a parallel join does not complete', () => {
    const h = runProcess(model(flows('and')), { ready: false });
    h.complete('a');
    expect(h.result).toBeUndefined();
    // and with both arrivals it completes through the join
    const ok = runProcess(model(flows('and')), { ready: true });
    ok.complete('a');
    expect(ok.result).toMatchObject({ state: 'completed', endEventId: 'e' });
  });

  test('an inclusive join fires once no token can reach its missing flows', () => {
    const h = runProcess(model(flows('or')), { ready: false });
    h.complete('a');
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'e' });
  });
});

describe('inclusive gateway', () => {
  const p = inclusiveForkJoin('done');
  const handlers = { done, mark };

  test('forks into every branch whose condition holds and the join waits for exactly those', () => {
    const h = runProcess(model(p), { wantA: true, wantB: true }, { handlers });
    // A is done, the join waits for B
    expect(h.view().variables.done_a).toBe(true);
    expect(h.view().tokens.map((t) => t.elementId)).toEqual(['b']);
    h.complete('b', { b: 'ok' });
    expect(h.result?.variables).toEqual({
      wantA: true,
      wantB: true,
      done_a: true,
      b: 'ok',
      visited: ['after'],
    });
  });

  test('one condition true: the join does not wait for branches no token can reach', () => {
    const h = runProcess(model(p), { wantA: true, wantB: false }, { handlers });
    expect(h.result?.variables).toEqual({ wantA: true, wantB: false, done_a: true, visited: ['after'] });
  });

  test('with no condition true only the default branch runs', () => {
    const h = runProcess(model(p), { wantA: false, wantB: false }, { handlers });
    expect(h.result?.variables).toEqual({ wantA: false, wantB: false, done_c: true, visited: ['after'] });
  });
});

describe('event-based gateway', () => {
  const p = messageTimerRace('PT10M');

  test('the message wins when it comes before the timer, and the timer is disarmed', () => {
    const h = runProcess(model(p), { caseId: 'c1' });
    expect(
      h
        .view()
        .waits.map((w) => w.type)
        .sort(),
    ).toEqual(['message', 'timer']);
    h.advance(9 * 60_000);
    h.message({ name: 'reply', correlationKey: 'c1', variables: { answer: 42 } });
    expect(h.result).toMatchObject({ endEventId: 'answered', variables: { answer: 42 } });
    expect(h.log.some((l) => l.startsWith('timer- '))).toBe(true);
  });

  test('a message with another correlation key does not win the race', () => {
    const h = runProcess(model(p), { caseId: 'c1' });
    h.message({ name: 'reply', correlationKey: 'c2' });
    expect(h.result).toBeUndefined();
    h.advance(10 * 60_000);
    expect(h.result?.endEventId).toBe('timedOut');
  });

  test('the timer wins when no message comes, not a millisecond earlier', () => {
    const h = runProcess(model(p), { caseId: 'c2' });
    h.advance(10 * 60_000 - 1);
    expect(h.result).toBeUndefined();
    h.advance(1);
    expect(h.result?.endEventId).toBe('timedOut');
    // a late message is buffered, it changes nothing
    h.message({ name: 'reply', correlationKey: 'c2' });
    expect(h.result?.endEventId).toBe('timedOut');
  });
});
