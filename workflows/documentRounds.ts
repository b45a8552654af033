// Follow-up requests (Nachforderung): one round at a time until the case is decided.
import { condition, getExternalWorkflowHandle } from '@temporalio/workflow';
import { acts, openCaseTask, protocol, setStatus, type CaseState } from './caseState';
import { deliverAll } from './deliveries';
import { texts } from './texts';

const now = () => Date.now();

/** Opens the parent-owned task that tells the office a deadline was missed. */
async function openMissedDeadlineTask(state: CaseState, requestId: string): Promise<void> {
  await openCaseTask(state, {
    taskId: `${requestId}/missed`,
    elementId: 'missed-deadline',
    kind: 'missed-deadline',
    name: 'Frist zur Nachreichung versäumt: weiteres Vorgehen festlegen',
    formFields: [{ id: 'note', label: 'Vermerk', type: 'text', maxLength: 5000 }],
  });
}

/** Runs document rounds until a decision exists. */
export async function runDocumentRounds(state: CaseState): Promise<void> {
  for (;;) {
    await condition(() => state.openRequest !== undefined || state.decision !== undefined);
    if (state.decision) return;
    const request = state.openRequest!;
    const answered = () => state.supplement !== undefined || state.decision !== undefined;
    await acts.notifyApplicant({
      messageId: `${request.requestId}/request`,
      applicationId: state.applicationId,
      kind: 'request',
      ...texts.documentRequest(request.description, request.deadline),
      mail: true,
    });
    await setStatus(
      state,
      'ACTION_REQUIRED',
      'awaiting-documents',
      texts.actionRequired(request.description, request.deadline),
      [
        {
          requestId: request.requestId,
          kind: 'documents',
          description: request.description,
          deadline: request.deadline,
        },
      ],
    );
    const deadline = Date.parse(request.deadline);
    const reminderAt = deadline - state.timing.reminderBeforeMs;
    if (reminderAt > now() && !(await condition(answered, reminderAt - now()))) {
      await acts.notifyApplicant({
        messageId: `${request.requestId}/reminder`,
        applicationId: state.applicationId,
        kind: 'reminder',
        ...texts.reminder(request.description, request.deadline),
        mail: true,
      });
    }
    if (!answered()) await condition(answered, Math.max(1, deadline - now()));
    const supplement = state.supplement;
    state.openRequest = undefined;
    state.supplement = undefined;
    if (supplement) {
      await protocol(state, {
        step: 'receive',
        outcome: 'ok',
        detail: { supplement: request.requestId, documents: supplement.documentIds },
      });
      await deliverAll(state, 'supplement', request.round, {
        documentIds: supplement.documentIds,
        payload: { requestId: request.requestId, request: request.description, note: supplement.note },
      });
      if (state.childKind === 'bpmn' && state.childWorkflowId) {
        await getExternalWorkflowHandle(state.childWorkflowId).signal('bpmnMessage', {
          name: 'supplement-received',
          correlationKey: state.applicationId,
          variables: { supplementDocumentIds: supplement.documentIds, supplementNote: supplement.note },
        });
      }
      if (!state.decision)
        await setStatus(state, 'PROCESSING', 'supplement-received', texts.supplementReceived);
    } else if (!state.decision) {
      await openMissedDeadlineTask(state, request.requestId);
      await protocol(state, {
        step: 'process',
        outcome: 'error',
        detail: { deadlineMissed: request.requestId },
      });
      await setStatus(state, 'PROCESSING', 'deadline-missed', texts.deadlineMissed);
    }
  }
}
