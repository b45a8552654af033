import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../bpmn/report';
import { BpmnCompileError, compileModel } from '../../bpmn/compile';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import type { SubProcess, UserTask } from '../../workflows/bpmn/model';
import { parseBpmn } from '../../bpmn/parse';
import { FIXTURES, TRADE_DEFAULT, parseFiles, source } from './load';

describe('compiling to the serialisable process model', () => {
  it('maps the Camunda 8 extensions of every element kind', async () => {
    // given a model using every zeebe extension the compiler reads
    const parsed = await parseFiles(path.join(FIXTURES, 'features.bpmn'));
    const report = buildReport(parsed, { knownTaskTypes: ['fetch', 'check-item', 'send-mail'] });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // when it is compiled
    const model = compileModel(parsed, report, { id: 'm-1', version: 2 });
    // then the result is plain JSON
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
    expect(model).toMatchObject({
      id: 'm-1',
      version: 2,
      name: 'Features',
      versionTag: 'v7',
      mainProcessId: 'features',
      sourceHash: parsed.sourceHash,
    });
    const p = model.processes.features!;
    expect(p.startEventIds).toEqual(['Start']);
    expect(p.eventSubProcessIds).toEqual(['OnTimeout', 'OnError']);
    expect(p.elements.Fetch).toEqual({
      id: 'Fetch',
      name: 'Fetch',
      kind: 'serviceTask',
      incoming: ['F1'],
      outgoing: ['F2'],
      taskType: 'fetch',
      retries: 5,
      headers: { url: 'https://example.invalid' },
      ioMapping: {
        inputs: [{ source: '=order.id', target: 'orderId' }],
        outputs: [{ source: '=response.items', target: 'items' }],
      },
    });
    expect(p.elements.EachItem).toMatchObject({
      taskType: 'check-item',
      multiInstance: {
        sequential: true,
        inputCollection: '=items',
        inputElement: 'item',
        outputCollection: 'results',
        outputElement: '=ok',
        completionCondition: '=some r in results satisfies r = false',
      },
    });
    expect(p.elements.Approve).toMatchObject({
      kind: 'userTask',
      assignee: '=initiator',
      candidateGroups: ['clerks', 'leads'],
      formKey: 'approve-form',
      formFields: [],
    });
    expect(p.elements.Remind).toMatchObject({
      kind: 'boundaryEvent',
      attachedTo: 'Approve',
      cancelActivity: false,
      trigger: { type: 'timer', timer: { kind: 'cycle', expression: 'R3/PT1H' } },
    });
    expect(p.elements.Cancelled).toMatchObject({
      cancelActivity: true,
      trigger: { type: 'message', message: { name: 'cancel', correlationKey: '=businessKey' } },
      ioMapping: { inputs: [], outputs: [{ source: '=reason', target: 'cancelReason' }] },
    });
    expect(p.elements.Route).toEqual({
      id: 'Route',
      kind: 'inclusiveGateway',
      default: 'F8',
      incoming: ['F6'],
      outgoing: ['F7', 'F8'],
    });
    expect(p.flows.F7).toEqual({
      id: 'F7',
      source: 'Route',
      target: 'Sub',
      condition: '=amount > 100',
      isDefault: false,
    });
    expect(p.flows.F8!.isDefault).toBe(true);
    const sub = p.elements.Sub as SubProcess;
    expect(sub.triggeredByEvent).toBe(false);
    expect(sub.scope.elements.Compute).toMatchObject({
      kind: 'scriptTask',
      script: { expression: '=amount * 2', resultVariable: 'doubled' },
    });
    expect(p.elements.CallChild).toMatchObject({
      kind: 'callActivity',
      calledProcessId: 'child',
      propagateAllVariables: false,
    });
    expect(p.elements.Wait).toMatchObject({
      trigger: { type: 'timer', timer: { kind: 'date', expression: '2030-01-01T00:00:00Z' } },
    });
    expect(p.elements.Jump).toMatchObject({
      kind: 'intermediateThrowEvent',
      trigger: { type: 'link', name: 'next' },
    });
    expect(p.elements.Notify).toMatchObject({
      kind: 'endEvent',
      trigger: { type: 'message' },
      binding: { taskType: 'send-mail', retries: 3, headers: {} },
    });
    expect(p.elements.Terminated).toMatchObject({ trigger: { type: 'terminate' } });
    const onTimeout = p.elements.OnTimeout as SubProcess;
    expect(onTimeout.scope.elements.TimeoutStart).toMatchObject({
      interrupting: false,
      trigger: { type: 'timer', timer: { kind: 'duration', expression: '=slaDuration' } },
    });
    expect(onTimeout.scope.elements.Escalate).toMatchObject({
      trigger: { type: 'escalation', code: 'LATE' },
    });
    expect((p.elements.OnError as SubProcess).scope.elements.ErrorStart).toMatchObject({
      interrupting: true,
      trigger: { type: 'error', code: 'FAILED' },
    });
    expect(model.processes.child!.elements.ChildEnd).toMatchObject({
      trigger: { type: 'error', code: 'FAILED', message: 'Failed' },
    });
  });

  it('takes Camunda 7 topics, name-convention types and form fields, and blocks Java delegates and JUEL', async () => {
    const parsed = await parseFiles(path.join(FIXTURES, 'camunda7.bpmn'));
    const report = buildReport(parsed, { knownTaskTypes: HUB_TASK_TYPES });
    expect(
      report.findings.filter((f) => f.severity === 'blocking').map((f) => `${f.code} ${f.elementId}`),
    ).toEqual(['expression-not-feel F4', 'missing-task-type Archive']);
    expect(report.findings.find((f) => f.code === 'missing-task-type')!.message).toContain(
      'camunda:class="de.example.ArchiveDelegate"',
    );
    expect(report.taskTypes).toEqual(['generate-notice', 'register-lookup']);
    expect(report.notes.map((n) => n.vendor).sort()).toEqual(['Camunda 7', 'Signavio']);
    expect(report.notes.find((n) => n.vendor === 'Camunda 7')!.counts).toEqual({
      'camunda:historyTimeToLive': 1,
      'camunda:asyncBefore': 1,
    });
    expect(() => compileModel(parsed, report)).toThrow(BpmnCompileError);
  });

  it('compiles Camunda 7 form fields once the blocking elements are fixed', async () => {
    // given the Camunda 7 model with the JUEL condition and the Java delegate replaced
    const file = source(path.join(FIXTURES, 'camunda7.bpmn'));
    const xml = file.xml
      .replace("${decision == 'approved'}", '=decision = "approved"')
      .replace('camunda:class="de.example.ArchiveDelegate"', 'camunda:topic="file-to-dms"');
    const parsed = await parseBpmn([{ filename: file.filename, xml }]);
    const report = buildReport(parsed, { knownTaskTypes: HUB_TASK_TYPES });
    expect(report.executable).toBe(true);
    const p = compileModel(parsed, report).processes.c7!;
    expect((p.elements.Review as UserTask).formFields).toEqual([
      {
        key: 'decision',
        label: 'Entscheidung',
        type: 'enum',
        required: true,
        options: [
          { value: 'approved', label: 'Genehmigen' },
          { value: 'rejected', label: 'Ablehnen' },
        ],
      },
      { key: 'reasons', label: 'Begründung', type: 'string', defaultValue: 'keine' },
    ]);
    expect((p.elements.Review as UserTask).candidateGroups).toEqual(['sachbearbeitung']);
    expect(p.elements.Notice).toMatchObject({ kind: 'serviceTask', taskType: 'generate-notice' });
    expect(p.elements.Lookup).toMatchObject({ kind: 'serviceTask', taskType: 'register-lookup' });
  });

  it('refuses to compile a model with blocking findings', async () => {
    const parsed = await parseFiles(path.join(FIXTURES, 'features.bpmn'));
    const report = buildReport(parsed, { knownTaskTypes: ['fetch'] });
    expect(report.findings.filter((f) => f.code === 'unknown-task-type').map((f) => f.elementId)).toEqual([
      'EachItem',
      'Notify',
    ]);
    expect(() => compileModel(parsed, report)).toThrow(/not executable/);
  });
});

