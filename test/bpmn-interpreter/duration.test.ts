// ISO-8601 durations are parsed in one module; the interpreter, the importer's check and the hub's
// service-task deadlines must agree on what is a duration.
import { describe, expect, it } from 'vitest';
import { addDurationParts, fixedMs, parseDuration } from '../../workflows/bpmn/duration';
import { addDuration } from '../../workflows/bpmn/timers';
import { periodMs } from '../../activities/hubServiceTasks';
import { checkTimer } from '../../bpmn/expressions';
import { germanDate } from '../../workflows/germanDate';

describe('ISO-8601 durations', () => {
  it('parses every designator, fractions with comma or dot', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
    expect(parseDuration(' PT1,5S ')?.seconds).toBe(1.5);
  });

  it('refuses what is no duration', () => {
    for (const text of ['', 'P', 'PT', 'P1DT', '5 minutes', 'PT5', '1D', 'P-1D', 'R3/PT1M']) {
      expect(parseDuration(text), text).toBeUndefined();
    }
  });

  it('adds months in calendar terms and fixed parts in milliseconds', () => {
    const from = Date.parse('2027-01-31T00:00:00Z');
    expect(new Date(addDurationParts(from, parseDuration('P1M')!)).toISOString()).toBe(
      '2027-03-03T00:00:00.000Z',
    );
    expect(addDuration(from, 'P1DT1H') - from).toBe(25 * 3_600_000);
    expect(fixedMs(parseDuration('P1M')!)).toBeUndefined();
  });

  it('gives the service-task deadline the same reading, with the fallback for calendar periods', () => {
    expect(periodMs('P2W', 14)).toBe(14 * 86_400_000);
    expect(periodMs('PT90M', 14)).toBe(90 * 60_000);
    expect(periodMs('P1M', 3)).toBe(3 * 86_400_000);
    expect(periodMs(undefined, 3)).toBe(3 * 86_400_000);
  });

  it('lets the importer accept exactly the durations the interpreter can arm (plus a leading minus)', () => {
    const timer = (body: string) => ({
      $type: 'bpmn:TimerEventDefinition',
      timeDuration: { $type: 'bpmn:FormalExpression', body },
    });
    for (const text of ['PT5M', 'P1Y', 'PT1,5S', 'P1DT', 'PT', 'five']) {
      const accepted = checkTimer(timer(text)) === undefined;
      expect(accepted, text).toBe(parseDuration(text) !== undefined);
    }
  });
});

describe('German dates', () => {
  it('writes the calendar date as TT.MM.JJJJ, without shifting an instant', () => {
    expect(germanDate('2027-03-01')).toBe('01.03.2027');
    expect(germanDate('2027-12-31T23:30:00.000Z')).toBe('31.12.2027');
  });
});
