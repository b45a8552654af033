// The application lifecycle: one durable workflow per application (id = application id), from intake
// through routing, delivery, the office's process, follow-up requests, notice and appeal period to the record.
import { setHandler, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import {
  caseViewQuery,
  completeTaskUpdate,
  decideUpdate,
  fileObjectionUpdate,
  noticeRetrievedSignal,
  openDocumentRequestSignal,
  paymentConfirmedSignal,
  requestDocumentsUpdate,
  retryDeliverySignal,
  submitSupplementUpdate,
} from './applicationMessages';
import { LEGAL_TIMING, type ApplicationInput, type ApplicationResult } from './caseTypes';
import { acts, newCaseState, setStatus, type CaseState } from './caseState';
import { deliverAll } from './deliveries';
import { runDocumentRounds } from './documentRounds';
import { fileRecord, noticeAndAppeal } from './noticeAndAppeal';
import { runOfficeProcess } from './officeProcess';
import { DS_LEVEL, DS_MUNICIPALITY, DS_OFFICE } from './searchAttributes';
import { texts } from './texts';
import { collectFee, collectStatements } from './levels';

export type { ApplicationInput, ApplicationResult } from './caseTypes';

function openDocumentRequest(
  state: CaseState,
  request: { description: string; deadline: string; requestedBy: string },
) {
  state.rounds += 1;
  state.openRequest = {
    requestId: `${state.applicationId}/request/${state.rounds}`,
    round: state.rounds,
    ...request,
  };
  return state.openRequest;
}

/** Caseworkers and applicants act through updates whose validators refuse what the case's state does not allow. */
function registerHandlers(state: CaseState): void {
  const decidable = () => {
    if (!state.delivered) throw new Error('the application has not reached the office yet');
    if (state.decision) throw new Error(`the case is already decided (${state.decision.decision})`);
  };
  setHandler(requestDocumentsUpdate, (r) => ({ requestId: openDocumentRequest(state, r).requestId }), {
    validator: (r) => {
      decidable();
      if (state.openRequest)
        throw new Error(
          `request ${state.openRequest.requestId} is still open; wait for the applicant or its deadline`,
        );
      if (!r.description?.trim()) throw new Error('description must not be empty');
      if (!(Date.parse(r.deadline) > Date.now()))
        throw new Error('deadline must be an ISO date-time in the future');
    },
  });
  setHandler(openDocumentRequestSignal, (r) => {
    if (!state.decision && !state.openRequest && Date.parse(r.deadline) > Date.now())
      openDocumentRequest(state, r);
  });
  setHandler(
    submitSupplementUpdate,
    (s) => {
      state.supplement = {
        requestId: state.openRequest!.requestId,
        note: s.note,
        documentIds: s.documentIds,
        receivedAt: new Date(Date.now()).toISOString(),
      };
      return { accepted: true as const };
    },
    {
      validator: (s) => {
        if (!state.openRequest) throw new Error('there is no open document request for this application');
        if (s.requestId && s.requestId !== state.openRequest.requestId)
          throw new Error(`request ${s.requestId} is not the open request (${state.openRequest.requestId})`);
        if (state.supplement) throw new Error('the documents for this request were already submitted');
      },
    },
  );
  setHandler(
    decideUpdate,
    (d) => {
      state.decision = d;
      return { decision: d.decision };
    },
    {
      validator: (d) => {
        decidable();
        if (state.openRequest)
          throw new Error(
            `the case waits for the applicant (request ${state.openRequest.requestId}, deadline ${state.openRequest.deadline})`,
          );
        if (d.decision !== 'approved' && d.decision !== 'rejected')
          throw new Error('decision must be "approved" or "rejected"');
      },
    },
  );
  setHandler(
    fileObjectionUpdate,
    (o) => {
      state.objection = { reasons: o.reasons, receivedAt: new Date(Date.now()).toISOString() };
      return { accepted: true as const, appealEndsAt: state.appealEndsAt ?? '' };
    },
    {
      validator: (o) => {
        if (!state.noticeDelivered) throw new Error('there is no notice to object to yet');
        if (state.objection) throw new Error('an objection was already filed');
        if (state.appealEndsAt && Date.now() >= Date.parse(state.appealEndsAt))
          throw new Error(`the appeal period ended at ${state.appealEndsAt}`);
        if (!o.reasons?.trim()) throw new Error('reasons must not be empty');
      },
    },
  );
  setHandler(
    completeTaskUpdate,
    ({ taskId, output }) => {
      state.taskOutputs[taskId] = output;
      state.openTasks = state.openTasks.filter((t) => t.taskId !== taskId);
      return { completed: true as const };
    },
    {
      validator: ({ taskId }) => {
        if (!state.openTasks.some((t) => t.taskId === taskId))
          throw new Error(`task ${taskId} is not open in this case`);
      },
    },
  );
  setHandler(noticeRetrievedSignal, ({ retrievedAt }) => {
    state.noticeRetrievedAt ??= retrievedAt;
  });
  setHandler(paymentConfirmedSignal, (p) => {
    state.paid ??= p;
  });
  setHandler(retryDeliverySignal, ({ deliveryId }) => {
    if (!state.retryRequested.includes(deliveryId)) state.retryRequested.push(deliveryId);
  });
  setHandler(caseViewQuery, () => ({
    phase: state.phase,
    decided: state.decision !== undefined,
    openRequest: state.openRequest ?? null,
    openTaskIds: state.openTasks.map((t) => t.taskId),
    appealEndsAt: state.appealEndsAt ?? null,
    childWorkflowId: state.childWorkflowId,
  }));
}

/** Carries one application from intake to its archived, final notice. */
export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationResult> {
  const state = newCaseState(input.applicationId, input.timing ?? LEGAL_TIMING);
  registerHandlers(state);

  const route = await acts.routeApplication({ applicationId: input.applicationId });
  state.route = route;
  upsertSearchAttributes([
    { key: DS_MUNICIPALITY, value: route.ars },
    { key: DS_OFFICE, value: route.officeId },
    { key: DS_LEVEL, value: route.level },
  ]);
  upsertMemo({
    summary: `${route.serviceName} · ${route.municipalityName} · ${route.officeName} · Stufe ${route.level}`,
  });
  await setStatus(state, 'RECEIVED', 'received', texts.received(route));
  await acts.notifyApplicant({
    messageId: `${input.applicationId}/confirmation`,
    applicationId: input.applicationId,
    kind: 'confirmation',
    ...texts.confirmation(route, input.applicationId),
    mail: true,
  });

  if (route.level >= 3 && route.feeCents) await collectFee(state, route.feeCents);
  const register =
    route.level >= 2 ? await acts.checkResidentRegister({ applicationId: input.applicationId }) : undefined;

  await deliverAll(state, 'application', 0);
  state.delivered = true;
  await setStatus(state, 'PROCESSING', 'in-review', texts.delivered(route));
  if (route.level >= 4 && route.participatingOfficeIds.length) await collectStatements(state);

  const rounds = runDocumentRounds(state);
  const decision = await runOfficeProcess(state, {
    applicationId: input.applicationId,
    leikaId: route.leikaId,
    ars: route.ars,
    level: route.level,
    registerChecked: register?.checked ?? false,
    registerFound: register?.found ?? false,
  });
  await rounds;

  await noticeAndAppeal(state, decision);
  await fileRecord(state);
  await acts.cancelOpenTasks({ workflowId: input.applicationId });
  await setStatus(state, state.status, 'archived', texts.archived);
  return {
    applicationId: input.applicationId,
    status: state.status,
    decision: decision.decision,
    objection: state.objection !== undefined,
  };
}
