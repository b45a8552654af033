// Plain data exchanged between the application workflow, its activities and the API.
import type { AnnouncedField } from './forms';

/** Where an application goes: computed by db/routing.ts from the configuration portal. */
export interface SystemTarget {
  systemId: string;
  productId: string;
  productName: string;
  /** 'receiver': a receiver of trade notifications (§14 GewO), configured per municipality, not bound. */
  kind: 'fachverfahren' | 'dms' | 'mail' | 'receiver';
  adapter: 'http' | 'smtp' | 'xdomea';
  messageFormat: string;
  endpoint: string;
}

export interface RouteDecision {
  bindingId: string;
  leikaId: string;
  serviceName: string;
  bundle: string;
  feeCents: number | null;
  /** The municipality the application was filed for. */
  requestedArs: string;
  /** The municipality that handles it (differs after a redirect). */
  ars: string;
  municipalityName: string;
  officeId: string;
  officeName: string;
  officeEmail: string | null;
  officeAddress: string | null;
  level: 1 | 2 | 3 | 4;
  redirects: string[];
  fachverfahren: SystemTarget | null;
  dms: SystemTarget | null;
  mail: SystemTarget | null;
  participatingOfficeIds: string[];
  /** Absent in routes recorded before procedure kinds (docs/procedure.md): those cases are applications. */
  procedureKind?: ProcedureKind;
  /** Anzeige: days within which the Empfangsbescheinigung is due (§ 15 (1) GewO: 3). */
  acknowledgementDays?: number | null;
  /** Named in the cost decision (Kostenfestsetzung) when the service charges a fee. */
  feeLegalBasis?: string | null;
  /** The handling office observes Fronleichnam (FronleichnamsVO); its appeal periods skip that day. */
  corpusChristi?: boolean;
}

/** Antrag → Bescheid; Anzeige → Empfangsbescheinigung; certificate → the document with a fee notice. */
export type ProcedureKind = 'application' | 'notification' | 'certificate';

/** § 41 (2a) VwVfG: what the applicant consented to at submission. */
export interface NotificationConsent {
  /** Notification by retrieval of the notice from the portal mailbox. */
  electronic: boolean;
  /** Notices of availability (never the notice itself) may go to the applicant's e-mail address. */
  email: boolean;
  /** False for applications accepted before the hub recorded consent (migration 0012). */
  recorded: boolean;
}

/**
 * How long the case waits at each legal deadline. 'legal' uses the real rules (§41 (2a) VwVfG, §70 VwGO,
 * Saxon holidays); numbers replace a rule by a fixed duration in milliseconds (demos and tests).
 */
export interface CaseTiming {
  noticeRetrievalWindow: 'legal' | number;
  appealPeriod: 'legal' | number;
  /** How long before a document request's deadline the applicant is reminded. */
  reminderBeforeMs: number;
  /** Deadline for participating agencies' statements (level 4). */
  participationMs: number;
  /** Anzeige: replaces the statutory acknowledgement period (tests); absent means 'legal'. */
  acknowledgementPeriod?: 'legal' | number;
  /** Retries of a delivery before it is parked for an administrator. */
  delivery: { maximumAttempts: number; initialIntervalMs: number; maximumIntervalMs: number };
}

export const LEGAL_TIMING: CaseTiming = {
  noticeRetrievalWindow: 'legal',
  appealPeriod: 'legal',
  reminderBeforeMs: 3 * 24 * 3600_000,
  participationMs: 14 * 24 * 3600_000,
  delivery: { maximumAttempts: 12, initialIntervalMs: 2_000, maximumIntervalMs: 300_000 },
};

/** A bound system of the case, or `receiver-<id>`: a receiver of the trade notification. */
export type TargetKind = 'fachverfahren' | 'dms' | 'mail' | `receiver-${string}`;
export type MessageKind = 'application' | 'supplement' | 'notice' | 'record' | 'closing';

/** The idempotency key of one message to one target; the target dedupes on it. */
export function deliveryKey(i: {
  applicationId: string;
  messageType: MessageKind;
  round: number;
  target: TargetKind;
}): string {
  return `${i.applicationId}/${i.messageType}/${i.round}/${i.target}`;
}

export interface ApplicationInput {
  applicationId: string;
  leikaId: string;
  ars: string;
  timing?: CaseTiming;
}

/** 'acknowledged' answers an Anzeige (Empfangsbescheinigung); approve and reject answer applications. */
export type DecisionKind = 'approved' | 'rejected' | 'acknowledged';

export interface Decision {
  decision: DecisionKind;
  reasons: string;
  decidedBy: string;
}

export interface DocumentRequest {
  requestId: string;
  description: string;
  /** ISO instant. */
  deadline: string;
  round: number;
  requestedBy: string;
}

export interface Supplement {
  requestId: string;
  note: string;
  documentIds: string[];
  receivedAt: string;
}

export interface OpenTask {
  taskId: string;
  kind: 'statement' | 'missed-deadline' | 'objection-review' | 'postal-notice';
  officeId: string;
  /** The fields the task announces; the completion update accepts only output that fits them. */
  formFields?: AnnouncedField[];
}

export interface Objection {
  reasons: string;
  receivedAt: string;
}

export interface ApplicationResult {
  applicationId: string;
  status: string;
  decision?: DecisionKind;
  objection: boolean;
}

/** Output of a caseworker task as sent through the API. */
export type TaskOutput = Record<string, unknown>;
