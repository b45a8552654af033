import { describe, expect, it } from 'vitest';
import { notificationDate, retrievalWindowEndsAt } from '../../workflows/deadlines';

describe('notificationDate: notification by retrieval (§ 41 (2a) VwVfG)', () => {
  const availableAt = '2025-06-02T08:00:00Z'; // Monday, 10:00 CEST

  it('given a retrieval during the day, when computed, then the notice counts as notified the day after', () => {
    expect(notificationDate({ availableAt, retrievedAt: '2025-06-10T09:15:00Z' })).toEqual({
      notified: true,
      date: '2025-06-11',
    });
  });

  it('given a retrieval on a Saturday, when computed, then notification is on the Sunday (the fiction is not moved)', () => {
    expect(notificationDate({ availableAt, retrievedAt: '2025-06-07T10:00:00Z' })).toEqual({
      notified: true,
      date: '2025-06-08',
    });
  });

  it('given retrievals late in the evening around the spring DST switch, when computed, then Berlin local days count', () => {
    const march = '2025-03-24T09:00:00Z';
    // 23:30 CET on Saturday 29 March; a UTC-based day would say the same, a fixed +02:00 would say 30 March.
    expect(notificationDate({ availableAt: march, retrievedAt: '2025-03-29T22:30:00Z' })).toEqual({
      notified: true,
      date: '2025-03-30',
    });
    // 00:30 CEST on Monday 31 March; a fixed +01:00 offset would still say 30 March.
    expect(notificationDate({ availableAt: march, retrievedAt: '2025-03-30T22:30:00Z' })).toEqual({
      notified: true,
      date: '2025-04-01',
    });
  });

  it('given retrievals around the autumn DST switch, when computed, then Berlin local days count', () => {
    const october = '2025-10-20T09:00:00Z';
    // 00:30 CEST on Sunday 26 October (before the switch at 03:00 CEST).
    expect(notificationDate({ availableAt: october, retrievedAt: '2025-10-25T22:30:00Z' })).toEqual({
      notified: true,
      date: '2025-10-27',
    });
    // 23:30 CET on Sunday 26 October (after the switch).
    expect(notificationDate({ availableAt: october, retrievedAt: '2025-10-26T22:30:00Z' })).toEqual({
      notified: true,
      date: '2025-10-27',
    });
  });

  it('given no retrieval, when computed, then the notice is not notified and the retrieval window end is reported', () => {
    expect(notificationDate({ availableAt })).toEqual({
      notified: false,
      retrievalWindowEndsAt: '2025-06-12T22:00:00.000Z',
    });
  });

  it('given a retrieval in the last minute of the tenth day, when computed, then it still notifies (on the eleventh day)', () => {
    expect(notificationDate({ availableAt, retrievedAt: '2025-06-12T21:59:00Z' })).toEqual({
      notified: true,
      date: '2025-06-13',
    });
  });

  it('given a retrieval after the window, when computed, then the notice is not notified (§ 41 (2a) sentence 5)', () => {
    expect(notificationDate({ availableAt, retrievedAt: '2025-06-12T22:00:00Z' })).toEqual({
      notified: false,
      retrievalWindowEndsAt: '2025-06-12T22:00:00.000Z',
    });
  });

  it('given a retrieval before availability or malformed instants, when computed, then the input is refused', () => {
    expect(() => notificationDate({ availableAt, retrievedAt: '2025-06-01T08:00:00Z' })).toThrow(RangeError);
    expect(() => notificationDate({ availableAt: '2025-06-02' })).toThrow(RangeError);
    expect(() => notificationDate({ availableAt: '2025-06-02T10:00:00' })).toThrow(RangeError);
    expect(() => notificationDate({ availableAt, retrievedAt: 'yesterday' })).toThrow(RangeError);
  });
});

describe('retrievalWindowEndsAt', () => {
  it('given an availability notice sent just after midnight Berlin time, when computed, then day one is the Berlin day', () => {
    // 00:30 CEST Wednesday 4 June; ten days later is Saturday 14 June, which is not extended to Monday.
    expect(retrievalWindowEndsAt('2025-06-03T22:30:00Z')).toBe('2025-06-14T22:00:00.000Z');
  });

  it('given an availability notice in winter, when computed, then the window ends at 24:00 CET of the tenth day', () => {
    expect(retrievalWindowEndsAt('2025-01-10T12:00:00+01:00')).toBe('2025-01-20T23:00:00.000Z');
  });
});
