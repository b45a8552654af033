// ISO-8601 durations (P1Y2M3W4DT5H6M7.5S), parsed in one place for the BPMN interpreter, the importer's
// checks and the hub's service tasks. Pure and deterministic, so workflow code may use it.

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** The parts of an ISO-8601 duration, or undefined when the text is none (a bare `P` or `PT` included). */
export function parseDuration(text: string): DurationParts | undefined {
  const iso = text.trim();
  const match = DURATION.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const seconds = Number((match[7] ?? '0').replace(',', '.'));
  return {
    years: years!,
    months: months!,
    weeks: weeks!,
    days: days!,
    hours: hours!,
    minutes: minutes!,
    seconds,
  };
}

/** The instant a duration after `from` (ms); years and months count in calendar (UTC) terms. */
export function addDurationParts(from: number, d: DurationParts): number {
  const date = new Date(from);
  if (d.years || d.months) date.setUTCMonth(date.getUTCMonth() + d.years * 12 + d.months);
  return date.getTime() + fixedMs({ ...d, years: 0, months: 0 })!;
}

/** Milliseconds of a duration without years and months (those have no fixed length), else undefined. */
export function fixedMs(d: DurationParts): number | undefined {
  if (d.years || d.months) return undefined;
  return ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}
