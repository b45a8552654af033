// The application lifecycle: one durable workflow per application (id = application id), from intake
// through routing, delivery, the office's process, follow-up requests, notice and appeal period to the record.
import { condition, patched, setHandler, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import {
  caseViewQuery,
  completeUserTaskUpdate,
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
import { acts, lookups, newCaseState, protocol, setStatus, type CaseState } from './caseState';
import { assertIncidentAction, CaseClosed, withIncident } from './caseIncidents';
import { deliverAll } from './deliveries';
import { runDocumentRounds } from './documentRounds';
import { assertFormOutput } from './forms';
import { incidentActionUpdate } from './incidents';
import { assertDecision, assertDocumentRequest, assertObjection, assertSupplement } from './inputLimits';
import { fileRecord, noticeAndAppeal } from './noticeAndAppeal';
import { runOfficeProcess } from './officeProcess';
import { DS_LEVEL, DS_MUNICIPALITY, DS_OFFICE } from './searchAttributes';
import { texts } from './texts';
import { collectFee, collectStatements } from './levels';
import { acknowledgementOf, decisionMismatch, procedureKind, trackAcknowledgement } from './procedure';
import { forwardTradeNotification } from './tradeForwarding';

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
    if (state.closed) throw new Error('the case was closed by an administrator');
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
      assertDocumentRequest(r, Date.now());
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
        note: s.note ?? '',
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
        assertSupplement(s);
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
        assertDecision(d);
        const mismatch = decisionMismatch(state.procedureKind, d.decision);
        if (mismatch) throw new Error(mismatch);
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
        assertObjection(o);
      },
    },
  );
  setHandler(
    completeUserTaskUpdate,
    async ({ taskId, output = {} }) => {
      state.taskOutputs[taskId] = output;
      state.openTasks = state.openTasks.filter((t) => t.taskId !== taskId);
      // Earlier versions left completed case tasks open until the case ended, then marked them cancelled.
      if (patched('close-completed-case-tasks'))
        await acts.closeCaseworkerTask({ taskId, outcome: 'completed', output });
      return { completed: true as const, taskId };
    },
    {
      validator: ({ taskId, output }) => {
        const task = state.openTasks.find((t) => t.taskId === taskId);
        if (!task) throw new Error(`task ${taskId} is not open in this case`);
        assertFormOutput(task.formFields ?? [], output ?? {});
      },
    },
  );
  setHandler(
    incidentActionUpdate,
    (action) => {
      state.incidents[action.incidentId]!.action = action;
      return { incidentId: action.incidentId, accepted: true as const };
    },
    { validator: (action) => assertIncidentAction(state, action) },
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
    procedureKind: state.procedureKind ?? 'application',
    acknowledgementDueAt: state.acknowledgementDueAt ?? null,
    acknowledgementOverdue: state.acknowledgementOverdue === true,
    childWorkflowId: state.childWorkflowId,
    incidents: Object.values(state.incidents).map(({ incidentId, step, errorType }) => ({
      incidentId,
      step,
      errorType,
    })),
  }));
}

/** Carries one application from intake to its archived, final notice (or to its closing at an incident). */
export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationResult> {
  const state = newCaseState(input.applicationId, input.timing ?? LEGAL_TIMING, {
    ars: input.ars,
    leikaId: input.leikaId,
  });
  registerHandlers(state);
  const lifecycle = runLifecycle(state, input).catch((error: unknown) => {
    if (error instanceof CaseClosed) return undefined;
    throw error;
  });
  // A step in a parallel branch (document rounds) may close the case while the main line waits elsewhere.
  const result = await Promise.race([lifecycle, condition(() => state.closed !== undefined)]);
  if (state.closed) return closeCase(state);
  return result as ApplicationResult;
}

async function runLifecycle(state: CaseState, input: ApplicationInput): Promise<ApplicationResult> {
  const route = await withIncident(state, 'route', () =>
    lookups().routeApplication({ applicationId: input.applicationId }),
  );
  state.route = route;
  upsertSearchAttributes([
    { key: DS_MUNICIPALITY, value: route.ars },
    { key: DS_OFFICE, value: route.officeId },
    { key: DS_LEVEL, value: route.level },
  ]);
  upsertMemo({
    summary: `${route.serviceName} · ${route.municipalityName} · ${route.officeName} · Stufe ${route.level}`,
  });
  const receivedAt = new Date(Date.now()).toISOString();
  state.procedureKind = procedureKind(state);
  await setStatus(state, 'RECEIVED', 'received', texts.received(route));
  await withIncident(
    state,
    'confirm',
    () =>
      acts.notifyApplicant({
        messageId: `${input.applicationId}/confirmation`,
        applicationId: input.applicationId,
        kind: 'confirmation',
        ...texts.confirmation(route, input.applicationId),
        mail: true,
      }),
    { skip: () => undefined },
  );

  if (route.level >= 3 && route.feeCents) await collectFee(state, route.feeCents);
  const register =
    route.level >= 2
      ? await withIncident(
          state,
          'register-check',
          () => acts.checkResidentRegister({ applicationId: input.applicationId }),
          {
            skip: () => ({ checked: false, found: false }),
            continueWith: (v) => ({ checked: v.checked === true, found: v.found === true }),
          },
        )
      : undefined;

  await deliverAll(state, 'application', 0);
  state.delivered = true;
  await setStatus(state, 'PROCESSING', 'in-review', texts.delivered(route));
  if (state.procedureKind === 'notification') trackAcknowledgement(state, receivedAt);
  // Registered: the receivers of §14 GewO get their official messages while the office works on the case.
  const forwarding = patched('forward-trade-notification')
    ? forwardTradeNotification(state).then(
        () => undefined,
        (error: unknown) => ({ error }),
      )
    : Promise.resolve(undefined);
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

  await noticeAndAppeal(
    state,
    state.procedureKind === 'notification' ? acknowledgementOf(decision) : decision,
  );
  await fileRecord(state);
  const forwarded = await forwarding;
  if (forwarded) throw forwarded.error;
  await acts.cancelOpenTasks({ workflowId: input.applicationId });
  await setStatus(state, state.status, 'archived', texts.archived);
  return {
    applicationId: input.applicationId,
    status: state.status,
    decision: decision.decision,
    objection: state.objection !== undefined,
  };
}

/** An administrator closed the case at an incident: the applicant is told, open tasks leave the lists. */
async function closeCase(state: CaseState): Promise<ApplicationResult> {
  const closed = state.closed!;
  state.cancelOfficeProcess?.();
  await acts.cancelOpenTasks({ workflowId: state.applicationId });
  if (state.childWorkflowId) await acts.cancelOpenTasks({ workflowId: state.childWorkflowId });
  await acts.notifyApplicant({
    messageId: `${state.applicationId}/closed`,
    applicationId: state.applicationId,
    kind: 'information',
    subject: texts.closedSubject,
    body: closed.message,
    mail: true,
  });
  await protocol(state, { step: 'admin', outcome: 'ok', detail: { closed: true, status: closed.status } });
  await setStatus(state, closed.status, 'closed', closed.message);
  return {
    applicationId: state.applicationId,
    status: closed.status,
    decision: state.decision?.decision,
    objection: state.objection !== undefined,
  };
}
