// Guided mode (issue 13.2): descriptive models run as guided cases on the engine harness, answered by a driver.
import { describe, expect, it } from 'vitest';
import { parseBpmn } from '../../bpmn/parse';
import { buildReport } from '../../bpmn/report';
import { compileModel } from '../../bpmn/compile';
import { choiceTaskId, GUIDED_CHOICE } from '../../bpmn/guidedCompile';
import { assertFormOutput } from '../../workflows/forms';
import { decisionFromVariables } from '../../workflows/officeProcess';
import { corpusFiles, parseFiles, TRADE_DEFAULT } from '../bpmn/load';
import { runProcess } from './support/harness';
import { driveGuided } from './support/guidedDriver';

const definitions = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">${body}</bpmn:definitions>`;
const flow = (id: string, from: string, to: string, extra = '') =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"${extra}/>`;

async function guided(xml: string) {
  const parsed = await parseBpmn([{ filename: 'g.bpmn', xml }]);
  const report = buildReport(parsed, { guided: true });
  return { parsed, report, model: report.executable ? compileModel(parsed, report) : undefined };
}

describe('guided mode on the shared MIWG corpus (A.* and B.*)', () => {
  it('runs at least 80% of the models to their end with a driver answering every step', async () => {
    const files = corpusFiles().filter((f) => /\/[AB]\.\d/.test(f));
    expect(files.length).toBe(41);
    const runs = [];
    for (const file of files) runs.push(await driveGuided(file));
    const completed = runs.filter((r) => r.result && r.result.state !== 'failed');
    // the numbers in docs/bpmn-interpreter.md: 35 of 41 (85%)
    expect(completed.length / files.length).toBeGreaterThanOrEqual(0.8);
    expect(completed.length).toBe(35);
    // what stays blocked does so for a reason guided mode must not paper over
    const blocked = runs.filter((r) => !r.report.executable);
    expect(blocked.map((r) => r.file)).toEqual([
      'miwg-camunda-modeler-18.6.1/B.2.0-export.bpmn',
      'miwg-camunda-modeler-18.6.1/B.2.0-roundtrip.bpmn',
      'miwg-reference/B.2.0.bpmn',
      'miwg-signavio-19.9.0/B.1.0-roundtrip.bpmn',
      'miwg-signavio-19.9.0/B.2.0-export.bpmn',
      'miwg-signavio-19.9.0/B.2.0-roundtrip.bpmn',
    ]);
    for (const run of blocked) {
      const codes = new Set(run.report.findings.filter((f) => f.severity === 'blocking').map((f) => f.code));
      expect(
        [...codes].some((c) => ['unsupported-event-definition', 'standard-loop', 'duplicate-id'].includes(c)),
      ).toBe(true);
    }
    // every guided run answered real caseworker steps
    for (const run of completed) expect(run.answered.length, run.file).toBeGreaterThan(0);
  });

  it('A.2.0: untyped tasks are steps titled by name, the split gateway a choice among its flows', async () => {
    const run = await driveGuided('miwg-reference/A.2.0.bpmn');
    const kinds = run.report.guided!.map((g) => `${g.kind} ${g.name ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['step Task 1', 'step Task 2', 'step Task 3', 'step Task 4']),
    );
    const choice = run.report.guided!.find((g) => g.kind === 'choice')!;
    expect(choice.options!.map((o) => o.label)).toEqual(['Task 2', 'Task 3', 'Task 4']);
    expect(run.report.findings.filter((f) => f.code === 'guided-choice')).toHaveLength(1);
    expect(run.result?.state).toBe('completed');
  });
});

describe('guided mode semantics', () => {
  const decision = definitions(
    '<bpmn:process id="p">' +
      '<bpmn:startEvent id="s"/>' +
      '<bpmn:task id="check" name="Unterlagen prüfen"><bpmn:documentation>Vollständigkeit und Fristen prüfen.</bpmn:documentation></bpmn:task>' +
      '<bpmn:exclusiveGateway id="g" name="Vollständig?"/>' +
      '<bpmn:task id="yes" name="Bescheid schreiben"/><bpmn:task id="no" name="Nachfordern"/>' +
      '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>' +
      flow('f0', 's', 'check') +
      flow('f1', 'check', 'g') +
      '<bpmn:sequenceFlow id="fy" sourceRef="g" targetRef="yes"><bpmn:conditionExpression>ja</bpmn:conditionExpression></bpmn:sequenceFlow>' +
      '<bpmn:sequenceFlow id="fn" sourceRef="g" targetRef="no"><bpmn:conditionExpression>nein</bpmn:conditionExpression></bpmn:sequenceFlow>' +
      flow('f2', 'yes', 'e1') +
      flow('f3', 'no', 'e2') +
      '</bpmn:process>',
  );

  it('turns a task into a step with its documentation and label conditions into a validated choice', async () => {
    const { report, model } = await guided(decision);
    expect(report.executable).toBe(true);
    expect(report.findings.filter((f) => f.code === 'condition-is-label')).toEqual([]);
    const harness = runProcess(model!);
    const step = harness.openTask('check');
    expect(step).toMatchObject({
      name: 'Unterlagen prüfen',
      guided: { kind: 'step', instructions: 'Vollständigkeit und Fristen prüfen.' },
    });
    harness.complete(step.taskId);
    const choice = harness.openTask(choiceTaskId('g'));
    expect(choice.formFields).toEqual([
      expect.objectContaining({
        key: GUIDED_CHOICE,
        type: 'select',
        required: true,
        options: [
          { value: 'fy', label: 'ja' },
          { value: 'fn', label: 'nein' },
        ],
      }),
    ]);
    // the choice is validated: an unknown flow, a missing answer and an extra field are refused
    expect(() => assertFormOutput(choice.formFields!, { [GUIDED_CHOICE]: 'f9' })).toThrow(/must be one of/);
    expect(() => assertFormOutput(choice.formFields!, {})).toThrow(/required/);
    expect(() => assertFormOutput(choice.formFields!, { [GUIDED_CHOICE]: 'fn', x: 1 })).toThrow(
      /not a field/,
    );
    harness.complete(choice.taskId, { [GUIDED_CHOICE]: 'fn' });
    harness.complete(harness.openTask('no').taskId);
    expect(harness.result).toMatchObject({ state: 'completed', endEventId: 'e2' });
    expect(harness.tasks.some((t) => t.elementId === 'yes')).toBe(false);
  });

  it('an inclusive gateway lets the caseworker pick several flows; a message and a timer become confirmations', async () => {
    const { report, model } = await guided(
      definitions(
        '<bpmn:message id="m"/>' +
          '<bpmn:process id="p"><bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/>' +
          '<bpmn:intermediateCatchEvent id="mail" name="Antwort da"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>' +
          '<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>' +
          '<bpmn:task id="third" name="Dritter Weg"/>' +
          '<bpmn:inclusiveGateway id="join"/><bpmn:endEvent id="e"/>' +
          flow('f0', 's', 'fork') +
          flow('a', 'fork', 'mail', ' name="Anhörung"') +
          flow('b', 'fork', 'wait', ' name="Warten"') +
          flow('c', 'fork', 'third') +
          flow('a2', 'mail', 'join') +
          flow('b2', 'wait', 'join') +
          flow('c2', 'third', 'join') +
          flow('f9', 'join', 'e') +
          '</bpmn:process>',
      ),
    );
    expect(report.guided!.map((g) => `${g.kind} ${g.elementId}`).sort()).toEqual([
      'choice fork',
      'confirmation mail',
      'confirmation wait',
      'step third',
    ]);
    const harness = runProcess(model!);
    const choice = harness.openTask(choiceTaskId('fork'));
    expect(choice.formFields![0]!.type).toBe('checklist');
    expect(() => assertFormOutput(choice.formFields!, { [GUIDED_CHOICE]: [] })).toThrow(/non-empty list/);
    harness.complete(choice.taskId, { [GUIDED_CHOICE]: ['a', 'b'] });
    expect(harness.openTask('mail')).toMatchObject({
      name: 'Bestätigen: Antwort da',
      guided: { kind: 'confirmation' },
    });
    expect(harness.openTask('wait')).toMatchObject({ name: 'Bestätigen: Frist abgelaufen' });
    harness.complete('mail');
    expect(harness.result).toBeUndefined();
    harness.complete('wait');
    expect(harness.result).toMatchObject({ state: 'completed' });
    expect(harness.tasks.some((t) => t.elementId === 'third')).toBe(false);
  });

  it('a sub-process without start event starts at its nodes without incoming flow', async () => {
    const { report, model } = await guided(
      definitions(
        '<bpmn:process id="p"><bpmn:startEvent id="s"/>' +
          '<bpmn:subProcess id="sub"><bpmn:task id="t1" name="A"/><bpmn:task id="t2" name="B"/>' +
          flow('x', 't1', 't2') +
          '</bpmn:subProcess><bpmn:endEvent id="e"/>' +
          flow('f0', 's', 'sub') +
          flow('f1', 'sub', 'e') +
          '</bpmn:process>',
      ),
    );
    expect(report.findings.filter((f) => f.severity === 'blocking')).toEqual([]);
    expect(report.guided!.find((g) => g.elementId === 'sub')?.kind).toBe('start');
    const harness = runProcess(model!);
    harness.complete('t1');
    harness.complete('t2');
    expect(harness.result?.state).toBe('completed');
  });

  it('a boundary event without details fires only on its guided confirmation message', async () => {
    const { report, model } = await guided(
      definitions(
        '<bpmn:process id="p"><bpmn:startEvent id="s"/><bpmn:task id="work" name="Bearbeiten"/>' +
          '<bpmn:boundaryEvent id="cancel" name="Rücknahme" attachedToRef="work"><bpmn:messageEventDefinition/></bpmn:boundaryEvent>' +
          '<bpmn:endEvent id="done"/><bpmn:endEvent id="withdrawn"/>' +
          flow('f0', 's', 'work') +
          flow('f1', 'work', 'done') +
          flow('f2', 'cancel', 'withdrawn') +
          '</bpmn:process>',
      ),
    );
    expect(report.guided!.find((g) => g.elementId === 'cancel')?.kind).toBe('confirmation');
    const harness = runProcess(model!);
    harness.message({ name: 'Rücknahme', variables: {} });
    expect(harness.result).toBeUndefined();
    harness.message({ name: 'guided:cancel', variables: {} });
    expect(harness.result).toMatchObject({ state: 'completed', endEventId: 'withdrawn' });
    expect(harness.tasks.find((t) => t.elementId === 'work')?.status).toBe('cancelled');
  });

  it('leaves an executable model exactly as it compiles without guided mode', async () => {
    const parsed = await parseFiles(TRADE_DEFAULT);
    const plain = buildReport(parsed);
    const asGuided = buildReport(parsed, { guided: true });
    expect(asGuided.guided).toEqual([]);
    expect(compileModel(parsed, asGuided)).toEqual(compileModel(parsed, plain));
  });
});

describe('bpmn/trade-guided.bpmn, the descriptive twin of the trade model', () => {
  const TRADE_GUIDED = TRADE_DEFAULT.replace('trade-default.bpmn', 'trade-guided.bpmn');

  it('is not executable as it is, runs guided, and its decision reaches the case', async () => {
    const parsed = await parseFiles(TRADE_GUIDED);
    expect(buildReport(parsed).executable).toBe(false);
    const report = buildReport(parsed, { guided: true });
    expect(report.executable).toBe(true);
    const model = compileModel(parsed, report);
    // documents missing, the deadline passes, then approval
    const harness = runProcess(model);
    harness.complete('Task_RegisterCheck');
    harness.complete('Task_Review');
    harness.complete(choiceTaskId('Gateway_Decision'), {
      [GUIDED_CHOICE]: 'Flow_RequestDocuments',
      decidedBy: 'Frau Test',
    });
    harness.complete('Task_RequestDocuments');
    const wait = harness.openTask(choiceTaskId('Gateway_Wait'));
    expect(wait.formFields![0]!.options!.map((o) => o.label)).toEqual(['Unterlagen eingegangen', '14 Tage']);
    harness.complete(wait.taskId, { [GUIDED_CHOICE]: 'Flow_ToDeadline' });
    harness.complete('Task_Review');
    harness.complete(choiceTaskId('Gateway_Decision'), {
      [GUIDED_CHOICE]: 'Flow_Approved',
      decidedBy: 'Frau Test',
    });
    expect(harness.result).toMatchObject({ state: 'completed', endEventId: 'EndEvent_Approved' });
    expect(decisionFromVariables(harness.result!.variables)).toEqual({
      decision: 'approved',
      reasons: '',
      decidedBy: 'Frau Test',
    });
  });
});