describe('the shipped trade model (bpmn/trade-default.bpmn)', () => {
  it('imports with no blocking findings against the hub task types and compiles', async () => {
    const parsed = await parseFiles(TRADE_DEFAULT);
    const report = buildReport(parsed, { knownTaskTypes: HUB_TASK_TYPES });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.taskTypes).toEqual(['register-lookup', 'request-documents']);
    const model = compileModel(parsed, report);
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
    const p = model.processes[model.mainProcessId]!;
    expect(model.mainProcessId).toBe('trade-default');
    // review form: the decision and the reasons the application workflow reads
    const review = p.elements.Task_Review as UserTask;
    expect(review.formFields.map((f) => [f.key, f.type, f.required])).toEqual([
      ['decision', 'select', true],
      ['reasons', 'textarea', true],
    ]);
    expect(review.formFields[0]!.options!.map((o) => o.value)).toEqual([
      'approved',
      'rejected',
      'request-documents',
    ]);
    // the gateway routes on decision; every outcome has a condition
    expect(
      Object.values(p.flows)
        .filter((f) => f.source === 'Gateway_Decision')
        .map((f) => f.condition)
        .sort(),
    ).toEqual(['=decision = "approved"', '=decision = "rejected"', '=decision = "request-documents"']);
    // the follow-up waits for the supplement (correlated by business key) or the deadline, then returns to review
    expect(p.elements.Gateway_Wait!.kind).toBe('eventBasedGateway');
    expect(p.elements.Event_SupplementReceived).toMatchObject({
      trigger: { type: 'message', message: { name: 'supplement-received', correlationKey: '=businessKey' } },
    });
    expect(p.elements.Event_DeadlinePassed).toMatchObject({
      trigger: { type: 'timer', timer: { kind: 'duration', expression: 'P14D' } },
    });
    expect([
      p.flows.Flow_SupplementToReview!.target,
      p.flows.Flow_DeadlineToReview!.target,
      p.flows.Flow_ToReview!.target,
    ]).toEqual(['Gateway_Merge', 'Gateway_Merge', 'Task_Review']);
  });

  it('has a diagram shape or edge for every flow element, so it opens in Camunda Modeler', async () => {
    const parsed = await parseFiles(TRADE_DEFAULT);
    const report = buildReport(parsed);
    expect(report.findings.filter((f) => f.code === 'unresolved-layout-reference')).toEqual([]);
    const xml = fs.readFileSync(TRADE_DEFAULT, 'utf8');
    const flowIds = report.elements
      .filter((e) => e.elementType !== 'bpmn:Process' && e.status === 'executable')
      .map((e) => e.elementId);
    const drawn = new Set([...xml.matchAll(/bpmnElement="([^"]+)"/g)].map((m) => m[1]));
    expect(flowIds.filter((id) => !drawn.has(id))).toEqual([]);
  });
});
