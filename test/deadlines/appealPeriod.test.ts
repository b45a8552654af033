import { describe, expect, it } from 'vitest';
import { appealPeriodEnd, appealPeriodEndsAt, isWithinAppealPeriod } from '../../workflows/deadlines';

// Every expected date was checked against python3's calendar/zoneinfo (see docs/deadlines.md).
describe('appealPeriodEnd: one month from notification (§ 70 VwGO, §§ 187 (1), 188 (2), (3) BGB)', () => {
  it('given a mid-month notification on a working day, when computed, then the period ends on the same day number', () => {
    expect(appealPeriodEnd('2025-06-11')).toEqual({
      nominalEnd: '2025-07-11',
      endsOn: '2025-07-11',
      endsAt: '2025-07-11T22:00:00.000Z',
    });
  });

  it.each([
    ['2025-01-31', '2025-02-28', '2025-02-28'], // February without a 31st: its last day
    ['2028-01-31', '2028-02-29', '2028-02-29'], // 2028 is a leap year
    ['2027-01-31', '2027-02-28', '2027-03-01'], // 28 Feb 2027 is a Sunday
    ['2100-01-31', '2100-02-28', '2100-03-01'], // 2100 is not a leap year; 28 Feb 2100 is a Sunday
    ['2025-03-31', '2025-04-30', '2025-04-30'], // April has no 31st
    ['2025-02-28', '2025-03-28', '2025-03-28'], // same number, not "end of month"
  ])(
    'given notification on %s, when computed, then nominal end %s and actual end %s',
    (notified, nominal, ends) => {
      const end = appealPeriodEnd(notified);
      expect(end.nominalEnd).toBe(nominal);
      expect(end.endsOn).toBe(ends);
    },
  );

  it.each([
    ['2025-12-15', '2026-01-15'], // December -> January of the next year
    ['2025-12-01', '2026-01-02'], // Neujahr (Thursday) -> Friday
    ['2025-11-25', '2025-12-29'], // 25./26.12. (Thu/Fri), Saturday, Sunday -> Monday
  ])(
    'given notification on %s across a year end, when computed, then the period ends on %s',
    (notified, ends) => {
      expect(appealPeriodEnd(notified).endsOn).toBe(ends);
    },
  );

  it.each([
    ['2025-04-10', '2025-05-12'], // ends on Saturday 10 May -> Monday
    ['2025-04-11', '2025-05-12'], // ends on Sunday 11 May -> Monday
  ])(
    'given notification on %s, when the end falls on a weekend, then it moves to Monday %s',
    (notified, ends) => {
      expect(appealPeriodEnd(notified).endsOn).toBe(ends);
    },
  );

  it.each([
    ['2025-03-18', '2025-04-18', '2025-04-22', 'Karfreitag, Saturday, Easter Sunday, Ostermontag -> Tuesday'],
    ['2025-04-29', '2025-05-29', '2025-05-30', 'Christi Himmelfahrt -> Friday'],
    ['2025-05-07', '2025-06-07', '2025-06-10', 'Saturday, Whit Sunday, Pfingstmontag -> Tuesday'],
    ['2025-09-03', '2025-10-03', '2025-10-06', 'Tag der Deutschen Einheit (Friday) -> Monday'],
    ['2022-09-30', '2022-10-30', '2022-11-01', 'Sunday, Reformationstag (Monday) -> Tuesday'],
    ['2033-09-29', '2033-10-29', '2033-11-01', 'Saturday, Sunday, Reformationstag -> Tuesday'],
    ['2024-10-20', '2024-11-20', '2024-11-21', 'Buß- und Bettag 2024'],
    ['2025-10-19', '2025-11-19', '2025-11-20', 'Buß- und Bettag 2025'],
    ['2026-10-18', '2026-11-18', '2026-11-19', 'Buß- und Bettag 2026'],
    ['2027-10-17', '2027-11-17', '2027-11-18', 'Buß- und Bettag 2027'],
  ])(
    'given notification on %s (nominal end %s), when computed, then it ends on %s (%s)',
    (notified, nominal, ends) => {
      const end = appealPeriodEnd(notified);
      expect(end.nominalEnd).toBe(nominal);
      expect(end.endsOn).toBe(ends);
    },
  );

  it('given an office in a Sorbian municipality, when the end falls on Fronleichnam, then it moves one more day', () => {
    expect(appealPeriodEnd('2025-05-19').endsOn).toBe('2025-06-19');
    expect(appealPeriodEnd('2025-05-19', { corpusChristi: true }).endsOn).toBe('2025-06-20');
  });

  it.each([
    ['2025-01-31', '2025-02-28T23:00:00.000Z'], // CET: 24:00 local = 23:00 UTC
    ['2026-02-27', '2026-03-27T23:00:00.000Z'], // last Friday before summer time
    ['2026-02-28', '2026-03-30T22:00:00.000Z'], // Saturday 28 March -> Monday 30 March, now CEST
    ['2026-09-23', '2026-10-23T22:00:00.000Z'], // last Friday of summer time
    ['2026-09-24', '2026-10-26T23:00:00.000Z'], // Saturday 24 Oct -> Monday 26 Oct, back to CET
  ])(
    'given notification on %s, when the end instant is computed, then it is 24:00 Berlin time = %s',
    (notified, endsAt) => {
      expect(appealPeriodEndsAt(notified)).toBe(endsAt);
    },
  );

  it('given a malformed or impossible date, when computed, then it is refused', () => {
    expect(() => appealPeriodEnd('2025-02-29')).toThrow(RangeError);
    expect(() => appealPeriodEnd('31.01.2025')).toThrow(RangeError);
  });
});

describe('isWithinAppealPeriod', () => {
  it('given notification on 18 March 2025, when an objection arrives, then only arrivals before 23 April 00:00 Berlin count', () => {
    expect(isWithinAppealPeriod('2025-03-18', '2025-04-22T21:59:59Z')).toBe(true);
    expect(isWithinAppealPeriod('2025-03-18', '2025-04-22T23:59:59+02:00')).toBe(true);
    expect(isWithinAppealPeriod('2025-03-18', '2025-04-22T22:00:00Z')).toBe(false);
    expect(isWithinAppealPeriod('2025-03-18', '2025-04-23T00:30:00+02:00')).toBe(false);
  });
});
