// The application workflow's state and the one way it publishes status (read model, search attributes, memo).
import {
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type {
  CaseTiming,
  Decision,
  DocumentRequest,
  Objection,
  OpenTask,
  ProcedureKind,
  RouteDecision,
  Supplement,
  TaskOutput,
} from './caseTypes';
import type { OpenRequest, Status } from './status';
import type { PendingIncident } from './caseIncidents';
import type { AnnouncedField } from './forms';
import { DS_PHASE, DS_STATUS } from './searchAttributes';
import { CASE_LOCAL_STEP, CASE_STEP, LOCAL_LOOKUPS } from './activityOptions';

export const acts = proxyActivities<Activities>(CASE_STEP);
const localActs = proxyLocalActivities<Activities>(CASE_LOCAL_STEP);

/** The case's look-ups and read-model writes: local activities, except in cases that began before the switch. */
export function lookups(): Pick<Activities, 'routeApplication' | 'publishStatus' | 'loadOfficeProcess'> {
  return patched(LOCAL_LOOKUPS) ? localActs : acts;
}

export interface CaseState {
  applicationId: string;
  /** As filed (the route may redirect); incidents before routing are filed under these. */
  ars?: string;
  leikaId?: string;
  timing: CaseTiming;
  route?: RouteDecision;
  status: Status;
  phase: string;
  statusText: string;
  openRequests: OpenRequest[];
  /** Numbers the status writes, so the read model ignores a late write of an older status. */
  statusSeq: number;
  delivered: boolean;
  paid?: { paymentId: string; amountCents: number; paidAt: string };
  decision?: Decision;
  openRequest?: DocumentRequest;
  supplement?: DocumentRequestAnswer;
  rounds: number;
  openTasks: OpenTask[];
  taskOutputs: Record<string, TaskOutput>;
  noticeDelivered: boolean;
  noticeRetrievedAt?: string;
  /** Anzeige: when the Empfangsbescheinigung is due, and whether that passed unacknowledged. */
  acknowledgementDueAt?: string;
  acknowledgementOverdue?: boolean;
  /** The case's procedure kind, once known (set after routing, behind the procedure patch). */
  procedureKind?: ProcedureKind;
  appealEndsAt?: string;
  objection?: Objection;
  retryRequested: string[];
  childWorkflowId: string | null;
  childKind?: 'default' | 'bpmn';
  /** Open incidents by id, and how many were raised so far (ids are numbered). */
  incidents: Record<string, PendingIncident>;
  incidentCount: number;
  /** The status shown before the first open incident, shown again when the last one is resolved. */
  beforeIncident?: { status: Status; phase: string; text: string; openRequests: OpenRequest[] };
  /** Cancels the running office process (set while one runs). */
  cancelOfficeProcess?: () => void;
  /** Set when an administrator closed the case at an incident. */
  closed?: { message: string; status: 'COMPLETED' | 'REJECTED' };
}

type DocumentRequestAnswer = Supplement;

export function newCaseState(
  applicationId: string,
  timing: CaseTiming,
  filed: { ars?: string; leikaId?: string } = {},
): CaseState {
  return {
    applicationId,
    ...filed,
    timing,
    status: 'SUBMITTED',
    phase: 'submitted',
    // As written at intake (db/applications.ts), so an incident before routing restores the same text.
    statusText: 'Ihr Antrag wurde übermittelt.',
    openRequests: [],
    statusSeq: 0,
    incidents: {},
    incidentCount: 0,
    delivered: false,
    rounds: 0,
    openTasks: [],
    taskOutputs: {},
    noticeDelivered: false,
    retryRequested: [],
    childWorkflowId: null,
  };
}

/** Publishes a status change everywhere it is read: applicants (read model), admins (search attributes, memo). */
export async function setStatus(
  state: CaseState,
  status: Status,
  phase: string,
  text: string,
  openRequests: OpenRequest[] = [],
): Promise<void> {
  state.status = status;
  state.phase = phase;
  state.statusText = text;
  state.openRequests = openRequests;
  state.statusSeq += 1;
  upsertSearchAttributes([
    { key: DS_STATUS, value: status },
    { key: DS_PHASE, value: phase },
  ]);
  upsertMemo({ status: `${status} (${phase})` }); // no status text: it can quote a document request
  await lookups().publishStatus({
    applicationId: state.applicationId,
    status,
    phase,
    text,
    openRequests,
    seq: state.statusSeq,
  });
}

/** Appends a protocol entry about this case (application, municipality and service filled in). */
export async function protocol(
  state: CaseState,
  entry: Omit<Parameters<Activities['appendProtocol']>[0], 'applicationId' | 'ars' | 'leikaId'>,
): Promise<void> {
  await acts.appendProtocol({
    applicationId: state.applicationId,
    ars: state.route?.ars,
    leikaId: state.route?.leikaId,
    ...entry,
  });
}

/** Opens a task the application workflow itself owns (completed through its completeUserTask update). */
export async function openCaseTask(
  state: CaseState,
  task: {
    taskId: string;
    elementId: string;
    kind: OpenTask['kind'];
    name: string;
    formFields: AnnouncedField[];
    officeId?: string;
    dueAt?: string;
  },
): Promise<string> {
  const { taskId } = await acts.openCaseworkerTask({
    ...task,
    workflowId: state.applicationId,
    applicationId: state.applicationId,
  });
  state.openTasks.push({
    taskId,
    kind: task.kind,
    officeId: task.officeId ?? state.route!.officeId,
    formFields: task.formFields,
  });
  return taskId;
}
