// DMN decisions as the interpreter runs them: plain JSON compiled by bpmn/dmn.ts, evaluated in the workflow
// with feelin (pure, replays identically). Decision tables with hit policy UNIQUE, FIRST or COLLECT (with
// SUM/MIN/MAX/COUNT), literal-expression decisions, and required decisions evaluated first.
import { evaluate, unaryTest } from 'feelin';
import { FeelError, toPlain } from './feel';

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'COLLECT';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTable {
  kind: 'table';
  id: string;
  name?: string;
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  /** Input expressions (FEEL). */
  inputs: { label?: string; expression: string }[];
  /** Output names; a single output yields its value, several a context. */
  outputs: { name: string }[];
  /** Unary tests per input (`-` or empty: any) and FEEL expressions per output (empty: null). */
  rules: { id: string; inputEntries: string[]; outputEntries: string[] }[];
  /** Decisions whose results this one reads, by their id. */
  requires: string[];
}

export interface LiteralDecision {
  kind: 'literal';
  id: string;
  name?: string;
  expression: string;
  requires: string[];
}

export type Decision = DecisionTable | LiteralDecision;

/** A business-rule task's decision: the called one and every decision it requires, carried in the model. */
export interface CalledDecision {
  decisionId: string;
  resultVariable: string;
  decisions: Record<string, Decision>;
}

function feel(expression: string, context: Record<string, unknown>, decisionId: string): unknown {
  try {
    return toPlain(evaluate(expression, context).value);
  } catch (error) {
    throw new FeelError(
      `decision ${decisionId}: "${expression}" failed: ${(error as Error).message}`,
      expression,
    );
  }
}

function matches(
  entry: string,
  input: unknown,
  context: Record<string, unknown>,
  decisionId: string,
): boolean {
  const test = entry.trim();
  if (test === '' || test === '-') return true;
  try {
    return unaryTest(test, { ...context, '?': input }).value === true;
  } catch (error) {
    throw new FeelError(
      `decision ${decisionId}: input entry "${test}" failed: ${(error as Error).message}`,
      test,
    );
  }
}

function aggregate(table: DecisionTable, values: unknown[]): unknown {
  if (table.aggregation === 'COUNT') return values.length;
  if (values.length === 0) return null;
  const numbers = values.map((v) => {
    if (typeof v !== 'number')
      throw new FeelError(`decision ${table.id}: ${table.aggregation} needs numbers`, '');
    return v;
  });
  if (table.aggregation === 'SUM') return numbers.reduce((a, b) => a + b, 0);
  return table.aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}

function evaluateTable(table: DecisionTable, context: Record<string, unknown>): unknown {
  const inputs = table.inputs.map((input) => feel(input.expression, context, table.id));
  const results: unknown[] = [];
  for (const rule of table.rules) {
    if (!rule.inputEntries.every((entry, i) => matches(entry, inputs[i], context, table.id))) continue;
    const values = rule.outputEntries.map((entry) =>
      entry.trim() === '' ? null : feel(entry, context, table.id),
    );
    results.push(
      table.outputs.length === 1
        ? values[0]
        : Object.fromEntries(table.outputs.map((output, i) => [output.name, values[i] ?? null])),
    );
    if (table.hitPolicy === 'FIRST') return results[0];
  }
  if (table.hitPolicy === 'COLLECT') return table.aggregation ? aggregate(table, results) : results;
  if (results.length > 1)
    throw new FeelError(`decision ${table.id}: hit policy UNIQUE, but ${results.length} rules matched`, '');
  return results[0] ?? null;
}

/** Evaluates the called decision (required decisions first, their results under their ids). */
export function evaluateDecision(called: CalledDecision, variables: Record<string, unknown>): unknown {
  const results = new Map<string, unknown>();
  const run = (id: string, path: string[]): unknown => {
    if (results.has(id)) return results.get(id);
    if (path.includes(id))
      throw new FeelError(`decisions require each other in a cycle: ${[...path, id].join(' → ')}`, '');
    const decision = called.decisions[id];
    if (!decision) throw new FeelError(`decision ${id} is not part of the model`, '');
    const context: Record<string, unknown> = { ...variables };
    for (const required of decision.requires) context[required] = run(required, [...path, id]);
    const value =
      decision.kind === 'table'
        ? evaluateTable(decision, context)
        : feel(decision.expression, context, decision.id);
    results.set(id, value);
    return value;
  };
  return run(called.decisionId, []);
}
