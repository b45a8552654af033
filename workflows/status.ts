// The applicant-facing status vocabulary (citizen mailbox), shared by workflow, activities and API.

/** Coarse states as applicants know them from the citizen mailbox. */
export const STATUSES = [
  'SUBMITTED',
  'RECEIVED',
  'PROCESSING',
  'ACTION_REQUIRED',
  'COMPLETED',
  'REJECTED',
] as const;
export type Status = (typeof STATUSES)[number];

export interface OpenRequest {
  requestId: string;
  kind: 'documents' | 'payment' | 'objection-window';
  description: string;
  /** ISO timestamp. */
  deadline: string;
}

export interface StatusUpdate {
  applicationId: string;
  status: Status;
  /** Finer phase, e.g. routed, awaiting-documents, appeal-period. */
  phase: string;
  /** One German sentence for the applicant. */
  text: string;
  openRequests: OpenRequest[];
  /** Grows with every write of the workflow; the read model ignores writes older than the one it holds. */
  seq?: number;
}
