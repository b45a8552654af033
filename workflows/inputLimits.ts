// Limits of what caseworkers and applicants send, shared by the API's schemas and the workflow's update
// validators, so that both refuse the same input.
import { charCount, DEFAULT_MAX_TEXT } from './forms';

export const LIMITS = {
  /** Document request: what the applicant should hand in. */
  requestDescription: { min: 3, max: 2000 },
  /** Reasons of a decision (optional: a standard sentence stands in) and of an objection (required). */
  reasons: DEFAULT_MAX_TEXT,
  supplementNote: 5000,
  supplementDocuments: 20,
} as const;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Update validator of requestDocuments (the API schema says the same). */
export function assertDocumentRequest(r: { description?: unknown; deadline?: unknown }, now: number): void {
  const description = text(r.description) ?? '';
  const { min, max } = LIMITS.requestDescription;
  const length = charCount(description);
  if (length < min || length > max || !description.trim())
    throw new Error(`description must have ${min} to ${max} characters, not only blanks`);
  if (typeof r.deadline !== 'string' || !(Date.parse(r.deadline) > now))
    throw new Error('deadline must be an ISO date-time in the future');
}

/** Update validator of decide: the reasons are optional, but text within the limit when given. */
export function assertDecision(d: { decision?: unknown; reasons?: unknown; decidedBy?: unknown }): void {
  if (d.decision !== 'approved' && d.decision !== 'rejected' && d.decision !== 'acknowledged')
    throw new Error('decision must be "approved", "rejected" or (for a notification) "acknowledged"');
  if (d.reasons !== undefined && d.reasons !== null && typeof d.reasons !== 'string')
    throw new Error('reasons must be text');
  if (typeof d.reasons === 'string' && charCount(d.reasons) > LIMITS.reasons)
    throw new Error(`reasons must have at most ${LIMITS.reasons} characters`);
  if (d.decidedBy !== undefined && typeof d.decidedBy !== 'string') throw new Error('decidedBy must be text');
}

/** Update validator of fileObjection. */
export function assertObjection(o: { reasons?: unknown }): void {
  const reasons = text(o.reasons) ?? '';
  if (!reasons.trim()) throw new Error('reasons must not be empty');
  if (charCount(reasons) > LIMITS.reasons)
    throw new Error(`reasons must have at most ${LIMITS.reasons} characters`);
}

/** Update validator of submitSupplement. */
export function assertSupplement(s: { note?: unknown; documentIds?: unknown }): void {
  if (s.note !== undefined && typeof s.note !== 'string') throw new Error('note must be text');
  if (typeof s.note === 'string' && charCount(s.note) > LIMITS.supplementNote)
    throw new Error(`note must have at most ${LIMITS.supplementNote} characters`);
  if (
    !Array.isArray(s.documentIds) ||
    s.documentIds.length > LIMITS.supplementDocuments ||
    !s.documentIds.every((id) => typeof id === 'string')
  )
    throw new Error(`documentIds must be a list of at most ${LIMITS.supplementDocuments} document ids`);
}
