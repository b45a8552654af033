import { describe, expect, it } from 'vitest';
import { easterSunday, saxonHolidayCalendar, saxonPublicHolidays } from '../../workflows/saxonHolidays';

// Easter Sundays 2000-2099 (MM-DD), produced by an independent implementation: python-dateutil's easter().
const EASTER_2000_2099 =
  '04-23 04-15 03-31 04-20 04-11 03-27 04-16 04-08 03-23 04-12 04-04 04-24 04-08 03-31 04-20 04-05 03-27 04-16 ' +
  '04-01 04-21 04-12 04-04 04-17 04-09 03-31 04-20 04-05 03-28 04-16 04-01 04-21 04-13 03-28 04-17 04-09 03-25 ' +
  '04-13 04-05 04-25 04-10 04-01 04-21 04-06 03-29 04-17 04-09 03-25 04-14 04-05 04-18 04-10 04-02 04-21 04-06 ' +
  '03-29 04-18 04-02 04-22 04-14 03-30 04-18 04-10 03-26 04-15 04-06 03-29 04-11 04-03 04-22 04-14 03-30 04-19 ' +
  '04-10 03-26 04-15 04-07 04-19 04-11 04-03 04-23 04-07 03-30 04-19 04-04 03-26 04-15 03-31 04-20 04-11 04-03 ' +
  '04-16 04-08 03-30 04-12 04-04 04-24 04-15 03-31 04-20 04-12';

describe('easterSunday', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('given %i, when computed, then Easter Sunday is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('given 2000-2099, when computed, then every date matches the independent table and is a Sunday', () => {
    const expected = EASTER_2000_2099.split(' ');
    expect(expected).toHaveLength(100);
    for (let year = 2000; year < 2100; year++) {
      const easter = easterSunday(year);
      expect(easter).toBe(`${year}-${expected[year - 2000]}`);
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
    }
  });

  it('given a year outside the Gregorian calendar, when computed, then it is refused', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2025.5)).toThrow(RangeError);
  });
});

describe('saxonPublicHolidays', () => {
  it('given 2025, when listed, then all eleven Saxon holidays appear in order', () => {
    expect(saxonPublicHolidays(2025)).toEqual([
      '2025-01-01', // Neujahr
      '2025-04-18', // Karfreitag
      '2025-04-21', // Ostermontag
      '2025-05-01', // Tag der Arbeit
      '2025-05-29', // Christi Himmelfahrt
      '2025-06-09', // Pfingstmontag
      '2025-10-03', // Tag der Deutschen Einheit
      '2025-10-31', // Reformationstag
      '2025-11-19', // Buß- und Bettag
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it.each([
    [2023, '2023-11-22'], // 22 November itself is a Wednesday
    [2024, '2024-11-20'],
    [2025, '2025-11-19'],
    [2026, '2026-11-18'],
    [2027, '2027-11-17'],
    [2028, '2028-11-22'],
  ])('given %i, when listed, then Buß- und Bettag is %s', (year, expected) => {
    const day = saxonHolidayCalendar(year).find((h) => h.name === 'Buß- und Bettag');
    expect(day?.date).toBe(expected);
  });

  it('given any year, when listed, then Reformationstag is 31 October', () => {
    for (const year of [2017, 2024, 2030]) expect(saxonPublicHolidays(year)).toContain(`${year}-10-31`);
  });

  it('given 2008 (Ascension Day on 1 May), when listed, then the date appears once but both names remain', () => {
    const dates = saxonPublicHolidays(2008);
    expect(dates.filter((d) => d === '2008-05-01')).toHaveLength(1);
    expect(dates).toHaveLength(10);
    const names = saxonHolidayCalendar(2008)
      .filter((h) => h.date === '2008-05-01')
      .map((h) => h.name);
    expect(names.sort()).toEqual(['Christi Himmelfahrt', 'Tag der Arbeit']);
  });

  it('given the default, when listed, then Fronleichnam is absent; with the Sorbian flag it is Easter + 60 days', () => {
    expect(saxonPublicHolidays(2025)).not.toContain('2025-06-19');
    expect(saxonPublicHolidays(2025, { corpusChristi: true })).toContain('2025-06-19');
    expect(saxonPublicHolidays(2026, { corpusChristi: true })).toContain('2026-06-04');
  });

  it('given a holiday of another state, when listed, then it is not a Saxon holiday', () => {
    const dates = saxonPublicHolidays(2025);
    expect(dates).not.toContain('2025-01-06'); // Heilige Drei Könige (BW, BY, ST)
    expect(dates).not.toContain('2025-11-01'); // Allerheiligen
    expect(dates).not.toContain('2025-03-08'); // Frauentag (BE, MV)
  });
});
