// Sequence-flow conditions: JUEL, FEEL syntax errors, and labels written where an expression belongs.
import { parseExpression } from 'feelin';
import { notFeel } from './expressions';

export interface ConditionProblem {
  code: 'expression-not-feel' | 'condition-not-feel' | 'condition-is-label';
  message: string;
}

/** Placeholders some tools write into an empty condition. */
const PLACEHOLDERS = /^(_?undefined|null|none|n\/a|-|\?)$/i;

/**
 * Why a condition cannot be evaluated, or undefined if it can. Camunda 8 writes conditions with a leading
 * `=`; without it, a bare name or phrase (`ja`, `Normaler Versand`) is the flow's label typed into the
 * condition field, which would evaluate to null (a missing variable) and never hold. With `=` a single name
 * is a deliberate boolean variable; a phrase of several words stays a label either way.
 */
export function conditionProblem(condition: string): ConditionProblem | undefined {
  if (notFeel(condition))
    return {
      code: 'expression-not-feel',
      message: `The condition ${condition} is a JUEL/Camunda 7 expression; write it in FEEL, e.g. "= amount > 100".`,
    };
  const explicit = condition.trimStart().startsWith('=');
  const source = condition.trim().replace(/^=/, '').trim();
  if (PLACEHOLDERS.test(source) || /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^</.test(source))
    return labelProblem(condition);
  let error = source === '';
  let names = 0;
  let words = 0;
  const tree = parseExpression(source, {}, undefined);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) error = true;
      if (node.name === 'VariableName') names += 1;
      if (node.name === 'Identifier') words += 1;
    },
  });
  if (error)
    return {
      code: 'condition-not-feel',
      message: `The condition "${condition}" is not a FEEL expression (syntax error); write e.g. "= decision = \\"approved\\"".`,
    };
  const top = tree.topNode.firstChild;
  const bareName = top?.name === 'VariableName' && top.nextSibling === null && names === 1;
  if (bareName && (!explicit || words > 1)) return labelProblem(condition);
  return undefined;
}

function labelProblem(condition: string): ConditionProblem {
  return {
    code: 'condition-is-label',
    message: `The condition "${condition}" is a label, not an expression: it never holds when run. Write a FEEL condition (e.g. "= answer = \\"${condition.replace(/"/g, '')}\\"") or import the model in guided mode, where the caseworker chooses the flow.`,
  };
}

/** True if the problem means the flow carries a label a caseworker could choose by (guided mode). */
export function isLabel(problem: ConditionProblem | undefined): boolean {
  return problem?.code === 'condition-is-label';
}
