// Signals, updates and queries of the application workflow, defined next to it and imported by the API.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Decision, DocumentRequest, ProcedureKind } from './caseTypes';
import type { OpenIncident } from './incidents';

export interface CaseView {
  phase: string;
  decided: boolean;
  openRequest: DocumentRequest | null;
  openTaskIds: string[];
  appealEndsAt: string | null;
  procedureKind: ProcedureKind;
  /** Anzeige: when the Empfangsbescheinigung is due, and whether it is overdue. */
  acknowledgementDueAt: string | null;
  acknowledgementOverdue: boolean;
  childWorkflowId: string | null;
  /** Incidents open in the case itself (those of its BPMN process are in the process's bpmnState query). */
  incidents: OpenIncident[];
}

/** Caseworker: request documents from the applicant (refused while one is open or after the decision). */
export const requestDocumentsUpdate = defineUpdate<
  { requestId: string },
  [{ description: string; deadline: string; requestedBy: string }]
>('requestDocuments');
/** Applicant: answer the open document request with documents stored beforehand. */
export const submitSupplementUpdate = defineUpdate<
  { accepted: true },
  [{ requestId?: string; note: string; documentIds: string[] }]
>('submitSupplement');
/** Caseworker: approve or reject; refused while the case waits for the applicant. */
export const decideUpdate = defineUpdate<
  { decision: Decision['decision'] },
  [Omit<Decision, 'decidedBy'> & { decidedBy: string }]
>('decide');
/** Applicant: object to the notice within the appeal period. */
export const fileObjectionUpdate = defineUpdate<
  { accepted: true; appealEndsAt: string },
  [{ reasons: string }]
>('fileObjection');
/** Caseworker: complete one of the case's own tasks (statements, missed deadline, objection review). */
export { completeUserTaskUpdate } from './userTasks';

export const noticeRetrievedSignal = defineSignal<[{ retrievedAt: string }]>('noticeRetrieved');
export const paymentConfirmedSignal =
  defineSignal<[{ paymentId: string; amountCents: number; paidAt: string }]>('paymentConfirmed');
export const retryDeliverySignal = defineSignal<[{ deliveryId: string }]>('retryDelivery');
/**
 * Sent by BPMN processes of earlier versions (service task "request-documents"); kept so their histories
 * replay. The task now uses requestDocumentsUpdate, whose refusal the model can catch as a BPMN error.
 */
export const openDocumentRequestSignal =
  defineSignal<[{ description: string; deadline: string; requestedBy: string }]>('openDocumentRequest');

export const caseViewQuery = defineQuery<CaseView>('caseView');
