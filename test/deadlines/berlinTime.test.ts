import { describe, expect, it } from 'vitest';
import {
  addDays,
  berlinDateOf,
  berlinMidnight,
  isWorkingDay,
  nextWorkingDay,
} from '../../workflows/deadlines';

// The workflow code applies the EU DST rule by hand; the tz database behind Intl is the independent reference.
const berlinDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const berlinClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('Berlin local time', () => {
  it('given every hour and every switch minute 2024-2030, when mapped to a day, then it agrees with the tz database', () => {
    const start = Date.UTC(2024, 0, 1);
    const end = Date.UTC(2031, 0, 1);
    const instants: number[] = [];
    for (let t = start; t < end; t += 3_600_000) instants.push(t, t + 30 * 60_000);
    for (let t = start; t < end; t += 3_600_000) instants.push(t - 1);
    let mismatches = 0;
    for (const t of instants) {
      const iso = new Date(t).toISOString();
      if (berlinDateOf(iso) !== berlinDay.format(t)) mismatches++;
    }
    expect(instants.length).toBeGreaterThan(180_000);
    expect(mismatches).toBe(0);
  });

  it('given every day 2024-2030, when its Berlin midnight is computed, then the tz database shows 00:00 on that day', () => {
    for (let day = '2024-01-01'; day < '2031-01-01'; day = addDays(day, 1)) {
      const midnight = Date.parse(berlinMidnight(day));
      expect([berlinDay.format(midnight), berlinClock.format(midnight)]).toEqual([day, '00:00']);
    }
  });

  it('given the days around the 2025 switches, when their midnight is computed, then the offset changes', () => {
    expect(berlinMidnight('2025-03-30')).toBe('2025-03-29T23:00:00.000Z');
    expect(berlinMidnight('2025-03-31')).toBe('2025-03-30T22:00:00.000Z');
    expect(berlinMidnight('2025-10-26')).toBe('2025-10-25T22:00:00.000Z');
    expect(berlinMidnight('2025-10-27')).toBe('2025-10-26T23:00:00.000Z');
  });

  it('given an instant before the EU rule applied in Germany (1996), when mapped, then it is refused', () => {
    expect(() => berlinDateOf('1995-09-30T12:00:00Z')).toThrow(RangeError);
  });
});

describe('working days', () => {
  it('given weekdays, weekends and holidays, when checked, then only plain weekdays are working days', () => {
    expect(isWorkingDay('2025-10-30')).toBe(true);
    expect(isWorkingDay('2025-10-31')).toBe(false); // Reformationstag
    expect(isWorkingDay('2025-11-01')).toBe(false); // Saturday
    expect(isWorkingDay('2025-11-02')).toBe(false); // Sunday
    expect(isWorkingDay('2025-11-19')).toBe(false); // Buß- und Bettag
  });

  it('given a day, when the next working day is asked, then holidays and weekends are skipped', () => {
    expect(nextWorkingDay('2025-10-30')).toBe('2025-11-03');
    expect(nextWorkingDay('2025-04-17')).toBe('2025-04-22');
    expect(nextWorkingDay('2025-12-23')).toBe('2025-12-24'); // Heiligabend is no public holiday
    expect(nextWorkingDay('2025-12-24')).toBe('2025-12-29');
    expect(nextWorkingDay('2025-12-31')).toBe('2026-01-02');
  });
});
