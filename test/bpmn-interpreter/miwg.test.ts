// The MIWG executable models C.9.0 (customer onboarding), C.9.2 (manual check) and C.9.1 (document request),
// as exported by Camunda Modeler, imported with the hub's parser/report/compiler and run to completion with
// their task types bound to test handlers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseBpmn } from '../../bpmn/parse';
import { buildReport } from '../../bpmn/report';
import { compileModel } from '../../bpmn/compile';
import type { ProcessModel } from '../../workflows/bpmn/model';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/bpmn/miwg-camunda-modeler-18.6.1');

async function importModel(files: string[]): Promise<ProcessModel> {
  const parsed = await parseBpmn(
    files.map((f) => ({
      filename: f,
      xml: fs.readFileSync(path.join(corpus, `${f}-roundtrip.bpmn`), 'utf8'),
    })),
  );
  const report = buildReport(parsed);
  expect(report.findings.filter((f) => f.severity === 'blocking')).toEqual([]);
  return compileModel(parsed, report);
}

const applicant = { name: 'Erika Mustermann', email: 'erika@example.org', age: 41 };
let w: BpmnWorker;

beforeAll(async () => {
  const ok = (variables: Record<string, unknown>) => async () => variables;
  w = await startBpmnWorker({
    calculateScore: ok({ score: 720 }),
    'decision:risk_check': async ({ variables }) => ({
      result: {
        riskLevel: [variables.expectedRisk],
        risk: variables.expectedRisk === 'green' ? [] : ['Einkommen unklar'],
      },
    }),
    issuePolicy: ok({ policyNumber: 'P-1' }),
    rejectPolicy: ok({ rejected: true }),
    'io.camunda:sendgrid:1': async ({ variables }) => ({
      mailedTo: (variables.to as { email?: string } | undefined)?.email ?? null,
    }),
    reportFraud: ok({ fraudReported: true }),
    email: async ({ variables }) => ({ [`requested_${String(variables.document)}`]: true }),
    notifyCustomerDelay: ok({}),
    cancelApplication: ok({}),
    informCustomerSuccessfulCancelation: ok({}),
    informOperationsSuccessfulCancelation: ok({}),
    timeoutHandled: ok({}),
  });
});
afterAll(async () => w.stop());

describe('C.9.0 customer onboarding (with C.9.2 and C.9.1 for its call activity)', () => {
  let onboarding: ProcessModel;
  beforeAll(async () => {
    onboarding = await importModel(['C.9.0', 'C.9.2', 'C.9.1']);
  });

  test('green risk: score, automatic check, policy issued and mailed', async () => {
    const handle = await w.start(onboarding, {
      applicant,
      corporation: 'Stadt Musterhausen',
      applicationNumber: 'A-1',
      product: 'Gewerbe',
      expectedRisk: 'green',
    });
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'completed', endEventId: 'EndEvent_ApplicationIssued' });
    // The business-rule output mappings derived riskLevels/risks; the sendgrid input mappings built `to`.
    expect(result.variables).toMatchObject({
      score: 720,
      riskLevels: ['green'],
      risks: [],
      policyNumber: 'P-1',
      mailedTo: 'erika@example.org',
    });
  });

  test('red risk: the application is rejected and the rejection mailed', async () => {
    const result = await (
      await w.start(onboarding, { applicant, corporation: 'X', expectedRisk: 'red' })
    ).result();
    expect(result).toMatchObject({
      state: 'completed',
      endEventId: 'EndEvent_ApplicationRejected',
      variables: { rejected: true, mailedTo: 'erika@example.org' },
    });
  });

  test('yellow risk: the manual check runs as a called process; fraud found there terminates the onboarding', async () => {
    // given an onboarding that reached the manual check (ManualCheck runs as a child workflow)
    const handle = await w.start(onboarding, {
      applicant,
      corporation: 'X',
      expectedRisk: 'yellow',
      fraudSuspectedId: 'F-1',
      documentReferenceId: 'D-0',
    });
    const childId = await until(async () => {
      const token = (await w.state(handle)).tokens.find((t) => t.elementId === 'Activity_ManualCheck');
      return token ? `${handle.workflowId}/${token.instanceId}` : undefined;
    }, 'manual check');
    const child = w.client.workflow.getHandle(childId);
    const decideTask = await w.openTask(child, 'UserTask_DecideOnApplication');
    expect(w.tasks.get(decideTask)?.request).toMatchObject({
      candidateGroups: ['clerks'],
      variables: { risksText: 'Einkommen unklar', applicantName: applicant.name },
    });
    // when a fraud suspicion arrives (sent to the onboarding, forwarded to the manual check) and is confirmed
    await w.message(handle, { name: 'Message_FraudSuspected', correlationKey: 'F-1' });
    const fraudTask = await w.openTask(child, 'UserTask_CheckForFraud');
    await w.completeTask(child, fraudTask, { fraud: true });
    // then the error ends the manual check, the boundary event on the call activity reports fraud and terminates
    const result = await handle.result();
    expect(result).toMatchObject({
      state: 'terminated',
      endEventId: 'TerminateEvent_ApplicationCanceledFraud',
      variables: { fraudReported: true },
    });
    expect(w.tasks.get(decideTask)?.status).toBe('cancelled');
  });
});

