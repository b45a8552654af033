// Timer arithmetic and FEEL helpers, outside Temporal: ISO-8601 durations, dates and cycles.
import { describe, expect, test } from 'vitest';
import { addDuration, nextTick, scheduleTimer } from '../../workflows/bpmn/timers';
import { evalCondition, evalValue, FeelError } from '../../workflows/bpmn/feel';

const now = Date.parse('2026-01-31T10:00:00Z');

describe('timers', () => {
  test.each([
    ['PT1S', '2026-01-31T10:00:01.000Z'],
    ['PT1.5S', '2026-01-31T10:00:01.500Z'],
    ['P1DT2H', '2026-02-01T12:00:00.000Z'],
    ['P2W', '2026-02-14T10:00:00.000Z'],
    ['P1M', '2026-03-03T10:00:00.000Z'], // 31 January + 1 month rolls over like Date.setUTCMonth
    ['P1Y', '2027-01-31T10:00:00.000Z'],
  ])('%s after the start is %s', (duration, expected) => {
    expect(new Date(addDuration(now, duration)).toISOString()).toBe(expected);
  });

  test('a duration that is not ISO-8601 is a FEEL error (an incident), not a silent zero', () => {
    expect(() => addDuration(now, '5 minutes')).toThrow(FeelError);
    expect(() => addDuration(now, 'PT')).toThrow(FeelError);
  });

  test('dates may carry a zone id after the offset; FEEL expressions are evaluated first', () => {
    expect(
      scheduleTimer({ kind: 'date', expression: '2026-03-01T09:00:00+01:00[Europe/Berlin]' }, {}, now).dueAt,
    ).toBe(Date.parse('2026-03-01T08:00:00Z'));
    expect(
      scheduleTimer({ kind: 'duration', expression: '=duration("PT" + string(n) + "M")' }, { n: 5 }, now)
        .dueAt,
    ).toBe(now + 300_000);
  });

  test('R3/PT1M fires three times a minute apart, then stops', () => {
    const first = scheduleTimer({ kind: 'cycle', expression: 'R3/PT1M' }, {}, now);
    const second = nextTick(first);
    const third = second && nextTick(second);
    expect([first.dueAt, second?.dueAt, third?.dueAt].map((t) => (t! - now) / 60_000)).toEqual([1, 2, 3]);
    expect(third && nextTick(third)).toBeUndefined();
  });

  test('R/start/duration starts at the start date and repeats without end', () => {
    const first = scheduleTimer({ kind: 'cycle', expression: 'R/2026-02-01T00:00:00Z/PT12H' }, {}, now);
    expect(new Date(first.dueAt).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(nextTick(nextTick(first)!)?.repeat?.remaining).toBe(-1);
  });

  test('cron cycles are refused only on the unpatched path (histories recorded before cron support)', () => {
    const cron = { kind: 'cycle' as const, expression: '0 0 9 * * MON' };
    expect(() => scheduleTimer(cron, {}, now, () => false)).toThrow(/cron cycles are not supported/);
    expect(scheduleTimer(cron, {}, now).cron).toBe('0 0 9 * * MON');
  });
});

describe('FEEL helpers', () => {
  test('a leading = makes a FEEL expression, anything else is a literal', () => {
    expect(evalValue('=a + 1', { a: 1 })).toBe(2);
    expect(evalValue('a + 1', { a: 1 })).toBe('a + 1');
  });

  test('a condition holds only for true; null and other values do not', () => {
    expect(evalCondition('=x', { x: true })).toBe(true);
    expect(evalCondition('x', { x: 'yes' })).toBe(false);
    expect(evalCondition('=missing > 3', {})).toBe(false);
  });

  test('a syntax error is a FEEL error naming the expression', () => {
    expect(() => evalCondition('=x >', { x: 1 })).toThrow(/x >/);
  });
});
