// Timer cycles: cron expressions (pure parser, UTC), timer start cycles that fire on every tick, cron on
// non-interrupting boundary events, and bad cron text as an incident / an import finding.
import { describe, expect, test } from 'vitest';
import { CronError, looksLikeCron, nextCronTime, parseCron } from '../../workflows/bpmn/cron';
import { checkTimer } from '../../bpmn/expressions';
import type { BpmnElement } from '../../bpmn/is';
import { cycle, el, model, processDef } from '../bpmn-interpreter/support/builder';
import { runProcess, type Handler } from './support/harness';

const at = (iso: string) => Date.parse(iso);
const next = (cron: string, after: string) =>
  new Date(nextCronTime(parseCron(cron), at(after))).toISOString();
const MINUTE = 60_000;
const count: Handler = ({ variables }) => ({ runs: Number(variables.runs ?? 0) + 1 });

describe('cron expressions', () => {
  test.each([
    // Camunda 8's six fields: second minute hour day month weekday; Saturday 10:00 → Monday 09:00
    ['0 0 9 * * MON-FRI', '2026-01-03T10:00:00Z', '2026-01-05T09:00:00.000Z'],
    // five fields: no seconds; strictly after the given time
    ['*/15 * * * *', '2026-01-05T08:07:30Z', '2026-01-05T08:15:00.000Z'],
    ['*/15 * * * *', '2026-01-05T08:15:00Z', '2026-01-05T08:30:00.000Z'],
    // 29 February: the next leap year
    ['0 0 0 29 2 ?', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    // both day fields restricted: either matches (13th or a Friday), as in cron
    ['0 0 0 13 * FRI', '2026-01-05T00:00:00Z', '2026-01-09T00:00:00.000Z'],
    ['0 0 0 13 * FRI', '2026-01-09T00:00:00Z', '2026-01-13T00:00:00.000Z'],
    ['@hourly', '2026-01-05T08:59:59Z', '2026-01-05T09:00:00.000Z'],
    ['0 30 23 31 * *', '2026-02-01T00:00:00Z', '2026-03-31T23:30:00.000Z'],
    // Sunday as 7, a list and a month name
    ['0 0 12 * DEC 7,3', '2026-01-05T00:00:00Z', '2026-12-02T12:00:00.000Z'],
  ])('%s after %s is %s', (cron, after, expected) => {
    expect(next(cron, after)).toBe(expected);
  });

  test.each([
    ['0 0 9 L * *', /L, W and # are not supported/],
    ['61 * * * *', /outside 0-59/],
    ['0 0 9 * *  * *', /5 or 6/],
    ['0 0 0 30 2 *', /no time within 5 years/],
    ['0 0 9 10-5 * *', /empty range/],
  ])('%s is refused: %s', (cron, message) => {
    expect(() => next(cron, '2026-01-05T00:00:00Z')).toThrow(CronError);
    expect(() => next(cron, '2026-01-05T00:00:00Z')).toThrow(message);
  });

  test('ISO cycles are not mistaken for cron', () => {
    expect(looksLikeCron('R3/PT10M')).toBe(false);
    expect(looksLikeCron('0 0 9 * * MON-FRI')).toBe(true);
  });

  test('the import accepts a valid cron cycle and names what is wrong with a bad one', () => {
    const timer = (value: string) =>
      ({
        $type: 'bpmn:TimerEventDefinition',
        timeCycle: { $type: 'bpmn:FormalExpression', body: value },
      }) as unknown as BpmnElement;
    expect(checkTimer(timer('0 0 9 * * MON-FRI'))).toBeUndefined();
    expect(checkTimer(timer('R/PT1H'))).toBeUndefined();
    expect(checkTimer(timer('0 0 9 L * *'))).toMatchObject({
      code: 'timer-invalid',
      message: expect.stringMatching(/no valid cron expression: .*L, W and #/),
    });
  });
});

describe('timer start cycles', () => {
  test('R3/PT10M starts the flow three times, then the process completes', () => {
    const p = processDef(
      'thrice',
      [el.start('s', { type: 'timer', timer: cycle('R3/PT10M') }), el.service('work', 'count'), el.end('e')],
      ['s->work', 'work->e'],
    );
    const h = runProcess(model(p), {}, { handlers: { count } });
    h.advance(10 * MINUTE);
    expect(h.calls).toHaveLength(1);
    expect(h.result).toBeUndefined();
    h.advance(10 * MINUTE);
    expect(h.calls).toHaveLength(2);
    expect(h.result).toBeUndefined();
    h.advance(10 * MINUTE);
    expect(h.calls).toHaveLength(3);
    expect(h.result).toMatchObject({ state: 'completed', variables: { runs: 3 } });
    h.advance(60 * MINUTE);
    expect(h.calls).toHaveLength(3);
  });

  test('a cron start cycle fires on each match and keeps the process open', () => {
    // harness clock starts Monday 2026-01-05 08:00Z
    const p = processDef(
      'cron',
      [
        el.start('s', { type: 'timer', timer: cycle('0 */20 * * * *') }),
        el.service('work', 'count'),
        el.end('e'),
      ],
      ['s->work', 'work->e'],
    );
    const h = runProcess(model(p), {}, { handlers: { count } });
    expect(h.view().waits).toEqual([{ elementId: 's', type: 'timer', dueAt: '2026-01-05T08:20:00.000Z' }]);
    h.advance(60 * MINUTE);
    expect(h.calls).toHaveLength(3);
    expect(h.result).toBeUndefined();
    expect(h.view().waits[0]?.dueAt).toBe('2026-01-05T09:20:00.000Z');
  });

  test('a terminate end event ends an unbounded start cycle', () => {
    const p = processDef(
      'stop',
      [el.start('s', { type: 'timer', timer: cycle('R/PT1H') }), el.end('e', { type: 'terminate' })],
      ['s->e'],
    );
    const h = runProcess(model(p));
    h.advance(61 * MINUTE);
    expect(h.result?.state).toBe('terminated');
  });
});

describe('cron on boundary events', () => {
  test('a non-interrupting cron boundary reminds on every match until the task is done', () => {
    const p = processDef(
      'remind',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('daily', 'review', { type: 'timer', timer: cycle('0 0 9 * * MON-FRI') }, false),
        el.service('remind', 'count'),
        el.end('e'),
        el.end('r'),
      ],
      ['s->review', 'review->e', 'daily->remind', 'remind->r'],
    );
    const h = runProcess(model(p), {}, { handlers: { count } });
    // Monday 08:00 → a week: Mon..Fri at 09:00
    h.advance(7 * 24 * 60 * MINUTE);
    expect(h.calls).toHaveLength(5);
    h.complete('review');
    expect(h.result).toMatchObject({ state: 'completed', variables: { runs: 5 } });
  });

  test('a bad cron cycle at an intermediate timer is an incident at that timer', () => {
    const p = processDef(
      'bad',
      [el.start('s'), el.timer('t', cycle('0 0 9 L * *')), el.end('e')],
      ['s->t', 't->e'],
    );
    const h = runProcess(model(p));
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 't', code: 'FEEL_ERROR', state: 'open' }]);
    expect(h.incidents[0]?.message).toMatch(/cron cycle "0 0 9 L \* \*"/);
  });
});
