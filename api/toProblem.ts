// One mapping from the errors of the layers below to problem documents (RFC 7807), used by every route
// and by the app's error handler, so the same error reads the same wherever it surfaces.
import { constraintViolation } from '../db/errors';
import { RoutingError } from '../db/routing';
import { UnsafeXmlError } from '../platform/safeXml';
import { RuleDepotError } from '../rules/depot';
import { RuleCompileError, RuleLimitError, RuleUnsafeError } from '../rules/ruleErrors';
import { BpmnParseError } from '../bpmn/parse';
import { ProcessModelError } from '../bpmn/depot';
import { Problem } from './problems';

const PROCESS_MODEL_PROBLEMS = {
  'unknown-service': 'unknown-service',
  'unknown-municipality': 'unknown-municipality',
  'not-executable': 'conflict',
  'wrong-scope': 'validation-failed',
  'not-found': 'not-found',
} as const;

/** The problem an error stands for, or undefined when it is not one the client can fix (then: 500). */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof UnsafeXmlError) return new Problem('unsafe-xml', error.message);
  if (error instanceof RoutingError)
    return new Problem(error.code === 'redirect-loop' ? 'no-binding' : error.code, error.message);
  if (error instanceof RuleCompileError) {
    const where = error.line ? `line ${error.line}${error.column ? `, column ${error.column}` : ''}` : 'xslt';
    return new Problem('rule-invalid', error.message, [
      { path: `body.xslt (${where})`, message: error.message },
    ]);
  }
  if (error instanceof RuleUnsafeError) {
    const path = `body.xslt${error.line ? ` (line ${error.line})` : ''}`;
    return new Problem('rule-unsafe', error.message, [{ path, message: `forbidden: ${error.construct}` }]);
  }
  if (error instanceof RuleLimitError)
    return new Problem(
      error.code,
      `${error.message} Look for unbounded recursion or iteration over huge sequences (docs/rules.md#limits).`,
    );
  if (error instanceof RuleDepotError)
    return new Problem(error.code === 'not-found' ? 'not-found' : 'conflict', error.message);
  if (error instanceof BpmnParseError) {
    const path = error.filename ? `files.${error.filename}` : 'files';
    return new Problem(error.code === 'unsafe-xml' ? 'unsafe-xml' : 'bpmn-invalid', error.message, [
      { path, message: error.message },
    ]);
  }
  if (error instanceof ProcessModelError)
    return new Problem(PROCESS_MODEL_PROBLEMS[error.code], error.message);
  return constraintProblem(error);
}

/** Throws the problem an error stands for, or the error itself; for `.catch(throwProblem)`. */
export function throwProblem(error: unknown): never {
  throw toProblem(error) ?? error;
}

function constraintProblem(error: unknown): Problem | undefined {
  const violation = constraintViolation(error);
  switch (violation?.kind) {
    case undefined:
      return undefined;
    case 'missing-reference':
      if (violation.table === 'services')
        return new Problem(
          'unknown-service',
          `The service is not in the catalogue (${violation.detail}); create it under /api/v1/admin/services first.`,
        );
      if (violation.table === 'municipalities')
        return new Problem(
          'unknown-municipality',
          `The municipality is not configured (${violation.detail}); create it under /api/v1/admin/municipalities first.`,
        );
      return new Problem('validation-failed', `Referenced record does not exist: ${violation.detail}`);
    case 'still-referenced':
      return new Problem('conflict', `Still referenced: ${violation.detail}. Remove the references first.`);
    case 'duplicate':
      return new Problem('conflict', `Already exists: ${violation.detail}`);
    case 'check':
      return new Problem(
        'validation-failed',
        `Violates rule ${violation.constraint}: check the fields it names.`,
      );
  }
}
