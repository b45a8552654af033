// Cron expressions in timer cycles (Camunda 8 accepts them in timeCycle): pure code, no I/O, in UTC.
// Six fields (Spring/Camunda: second minute hour day-of-month month day-of-week) or five (no seconds),
// with `*`, `?`, lists, ranges, steps, month and day names, and the macros @yearly … @hourly.
// Not supported (refused with a message): L, W and # (last day, nearest weekday, n-th weekday).

export interface CronSpec {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** `*` or `?` in the field: when both day fields are restricted, a day matching either counts (as in cron). */
  anyDay: boolean;
  anyWeekday: boolean;
}

export class CronError extends Error {}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** No firing within this many years (e.g. 30 February) is an error, not an endless search. */
const SEARCH_YEARS = 5;

/** True when the text looks like a cron expression (five or six fields, or a macro), not an ISO cycle. */
export function looksLikeCron(text: string): boolean {
  const t = text.trim();
  return t in MACROS || /^\S+(\s+\S+){4,5}$/.test(t);
}

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const values = new Set<number>();
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!Number.isInteger(n) || n < min || n > max)
      throw new CronError(`"${token}" is outside ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    if (/[LW#]/i.test(part) && !names.some((n) => part.toUpperCase().includes(n)))
      throw new CronError(`"${part}": L, W and # are not supported`);
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`"${part}" has no positive step`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [from, to] = [value(a), value(b)];
      if (from > to) throw new CronError(`"${part}" is an empty range`);
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a cron expression; throws CronError with what is wrong. */
export function parseCron(text: string): CronSpec {
  const expanded = MACROS[text.trim().toLowerCase()] ?? text.trim();
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6)
    throw new CronError(`"${text}" has ${parts.length} fields; a cron expression has 5 or 6`);
  const [sec, min, hour, day, month, weekday] = (parts.length === 5 ? ['0', ...parts] : parts) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // Day 7 is Sunday too.
  const weekdays = field(weekday, 0, 7, WEEKDAYS);
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    seconds: field(sec, 0, 59),
    minutes: field(min, 0, 59),
    hours: field(hour, 0, 23),
    days: field(day, 1, 31),
    months: field(month, 1, 12, MONTHS, 1),
    weekdays,
    anyDay: day === '*' || day === '?',
    anyWeekday: weekday === '*' || weekday === '?',
  };
}

function dayMatches(spec: CronSpec, d: Date): boolean {
  const byDay = spec.days.has(d.getUTCDate());
  const byWeekday = spec.weekdays.has(d.getUTCDay());
  if (spec.anyDay) return byWeekday;
  if (spec.anyWeekday) return byDay;
  return byDay || byWeekday;
}

/** The first firing strictly after `after` (epoch ms, UTC). */
export function nextCronTime(spec: CronSpec, after: number): number {
  const limit = after + SEARCH_YEARS * 366 * 86_400_000;
  let t = Math.floor(after / 1000) * 1000 + 1000;
  while (t <= limit) {
    const d = new Date(t);
    const [y, mo, day, h, mi] = [
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ];
    if (!spec.months.has(mo + 1)) t = Date.UTC(y, mo + 1, 1);
    else if (!dayMatches(spec, d)) t = Date.UTC(y, mo, day + 1);
    else if (!spec.hours.has(h)) t = Date.UTC(y, mo, day, h + 1);
    else if (!spec.minutes.has(mi)) t = Date.UTC(y, mo, day, h, mi + 1);
    else if (!spec.seconds.has(d.getUTCSeconds())) t += 1000;
    else return t;
  }
  throw new CronError(`no time within ${SEARCH_YEARS} years matches`);
}
