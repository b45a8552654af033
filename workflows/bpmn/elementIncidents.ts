// Incidents at elements for bad data or configuration (a FEEL error, no outgoing flow whose condition holds,
// an input collection that is no list, a link without target): the element waits for an administrator's
// retry or resolution instead of the process ending failed. `resume` says where a retry starts again.

/** Before this patch such errors ended the process as failed (result `error.incident: true`). */
export const ELEMENT_INCIDENTS_PATCH = 'bpmn-element-incidents';

/**
 * `enter`: input mappings, boundary subscriptions and the element's own start run again (the error came
 * before its work began). `leave`: the element's result is applied; only its outgoing flows are chosen again.
 */
export type IncidentResume = 'enter' | 'leave';
