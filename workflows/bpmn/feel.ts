// FEEL evaluation with feelin. Inside the workflow sandbox `now()`/`today()` read the sandbox's
// deterministic clock (the workflow task time), so evaluation replays identically.
import { evaluate } from 'feelin';
import type { Expression, ValueOrExpression } from './model';

/** A FEEL problem that stops the process (an incident): syntax errors, wrong result types. */
export class FeelError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
  }
}

/** FEEL values (dates, durations, contexts) as plain JSON, so they can live in workflow state. */
export function toPlain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return typeof value === 'function' ? null : value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Evaluates FEEL (a leading `=` is ignored); missing variables yield null as in FEEL. */
export function evalFeel(expression: Expression, context: Record<string, unknown>): unknown {
  const source = expression.trim().replace(/^=/, '');
  try {
    return toPlain(evaluate(source, context).value);
  } catch (error) {
    throw new FeelError(`FEEL expression "${source}" failed: ${(error as Error).message}`, source);
  }
}

/** `=FEEL` is evaluated, anything else is the literal string. */
export function evalValue(value: ValueOrExpression, context: Record<string, unknown>): unknown {
  return value.trim().startsWith('=') ? evalFeel(value, context) : value;
}

/** A flow condition holds only when FEEL yields exactly true (null and non-booleans do not). */
export function evalCondition(expression: Expression, context: Record<string, unknown>): boolean {
  return evalFeel(expression, context) === true;
}

/** Evaluates a value that must be a string (message names, correlation keys, process ids). */
export function evalString(value: ValueOrExpression, context: Record<string, unknown>): string {
  const result = evalValue(value, context);
  if (result === null) throw new FeelError(`"${value}" evaluated to null`, value);
  return typeof result === 'string' ? result : JSON.stringify(result);
}
