// Given an office that observes Fronleichnam (FronleichnamsVO), when an appeal period or the acknowledgement
// period of an Anzeige ends on it, then it moves to the next working day; elsewhere in Saxony it does not.
import { describe, expect, it } from 'vitest';
import { addDays, appealPeriodEnd } from '../../workflows/deadlines';
import { easterSunday } from '../../workflows/saxonHolidays';
import { acknowledgementDueAt } from '../../workflows/procedure';

describe('Fronleichnam per office', () => {
  it('Fronleichnam 2027 is Thursday 27 May (Easter + 60)', () => {
    expect(addDays(easterSunday(2027), 60)).toBe('2027-05-27');
  });

  it('an appeal period ending on Fronleichnam moves to Friday in Crostwitz, not in Radebeul', () => {
    expect(appealPeriodEnd('2027-04-27', { corpusChristi: true })).toEqual({
      nominalEnd: '2027-05-27',
      endsOn: '2027-05-28',
      endsAt: '2027-05-28T22:00:00.000Z',
    });
    expect(appealPeriodEnd('2027-04-27', { corpusChristi: false }).endsOn).toBe('2027-05-27');
  });

  it('the three days of § 15 GewO start the day after receipt and skip weekends and holidays', () => {
    // Received Monday 26.04.2027 at 10:00: due at the end of Thursday 29.04.2027.
    expect(acknowledgementDueAt('2027-04-26T08:00:00Z', 3)).toBe('2027-04-29T22:00:00.000Z');
    // Received Wednesday 28.04.2027: day three is Saturday 01.05 (also Tag der Arbeit) -> Monday 03.05.
    expect(acknowledgementDueAt('2027-04-28T08:00:00Z', 3)).toBe('2027-05-03T22:00:00.000Z');
    // Received Monday 24.05.2027: day three is Fronleichnam, a holiday only where the office observes it.
    expect(acknowledgementDueAt('2027-05-24T08:00:00Z', 3, { corpusChristi: true })).toBe(
      '2027-05-28T22:00:00.000Z',
    );
    expect(acknowledgementDueAt('2027-05-24T08:00:00Z', 3)).toBe('2027-05-27T22:00:00.000Z');
  });
});
