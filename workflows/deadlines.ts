// Legal date arithmetic for notices: notification by retrieval and the one-month appeal period.
// Pure functions of their inputs (no clock, no I/O), so they run unchanged inside the workflow sandbox.
// Legal sources and worked examples: docs/deadlines.md.
import { saxonPublicHolidays, type SaxonHolidayOptions } from './saxonHolidays';

/** A calendar date 'YYYY-MM-DD' (a day in Germany, no time zone attached). */
export type IsoDate = string;
/** An instant as ISO 8601 with 'Z' or an explicit offset, e.g. '2025-03-30T22:30:00Z'. */
export type Instant = string;

export type { SaxonHolidayOptions } from './saxonHolidays';

/** § 41 (2a) sentence 4 VwVfG: the notice stays retrievable for ten days after the availability notice. */
export const RETRIEVAL_WINDOW_DAYS = 10;

export interface NotificationInput {
  /** When the notice of availability (mailbox message / mail) was sent. */
  availableAt: Instant;
  /** When the applicant retrieved the notice from the portal, if at all. */
  retrievedAt?: Instant;
}

export type Notification =
  { notified: true; date: IsoDate } | { notified: false; retrievalWindowEndsAt: Instant };

export interface AppealPeriodEnd {
  /** Day with the same number in the following month, or that month's last day (§ 188 (2), (3) BGB). */
  nominalEnd: IsoDate;
  /** The nominal end moved past Saturdays, Sundays and Saxon public holidays (§ 222 (2) ZPO, § 193 BGB). */
  endsOn: IsoDate;
  /** 24:00 Europe/Berlin at the end of endsOn, as a UTC instant; an objection must arrive before it. */
  endsAt: Instant;
}

/** The instant up to which the notice may be retrieved: end of the tenth day after availableAt (Berlin time). */
export function retrievalWindowEndsAt(availableAt: Instant): Instant {
  return berlinMidnight(addDays(berlinDateOf(availableAt), RETRIEVAL_WINDOW_DAYS + 1));
}

/**
 * Notification date per § 41 (2a) VwVfG: the day after retrieval. Without retrieval inside the window the
 * notification is not effected at all (sentence 5); the authority has to provide it again or notify otherwise.
 */
export function notificationDate({ availableAt, retrievedAt }: NotificationInput): Notification {
  const windowEnd = retrievalWindowEndsAt(availableAt);
  if (retrievedAt === undefined) return { notified: false, retrievalWindowEndsAt: windowEnd };
  const retrievedMs = instantMs(retrievedAt);
  if (retrievedMs < instantMs(availableAt)) {
    throw new RangeError(`retrievedAt ${retrievedAt} lies before availableAt ${availableAt}`);
  }
  if (retrievedMs >= Date.parse(windowEnd)) return { notified: false, retrievalWindowEndsAt: windowEnd };
  return { notified: true, date: addDays(berlinDateOf(retrievedAt), 1) };
}

/** End of the one-month objection period (§ 70 VwGO) for a notice notified on notifiedOn. */
export function appealPeriodEnd(notifiedOn: IsoDate, options: SaxonHolidayOptions = {}): AppealPeriodEnd {
  const nominalEnd = sameDayNextMonth(notifiedOn);
  const endsOn = isWorkingDay(nominalEnd, options) ? nominalEnd : nextWorkingDay(nominalEnd, options);
  return { nominalEnd, endsOn, endsAt: berlinMidnight(addDays(endsOn, 1)) };
}

/** The instant the appeal period is over (24:00 Berlin time of its last day), as UTC ISO. */
export function appealPeriodEndsAt(notifiedOn: IsoDate, options: SaxonHolidayOptions = {}): Instant {
  return appealPeriodEnd(notifiedOn, options).endsAt;
}

/** Whether an objection received at receivedAt is within the appeal period of a notice notified on notifiedOn. */
export function isWithinAppealPeriod(
  notifiedOn: IsoDate,
  receivedAt: Instant,
  options: SaxonHolidayOptions = {},
): boolean {
  return instantMs(receivedAt) < Date.parse(appealPeriodEndsAt(notifiedOn, options));
}

/** A working day is neither Saturday, Sunday nor a Saxon public holiday. */
export function isWorkingDay(date: IsoDate, options: SaxonHolidayOptions = {}): boolean {
  const weekday = new Date(dayMs(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !saxonPublicHolidays(Number(date.slice(0, 4)), options).includes(date);
}

/** The first working day strictly after date. */
export function nextWorkingDay(date: IsoDate, options: SaxonHolidayOptions = {}): IsoDate {
  let candidate = addDays(date, 1);
  while (!isWorkingDay(candidate, options)) candidate = addDays(candidate, 1);
  return candidate;
}

/** date plus days calendar days (days may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(dayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day in Germany (Europe/Berlin) on which an instant falls. */
export function berlinDateOf(instant: Instant): IsoDate {
  const ms = instantMs(instant);
  return new Date(ms + berlinOffsetMs(ms)).toISOString().slice(0, 10);
}

/** 00:00 Europe/Berlin at the start of date, as a UTC ISO instant. */
export function berlinMidnight(date: IsoDate): Instant {
  // Midnight is never inside a DST gap or overlap (switches happen at 02:00/03:00 local), so one probe suffices.
  const asUtc = dayMs(date);
  const winter = asUtc - HOUR_MS;
  const ms = berlinOffsetMs(winter) === HOUR_MS ? winter : asUtc - 2 * HOUR_MS;
  return new Date(ms).toISOString();
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const EU_DST_RULE_SINCE = 1996;

// Germany follows the EU rule since 1996: CEST (UTC+2) from the last Sunday in March, 01:00 UTC, to the
// last Sunday in October, 01:00 UTC; CET (UTC+1) otherwise. Coded by hand rather than via Intl so the
// result cannot change with the tz database of whichever Node version replays the workflow.
function berlinOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  if (year < EU_DST_RULE_SINCE)
    throw new RangeError(`Berlin time before ${EU_DST_RULE_SINCE} is not supported`);
  const summerStarts = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const summerEnds = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return ms >= summerStarts && ms < summerEnds ? 2 * HOUR_MS : HOUR_MS;
}

function lastSunday(year: number, monthIndex: number): number {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

function sameDayNextMonth(date: IsoDate): IsoDate {
  dayMs(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const daysInNextMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, daysInNextMonth))).toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function dayMs(date: IsoDate): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`expected a calendar date 'YYYY-MM-DD', got '${date}'`);
  }
  return ms;
}

function instantMs(instant: Instant): number {
  const ms = ISO_INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms))
    throw new RangeError(`expected an ISO 8601 instant with 'Z' or an offset, got '${instant}'`);
  return ms;
}
