// Expression checks shared by report and compiler: FEEL versus Camunda 7 JUEL, and timer literals.
import { body, type BpmnElement } from './is';
import type { TimerDefinition } from '../workflows/bpmn/model';
import { parseDuration } from '../workflows/bpmn/duration';
import { looksLikeCron, parseCron } from '../workflows/bpmn/cron';

/** What is wrong with a cron expression, or undefined when it parses. */
function cronProblem(value: string): string | undefined {
  try {
    parseCron(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Camunda 7 expressions (`${...}`, `#{...}`) cannot be evaluated as FEEL. */
export function notFeel(expression: string): boolean {
  return /^\s*[$#]\{/.test(expression);
}

// A leading minus is accepted here as before; the interpreter refuses it when the timer is armed.
const isDuration = (text: string) => parseDuration(text.replace(/^-/, '')) !== undefined;

function validDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value.replace(/\[.*\]$/, '')));
}

/** ISO-8601 repeating interval: R[n]/duration, R[n]/start/duration or R[n]/duration/end. */
function validCycle(value: string): boolean {
  // Camunda 8 also takes cron expressions as cycles (workflows/bpmn/cron.ts).
  if (!value.startsWith('R') && looksLikeCron(value)) return cronProblem(value) === undefined;
  const [repeat, ...parts] = value.split('/');
  if (!/^R\d*$/.test(repeat ?? '') || parts.length < 1 || parts.length > 2) return false;
  return parts.some((p) => isDuration(p)) && parts.every((p) => isDuration(p) || validDate(p));
}

/** The timer of a timer event definition, if it has an expression. */
export function timerOf(definition: BpmnElement | undefined): TimerDefinition | undefined {
  const kinds = [
    ['timeDuration', 'duration'],
    ['timeDate', 'date'],
    ['timeCycle', 'cycle'],
  ] as const;
  for (const [property, kind] of kinds) {
    const expression = body(definition, property);
    if (expression) return { kind, expression };
  }
  return undefined;
}

/** Why a timer cannot run, or undefined if it can. Literal values are checked; FEEL is checked at run time. */
export function checkTimer(
  definition: BpmnElement | undefined,
): { code: string; message: string } | undefined {
  const timer = timerOf(definition);
  if (!timer)
    return {
      code: 'timer-without-expression',
      message: 'The timer has no timeDuration, timeDate or timeCycle value.',
    };
  const { kind, expression } = timer;
  if (notFeel(expression))
    return {
      code: 'expression-not-feel',
      message: `The timer expression ${expression} is not FEEL; write "= expression" or an ISO-8601 literal.`,
    };
  if (expression.startsWith('=')) return undefined;
  const valid =
    kind === 'duration'
      ? isDuration(expression)
      : kind === 'date'
        ? validDate(expression)
        : validCycle(expression);
  if (valid) return undefined;
  const cron = kind === 'cycle' && looksLikeCron(expression) ? cronProblem(expression) : undefined;
  if (cron)
    return {
      code: 'timer-invalid',
      message: `The timer cycle "${expression}" is no valid cron expression: ${cron}.`,
    };
  const example = {
    duration: 'P7D or PT12H',
    date: '2025-03-01T09:00:00+01:00',
    cycle: 'R3/PT1H or 0 0 9 * * MON-FRI',
  }[kind];
  return {
    code: 'timer-invalid',
    message: `The timer ${kind} "${expression}" is not ISO-8601 (e.g. ${example}).`,
  };
}
