// Public holidays in the Free State of Saxony (§ 1 (1) SächsSFG, names as in the statute). Pure code: it runs inside the workflow sandbox.
import type { IsoDate } from './deadlines';

export interface SaxonHoliday {
  date: IsoDate;
  name: string;
}

export interface SaxonHolidayOptions {
  /**
   * Fronleichnam is a public holiday only in the regions named by ordinance (FronleichnamsVO 1993: Sorbian
   * Catholic municipalities and parts of municipalities in the district of Bautzen); pass true for an office
   * there. Off by default because it does not apply in the rest of Saxony.
   */
  corpusChristi?: boolean;
}

const FIRST_GREGORIAN_YEAR = 1583;

/** Easter Sunday of a Gregorian year (Anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** The Saxon public holidays of a year with their names, in calendar order. */
export function saxonHolidayCalendar(year: number, options: SaxonHolidayOptions = {}): SaxonHoliday[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number) => shift(easter, days);
  const holidays: SaxonHoliday[] = [
    { date: isoDate(year, 1, 1), name: 'Neujahr' },
    { date: fromEaster(-2), name: 'Karfreitag' },
    { date: fromEaster(1), name: 'Ostermontag' },
    { date: isoDate(year, 5, 1), name: 'Tag der Arbeit' },
    { date: fromEaster(39), name: 'Christi Himmelfahrt' },
    { date: fromEaster(50), name: 'Pfingstmontag' },
    { date: isoDate(year, 10, 3), name: 'Tag der Deutschen Einheit' },
    { date: isoDate(year, 10, 31), name: 'Reformationsfest' },
    { date: repentanceDay(year), name: 'Buß- und Bettag' },
    { date: isoDate(year, 12, 25), name: '1. Weihnachtstag' },
    { date: isoDate(year, 12, 26), name: '2. Weihnachtstag' },
  ];
  if (options.corpusChristi) holidays.push({ date: fromEaster(60), name: 'Fronleichnam' });
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The dates of the Saxon public holidays of a year, sorted and without duplicates (Ascension can be 1 May). */
export function saxonPublicHolidays(year: number, options: SaxonHolidayOptions = {}): IsoDate[] {
  return [...new Set(saxonHolidayCalendar(year, options).map((h) => h.date))];
}

// Buß- und Bettag is the Wednesday before 23 November, i.e. the Wednesday from 16 to 22 November.
function repentanceDay(year: number): IsoDate {
  const weekdayOf22nd = new Date(Date.UTC(year, 10, 22)).getUTCDay();
  const WEDNESDAY = 3;
  return isoDate(year, 11, 22 - ((weekdayOf22nd - WEDNESDAY + 7) % 7));
}

function shift(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDate(y, m, d + days);
}

// Date.UTC normalises overflowing days (e.g. 20 March + 39), which is exactly the carry we need.
function isoDate(year: number, month: number, day: number): IsoDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > 9999) {
    throw new RangeError(`year must be an integer from ${FIRST_GREGORIAN_YEAR} to 9999, got ${year}`);
  }
}
