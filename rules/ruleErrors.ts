// Errors of the rule engine, each with a stable code the API maps to a problem document.

/** The stylesheet does not compile; line and column point into the uploaded text (1-based). */
export class RuleCompileError extends Error {
  override readonly name = 'RuleCompileError';
  readonly code = 'rule-invalid';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** The stylesheet uses a construct that could read files or the network, or leave the sandbox. */
export class RuleUnsafeError extends Error {
  override readonly name = 'RuleUnsafeError';
  readonly code = 'rule-unsafe';
  constructor(
    readonly construct: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The rule failed while running (a dynamic error, or it tried to leave the sandbox). */
export class RuleRunError extends Error {
  override readonly name = 'RuleRunError';
  constructor(
    message: string,
    /** The XPath/XSLT error code, or DS-RULE-SANDBOX for a blocked access. */
    readonly code: string,
  ) {
    super(message);
  }
}

/** The rule ran past the time or memory limit of its thread and was stopped (docs/rules.md). */
export class RuleLimitError extends Error {
  override readonly name = 'RuleLimitError';
  constructor(
    /** rule-timeout: wall time; rule-memory: heap of the rule thread. */
    readonly code: 'rule-timeout' | 'rule-memory',
    message: string,
  ) {
    super(message);
  }
}
