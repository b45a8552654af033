// What implementation levels 3 and 4 add: e-payment before processing, statements of participating agencies.
import { condition } from '@temporalio/workflow';
import { acts, openCaseTask, protocol, setStatus, type CaseState } from './caseState';
import { withIncident } from './caseIncidents';
import { DEFAULT_MAX_TEXT } from './forms';
import { texts } from './texts';

/** Level 3: the fee is paid through the e-payment service before the office starts. */
export async function collectFee(state: CaseState, amountCents: number): Promise<void> {
  const route = state.route!;
  // "skip" waives the online payment (e.g. paid at the counter); the case goes on without it.
  const payment = await withIncident(
    state,
    'payment',
    () =>
      acts.requestPayment({
        applicationId: state.applicationId,
        amountCents,
        purpose: `${route.serviceName} ${state.applicationId}`,
      }),
    { skip: () => undefined },
  );
  if (!payment) {
    await protocol(state, { step: 'receive', outcome: 'ok', target: 'e-payment', detail: { waived: true } });
    await setStatus(state, 'RECEIVED', 'paid', texts.feeWaived);
    return;
  }
  const { paymentId, payUrl } = payment;
  await acts.notifyApplicant({
    messageId: `${state.applicationId}/payment`,
    applicationId: state.applicationId,
    kind: 'payment',
    ...texts.paymentRequest(amountCents, payUrl),
    mail: true,
  });
  await setStatus(state, 'ACTION_REQUIRED', 'awaiting-payment', texts.awaitingPayment(amountCents), [
    {
      requestId: paymentId,
      kind: 'payment',
      description: payUrl,
      deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    },
  ]);
  await condition(() => state.paid !== undefined);
  await protocol(state, {
    step: 'receive',
    outcome: 'ok',
    target: 'e-payment',
    detail: { paid: state.paid },
  });
  await setStatus(state, 'RECEIVED', 'paid', texts.paid);
}

/** Level 4: participating offices give statements in parallel, with a deadline; all are filed with the case. */
export async function collectStatements(state: CaseState): Promise<void> {
  const route = state.route!;
  const dueAt = new Date(Date.now() + state.timing.participationMs).toISOString();
  const taskIds = await Promise.all(
    route.participatingOfficeIds.map((officeId) =>
      openCaseTask(state, {
        taskId: `${state.applicationId}/statement/${officeId}`,
        elementId: `statement-${officeId}`,
        kind: 'statement',
        name: `Stellungnahme zum Antrag ${state.applicationId}`,
        officeId,
        dueAt,
        formFields: [
          {
            id: 'statement',
            label: 'Stellungnahme',
            type: 'text',
            required: true,
            maxLength: DEFAULT_MAX_TEXT,
          },
          { id: 'consent', label: 'Zustimmung', type: 'boolean' },
        ],
      }),
    ),
  );
  await setStatus(state, 'PROCESSING', 'participation', texts.participation);
  await condition(
    () => taskIds.every((id) => state.taskOutputs[id] !== undefined),
    state.timing.participationMs,
  );
  const statements = Object.fromEntries(
    route.participatingOfficeIds.map((officeId, i) => [
      officeId,
      state.taskOutputs[taskIds[i]!] ?? { statement: null, note: 'Frist ohne Stellungnahme verstrichen' },
    ]),
  );
  for (const id of taskIds.filter((t) => state.taskOutputs[t] === undefined)) {
    await acts.closeCaseworkerTask({ taskId: id, outcome: 'cancelled' });
    state.openTasks = state.openTasks.filter((t) => t.taskId !== id);
  }
  await acts.storeCaseDocument({
    id: `${state.applicationId}/statements.json`,
    applicationId: state.applicationId,
    kind: 'statements',
    filename: 'Stellungnahmen.json',
    mediaType: 'application/json',
    content: JSON.stringify(statements, null, 2),
    encoding: 'utf8',
  });
  await protocol(state, {
    step: 'process',
    outcome: 'ok',
    detail: { statements: Object.keys(statements) },
  });
  await setStatus(state, 'PROCESSING', 'in-review', texts.processing);
}