describe('C.9.2 manual check with C.9.1 document requests', () => {
  test('a document request runs requestDocument_en for each document; the manual decision completes the process', async () => {
    // given the manual check as the main process
    const manualCheck = await importModel(['C.9.2', 'C.9.1']);
    expect(manualCheck.mainProcessId).toBe('ManualCheck');
    const handle = await w.start(manualCheck, {
      applicant,
      risks: ['Einkommen unklar'],
      documentReferenceId: 'D-1',
      fraudSuspectedId: 'F-2',
      documents: ['passport', 'payslip'],
    });
    const decideTask = await w.openTask(handle, 'UserTask_DecideOnApplication');
    // when documents are requested (non-interrupting event sub-process with a multi-instance call activity)
    await w.message(handle, { name: 'Message_DocumentRequested', correlationKey: 'D-1' });
    await until(
      async () =>
        w.calls.filter((c) => c.taskType === 'email' && c.variables.documentReferenceId === 'D-1').length ===
        2
          ? true
          : undefined,
      'two document requests',
    );
    // and the applicant's answer arrives (forwarded down to the waiting document requests)
    await w.message(handle, {
      name: 'MESSAGE_documentReceived',
      correlationKey: 'D-1',
      variables: { received: true },
    });
    await until(
      async () => ((await w.state(handle)).tokens.length === 1 ? true : undefined),
      'document requests finished',
    );
    // and the clerk decides
    await w.completeTask(handle, decideTask, { approved: true });
    const result = await handle.result();
    // then every document was requested by its own requestDocument_en instance and the check ended normally
    expect(result).toMatchObject({
      state: 'completed',
      endEventId: 'EndEvent_ManuallyDecided',
      variables: { approved: true, requested_passport: true, requested_payslip: true, received: true },
    });
  });
});

describe('C.9.1 document request on its own', () => {
  test('the request mail goes out and the answer completes the process', async () => {
    const requestDocument = await importModel(['C.9.1']);
    const handle = await w.start(requestDocument, { documentReferenceId: 'D-9', document: 'lease' });
    await until(
      async () =>
        (await w.state(handle)).waits.some((x) => x.messageName === 'MESSAGE_documentReceived')
          ? true
          : undefined,
      'receive task',
    );
    // The daily reminder cycle (R6/P1D) and the one-week timeout (P7D) are armed on the receive task.
    expect(
      (await w.state(handle)).waits
        .filter((x) => x.type === 'timer')
        .map((x) => x.elementId)
        .sort(),
    ).toEqual(['BoundaryEvent_1', 'BoundaryEvent_2']);
    await w.message(handle, { name: 'MESSAGE_documentReceived', correlationKey: 'D-9' });
    expect(await handle.result()).toMatchObject({
      state: 'completed',
      endEventId: 'EndEvent_GotDocument',
      variables: { requested_lease: true },
    });
  });
});
