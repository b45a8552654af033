import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, type ImportReport } from '../../bpmn/report';
import { compileModel } from '../../bpmn/compile';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import type { CallActivity, SubProcess, UserTask } from '../../workflows/bpmn/model';
import { CORPUS, parseFiles } from './load';

const reference = (name: string) => path.join(CORPUS, 'miwg-reference', name);
/** Blocking findings, and those that would block if their process ran (kept as warnings). */
const found = (report: ImportReport, code: string) =>
  report.findings
    .filter((f) => f.code === code && (f.severity === 'blocking' || /never runs in a case/.test(f.message)))
    .map((f) => `${f.elementType} ${f.elementId}`)
    .sort();

/** Ids of the flow nodes in raw XML that contain an event definition of the given kind. */
function idsWithDefinition(xml: string, definition: string): string[] {
  const ids: string[] = [];
  const node =
    /<semantic:(startEvent|endEvent|boundaryEvent|intermediateCatchEvent|intermediateThrowEvent)\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/semantic:\1>/g;
  for (const match of xml.matchAll(node))
    if (match[3]!.includes(`<semantic:${definition}`)) ids.push(match[2]!);
  return ids.sort();
}

describe('MIWG reference models', () => {
  it('B.2.0: every conditional event, the standard loop and the unbound multi-instances block', async () => {
    // given the MIWG kitchen-sink model B.2.0
    const file = reference('B.2.0.bpmn');
    const report = buildReport(await parseFiles(file));
    const xml = fs.readFileSync(file, 'latin1');
    // then it is not executable
    expect(report.executable).toBe(false);
    // and only the main process blocks: the second pool runs in no case, so its findings are warnings
    const neverRun = report.processes.filter((p) => !p.run).map((p) => p.id);
    expect(neverRun.length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => /never runs in a case/.test(f.message)).length).toBeGreaterThan(0);
    expect(
      report.findings.filter(
        (f) => /never runs in a case/.test(f.message) && !neverRun.some((id) => f.message.includes(id)),
      ),
    ).toEqual([]);
    // and exactly the conditional events are reported as unsupported (signals are broadcast)
    const unsupported = found(report, 'unsupported-event-definition');
    expect(unsupported).toEqual([
      'bpmn:BoundaryEvent _68ca1f8b-5028-4079-9e35-619b529f4d71', // conditional, interrupting
      'bpmn:BoundaryEvent _732c0641-b12f-448b-b9f8-a68b355782e3', // conditional, non-interrupting
      'bpmn:IntermediateCatchEvent _c9cb2415-6a2e-49d6-84b9-27babcde4088', // conditional catch
      'bpmn:StartEvent _cba8fbed-2bb6-40a9-8ac5-83e827ce9d9f', // Start Event 4 Conditional
    ]);
    // (cross-checked against the XML itself)
    const fromXml = idsWithDefinition(xml, 'conditionalEventDefinition');
    expect(idsWithDefinition(xml, 'signalEventDefinition')).toHaveLength(7);
    expect(unsupported.map((u) => u.split(' ')[1]).sort()).toEqual(fromXml);
    expect(found(report, 'standard-loop')).toEqual(['bpmn:UserTask _b9343536-6490-4559-8365-71d5c4cbb7cb']);
    expect(found(report, 'multi-instance-without-collection')).toEqual([
      'bpmn:ServiceTask _6936f794-7bbb-4aa1-ae48-3a35bab4e2f4',
      'bpmn:SubProcess _149a6e1d-0385-4d0f-a90c-c2150a291a67',
      'bpmn:UserTask _c57a5344-213f-4834-a6c3-94ce878b413c',
    ]);
    // the call activity calls a global user task, which is no process
    expect(found(report, 'call-target-missing')).toEqual([
      'bpmn:CallActivity _a74c1d4d-db90-43ff-8920-139a300b39a5',
    ]);
    // service and send tasks without any binding
    expect(found(report, 'missing-task-type')).toHaveLength(5);
    // and documentation, data and organisation are ignored, not blocking
    const ignored = new Map(
      report.elements.filter((e) => e.status === 'ignored').map((e) => [e.elementId, e.elementType]),
    );
    expect(ignored.get('_4815ea6a-ede2-489b-8b37-2cdb2835b02c')).toBe('bpmn:TextAnnotation');
    expect(ignored.get('_48d300c1-487a-409b-a04a-b195e222ef90')).toBe('bpmn:Group');
    expect(ignored.get('_b9385abf-d293-40b7-848b-8add4db48415')).toBe('bpmn:DataStoreReference');
    expect(ignored.get('_aa8c769a-276c-4589-b182-7c7bbd0a9e1e')).toBe('bpmn:DataObjectReference');
    expect(ignored.get('_4a6df7ac-26d8-4718-ac05-90af463d5e23')).toBe('bpmn:Lane');
    expect(ignored.get('_9428f666-fc8a-41be-8a77-9b280e14e7ae')).toBe('bpmn:MessageFlow');
    expect([...ignored.values()]).toContain('bpmndi:BPMNDiagram');
  });

  it('A.1.0: a sequence of undefined tasks is executable and compiles', async () => {
    const parsed = await parseFiles(reference('A.1.0.bpmn'));
    const report = buildReport(parsed);
    expect(report.executable).toBe(true);
    expect(report.findings.filter((f) => f.code === 'pass-through').map((f) => f.name)).toEqual([
      'Task 1',
      'Task 2',
      'Task 3',
    ]);
    const model = compileModel(parsed, report);
    const kinds = Object.values(model.processes[model.mainProcessId]!.elements)
      .map((e) => e.kind)
      .sort();
    expect(kinds).toEqual(['endEvent', 'startEvent', 'task', 'task', 'task']);
  });

  it('C.9.0 alone: the call activity to a process in another file blocks', async () => {
    const report = buildReport(await parseFiles(reference('C.9.0.bpmn')));
    expect(report.executable).toBe(false);
    expect(
      report.findings.filter((f) => f.severity === 'blocking').map((f) => `${f.code} ${f.elementId}`),
    ).toEqual(['call-target-missing Activity_ManualCheck']);
  });

  it('C.9.0 + C.9.2 + C.9.1: call activities are stitched across files, the model compiles and lists its task types', async () => {
    // given the three Camunda Modeler exports (onboarding calls ManualCheck, which calls requestDocument_en)
    const parsed = await parseFiles(
      reference('C.9.0.bpmn'),
      reference('C.9.2.bpmn'),
      reference('C.9.1.bpmn'),
    );
    const report = buildReport(parsed);
    // then everything runs, starting with the onboarding process of the first file
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.mainProcessId).toBe('customer_onboarding_en');
    expect(report.processes.map((p) => [p.id, p.run])).toEqual([
      ['customer_onboarding_en', true],
      ['ManualCheck', true],
      ['requestDocument_en', true],
    ]);
    expect(report.taskTypes).toEqual([
      'calculateScore',
      'cancelApplication',
      'decision:risk_check',
      'email',
      'informCustomerSuccessfulCancelation',
      'informOperationsSuccessfulCancelation',
      'io.camunda:sendgrid:1',
      'issuePolicy',
      'notifyCustomerDelay',
      'rejectPolicy',
      'reportFraud',
      'timeoutHandled',
    ]);
    // and with the test's task types known it stays executable, with the hub's alone it does not
    expect(buildReport(parsed, { knownTaskTypes: report.taskTypes }).executable).toBe(true);
    const hubOnly = buildReport(parsed, { knownTaskTypes: HUB_TASK_TYPES });
    expect(
      new Set(hubOnly.findings.filter((f) => f.code === 'unknown-task-type').map((f) => f.elementId)).size,
    ).toBeGreaterThanOrEqual(12);

    const model = compileModel(parsed, report, { id: 'onboarding', version: 3 });
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
    expect(Object.keys(model.processes)).toEqual([
      'customer_onboarding_en',
      'ManualCheck',
      'requestDocument_en',
    ]);
    const onboarding = model.processes.customer_onboarding_en!;
    expect(onboarding.elements.Activity_ManualCheck).toMatchObject({
      kind: 'callActivity',
      calledProcessId: 'ManualCheck',
      propagateAllVariables: false,
    });
    expect(onboarding.elements.BusinessRuleTask_CheckApplicationAutomatically).toMatchObject({
      kind: 'businessRuleTask',
      taskType: 'decision:risk_check',
      headers: { decisionId: 'risk_check', resultVariable: 'result' },
    });
    expect(onboarding.elements.StartEvent_ApplicationReceived).toMatchObject({
      kind: 'startEvent',
      ioMapping: { inputs: [], outputs: [{ source: '= string(now())', target: 'documentReferenceId' }] },
    });
    expect(onboarding.flows.SequenceFlow_Green!.isDefault).toBe(true);
    expect(onboarding.flows.SequenceFlow_Red!.condition).toBe(
      '= some risk in riskLevels satisfies risk = "red"',
    );
    expect(onboarding.eventSubProcessIds.sort()).toEqual(['Activity_0vp33kx', 'Activity_1ke2ixr']);

    const manual = model.processes.ManualCheck!;
    const decide = manual.elements.UserTask_DecideOnApplication as UserTask;
    expect(decide.candidateGroups).toEqual(['clerks']);
    expect(decide.formFields.map((f) => f.key)).toEqual([
      'applicationNumber',
      'applicantName',
      'age',
      'employment',
      'category',
      'priceIndication',
      'approved',
    ]);
    expect(manual.elements.TimerEvent_Timeout).toMatchObject({
      kind: 'boundaryEvent',
      attachedTo: 'UserTask_DecideOnApplication',
      cancelActivity: true,
      trigger: { type: 'timer', timer: { kind: 'duration', expression: 'P7D' } },
    });
    const documents = manual.elements.Activity_0uvp3cb as SubProcess;
    expect(documents.scope.elements.StartMessageEvent_DocumentRequested).toMatchObject({
      kind: 'startEvent',
      interrupting: false,
      trigger: {
        type: 'message',
        message: { name: 'Message_DocumentRequested', correlationKey: '= documentReferenceId' },
      },
    });
    expect((documents.scope.elements.CallActivity_RequestDocument as CallActivity).multiInstance).toEqual({
      sequential: false,
      inputCollection: '=documents',
      inputElement: 'document',
    });

    const request = model.processes.requestDocument_en!;
    expect(request.elements.BoundaryEvent_1).toMatchObject({
      cancelActivity: false,
      trigger: { type: 'timer', timer: { kind: 'cycle', expression: 'R6/P1D' } },
    });
    expect(request.elements.SendTask_RequestDocument).toMatchObject({
      kind: 'sendTask',
      taskType: 'email',
      retries: 3,
    });
  });

  it('C.9.2 + C.9.1 with a requested main process: cases start the called process instead', async () => {
    const parsed = await parseFiles(reference('C.9.2.bpmn'), reference('C.9.1.bpmn'));
    expect(buildReport(parsed).mainProcessId).toBe('ManualCheck');
    const report = buildReport(parsed, { mainProcessId: 'requestDocument_en' });
    expect(report.executable).toBe(true);
    expect(compileModel(parsed, report).mainProcessId).toBe('requestDocument_en');
    expect(
      buildReport(parsed, { mainProcessId: 'nope' })
        .findings.filter((f) => f.severity === 'blocking')
        .map((f) => f.code),
    ).toEqual(['no-process']);
  });
});
