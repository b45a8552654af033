// ISO-8601 timers (durations, date-times, repeating cycles) turned into absolute deadlines.
import type { TimerDefinition } from './model';
import { evalValue, FeelError } from './feel';
import type { TimerSchedule } from './state';
import { addDurationParts, parseDuration } from './duration';
import { CronError, looksLikeCron, nextCronTime, parseCron } from './cron';

/** Adds an ISO-8601 duration to an instant; years and months count in calendar (UTC) terms. */
export function addDuration(from: number, iso: string): number {
  const parts = parseDuration(iso);
  if (!parts) throw new FeelError(`"${iso}" is not an ISO-8601 duration`, iso);
  return addDurationParts(from, parts);
}

function parseDate(iso: string): number {
  // A zone id suffix (`...+01:00[Europe/Berlin]`) adds nothing to an instant with an offset.
  const time = Date.parse(iso.trim().replace(/\[[^\]]*\]$/, ''));
  if (Number.isNaN(time)) throw new FeelError(`"${iso}" is not an ISO-8601 date-time`, iso);
  return time;
}

/** The first tick of a cron cycle; a malformed expression reads like any other bad timer (FeelError). */
function cronSchedule(text: string, after: number): TimerSchedule {
  try {
    return { dueAt: nextCronTime(parseCron(text), after), cron: text.trim() };
  } catch (error) {
    if (error instanceof CronError) throw new FeelError(`cron cycle "${text}": ${error.message}`, text);
    throw error;
  }
}

function parseCycle(text: string, now: number, cronAllowed: () => boolean): TimerSchedule {
  const parts = text.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat && looksLikeCron(text) && cronAllowed()) return cronSchedule(text, now);
  if (!repeat || parts.length < 2 || parts.length > 3) {
    throw new FeelError(
      `"${text}" is not an ISO-8601 repeating interval like R3/PT1M (cron cycles are not supported)`,
      text,
    );
  }
  const count = repeat[1] === '' ? -1 : Number(repeat[1]);
  const [first, second] = parts.slice(1) as [string, string | undefined];
  const duration = second !== undefined && first.startsWith('P') ? first : (second ?? first);
  const start = second !== undefined && !first.startsWith('P') ? parseDate(first) : undefined;
  const dueAt = start ?? addDuration(now, duration);
  const intervalMs = addDuration(dueAt, duration) - dueAt;
  if (intervalMs <= 0) throw new FeelError(`cycle "${text}" has no positive interval`, text);
  return { dueAt, repeat: { remaining: count < 0 ? -1 : Math.max(0, count - 1), intervalMs } };
}

/**
 * Computes the first deadline of a timer; FEEL results may be strings, durations or date-times.
 * `cronAllowed` is asked only for a cycle that is no ISO repetition (the engine's patch check for cron).
 */
export function scheduleTimer(
  timer: TimerDefinition,
  context: Record<string, unknown>,
  now: number,
  cronAllowed: () => boolean = () => true,
): TimerSchedule {
  const value = evalValue(timer.expression, context);
  if (typeof value !== 'string')
    throw new FeelError(`timer "${timer.expression}" did not yield an ISO-8601 text`, timer.expression);
  if (timer.kind === 'duration') return { dueAt: addDuration(now, value) };
  if (timer.kind === 'date') return { dueAt: parseDate(value) };
  return parseCycle(value, now, cronAllowed);
}

/** The next deadline of a cycle, or undefined when its repetitions are used up. */
export function nextTick(schedule: TimerSchedule): TimerSchedule | undefined {
  if (schedule.cron) return cronSchedule(schedule.cron, schedule.dueAt);
  if (!schedule.repeat || schedule.repeat.remaining === 0) return undefined;
  const remaining = schedule.repeat.remaining < 0 ? -1 : schedule.repeat.remaining - 1;
  return {
    dueAt: schedule.dueAt + schedule.repeat.intervalMs,
    repeat: { remaining, intervalMs: schedule.repeat.intervalMs },
  };
}
