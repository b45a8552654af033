// Every error the API answers, in one table: a stable code, its HTTP status and title (RFC 7807).
// docs/problems.md has an anchor per code.

export const PROBLEMS = {
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this token' },
  'not-found': { status: 404, title: 'Not found' },
  'invalid-request': { status: 400, title: 'The request is malformed' },
  'validation-failed': { status: 422, title: 'The request does not match the schema' },
  'unknown-service': { status: 422, title: 'Unknown service (LeiKa key)' },
  'unknown-municipality': { status: 422, title: 'Unknown municipality (ARS key)' },
  'no-binding': { status: 422, title: 'The municipality offers no such online service' },
  'service-not-live': { status: 422, title: 'The service is not live in this municipality yet' },
  'go-live-blocked': { status: 409, title: 'This go-live step is not possible yet' },
  'idempotency-key-reused': { status: 409, title: 'Idempotency key already used for a different request' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'unsafe-xml': { status: 422, title: 'XML refused' },
  conflict: { status: 409, title: 'The resource is in a state that does not allow this' },
  'invalid-action': { status: 409, title: 'This action is not possible in the current state of the case' },
  'procedure-kind-mismatch': {
    status: 422,
    title:
      "The decision does not fit the case's procedure kind (an Anzeige is acknowledged, not approved or rejected)",
  },
  'rule-invalid': { status: 422, title: 'The integration rule does not compile' },
  'rule-unsafe': { status: 422, title: 'The integration rule uses a forbidden function' },
  'rule-timeout': { status: 422, title: 'The integration rule ran past its time limit and was stopped' },
  'rule-memory': { status: 422, title: 'The integration rule ran past its memory limit and was stopped' },
  'bpmn-invalid': { status: 422, title: 'The BPMN file cannot be read' },
  'payload-undecryptable': { status: 422, title: 'The payload does not decrypt with the configured keys' },
  'callback-replayed': { status: 409, title: 'This payment was already confirmed' },
  'callback-expired': { status: 409, title: 'The payment request has expired' },
  'payment-mismatch': { status: 422, title: 'The callback does not match the payment the hub requested' },
  unavailable: { status: 503, title: 'A backing service is unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
}

/** Thrown by handlers; the error middleware turns it into application/problem+json. */
export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(`${code}: ${detail}`);
  }

  toDocument(instance?: string): ProblemDocument {
    const { status, title } = PROBLEMS[this.code];
    return {
      type: problemType(this.code),
      title,
      status,
      detail: this.detail,
      instance,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export function problemType(code: ProblemCode): string {
  return `urn:drehscheibe:problem:${code}`;
}
