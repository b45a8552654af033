// DMN decision tables imported beside the BPMN: the report, the compiled model, evaluation by business-rule
// tasks on the engine harness (hit policies, required decisions, a UNIQUE violation as an incident) and one
// run on the real server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyseBpmn } from '../../bpmn/analyse';
import { readDmn } from '../../bpmn/dmn';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import { evaluateDecision } from '../../workflows/bpmn/decisions';
import type { ProcessModel, ServiceTask } from '../../workflows/bpmn/model';
import { runProcess } from '../bpmn-engine/support/harness';
import { startBpmnWorker, type BpmnWorker } from '../bpmn-interpreter/support/bpmnWorker';
import { FIXTURES } from './load';

const file = (name: string) => ({
  filename: name,
  xml: fs.readFileSync(path.join(FIXTURES, 'dmn', name), 'utf8'),
});
const analyse = (...names: string[]) =>
  analyseBpmn({ files: names.map(file), knownTaskTypes: [...HUB_TASK_TYPES], id: 'fee-model' });

let compiled: ProcessModel;

beforeAll(async () => {
  const analysis = await analyse('fee.bpmn', 'fee.dmn');
  compiled = { ...analysis.compiled!, version: 1 };
});

describe('DMN import', () => {
  test('decisions beside the BPMN make business-rule tasks executable and are listed in the report', async () => {
    const { report, compiled: model } = await analyse('fee.bpmn', 'fee.dmn');
    expect(report.executable).toBe(true);
    expect(
      report.findings
        .filter((f) => f.code === 'decision-evaluated')
        .map((f) => f.elementId)
        .sort(),
    ).toEqual(['decideFee', 'listDocuments']);
    expect(
      report.elements.filter((e) => e.elementType === 'dmn:Decision').map((e) => [e.elementId, e.status]),
    ).toEqual([
      ['surcharge', 'executable'],
      ['fee', 'executable'],
      ['documents', 'executable'],
      ['total', 'executable'],
      ['first', 'executable'],
    ]);
    expect(report.files.map((f) => f.filename)).toEqual(['fee.bpmn', 'fee.dmn']);
    const task = model!.processes.feeProcess!.elements.decideFee as ServiceTask;
    expect(task.decision).toMatchObject({ decisionId: 'fee', resultVariable: 'feeResult' });
    expect(Object.keys(task.decision!.decisions).sort()).toEqual(['fee', 'surcharge']);
  });

  test('without the DMN file the decision is an unknown task type and blocks, as before', async () => {
    const { report } = await analyse('fee.bpmn');
    expect(report.executable).toBe(false);
    expect(
      report.findings
        .filter((f) => f.code === 'unknown-task-type')
        .map((f) => f.elementId)
        .sort(),
    ).toEqual(['decideFee', 'listDocuments']);
  });

  test('a hit policy the hub does not evaluate blocks with a finding that names it', async () => {
    const { report, compiled: model } = await analyse('fee.bpmn', 'fee.dmn', 'priority.dmn');
    expect(report.executable).toBe(false);
    expect(model).toBeNull();
    const finding = report.findings.find((f) => f.code === 'dmn-hit-policy');
    expect(finding).toMatchObject({ elementId: 'priority', severity: 'blocking', filename: 'priority.dmn' });
    expect(finding?.message).toMatch(/PRIORITY.*UNIQUE, FIRST and COLLECT/);
  });

  test('a DMN 1.1 file (older namespace) is refused with what to do', async () => {
    const old = {
      filename: 'old.dmn',
      xml: '<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="d"><decision id="x"/></definitions>',
    };
    const dmn = await readDmn([old]);
    expect(dmn.findings).toMatchObject([
      { code: 'dmn-unreadable', severity: 'blocking', filename: 'old.dmn' },
    ]);
    expect(dmn.findings[0]?.message).toMatch(/DMN 1\.3/);
  });
});

describe('DMN evaluation', () => {
  test.each([
    // UNIQUE with two outputs (a context), the required decision's result in an output entry
    [
      { kind: 'Anmeldung', employees: 5, express: true },
      { amount: 50, reason: 'klein' },
    ],
    [
      { kind: 'Anmeldung', employees: 10, express: false },
      { amount: 60, reason: 'groß' },
    ],
    // an empty output entry is null; a list of values in an input entry
    [
      { kind: 'Abmeldung', employees: 3, express: false },
      { amount: 20, reason: null },
    ],
    // no rule matches: null
    [{ kind: 'Sonstiges', employees: 3, express: false }, null],
  ])('a business-rule task decides %j → %j', (variables, expected) => {
    const h = runProcess(compiled, variables);
    expect(h.result?.state).toBe('completed');
    expect(h.result?.variables.feeResult).toEqual(expected);
    expect(h.calls).toEqual([]);
  });

  test('COLLECT lists every matching output in rule order', () => {
    const h = runProcess(compiled, { kind: 'Anmeldung', employees: 5, express: false });
    expect(h.result?.variables.documents).toEqual(['Personalausweis', 'Handelsregisterauszug']);
  });

  test('two matching rules under UNIQUE are an incident at the task, not a guess', () => {
    const h = runProcess(compiled, { kind: 'Ummeldung', employees: 200, express: false });
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 'decideFee', code: 'FEEL_ERROR', state: 'open' }]);
    expect(h.incidents[0]?.message).toMatch(/UNIQUE, but 2 rules matched/);
  });

  test('FIRST takes the first matching rule; COLLECT with SUM adds up', async () => {
    const dmn = await readDmn([file('fee.dmn')]);
    const decide = (decisionId: string, variables: Record<string, unknown>) =>
      evaluateDecision({ decisionId, resultVariable: 'x', decisions: dmn.decisions }, variables);
    expect(decide('first', { employees: 500 })).toBe('groß');
    expect(decide('first', { employees: 50 })).toBe('mittel');
    expect(decide('first', { employees: 5 })).toBe('klein');
    expect(decide('total', { kind: 'Anmeldung' })).toBe(25);
    expect(decide('total', { kind: 'Abmeldung' })).toBe(10);
  });
});

describe('DMN on the real server', () => {
  let w: BpmnWorker;
  beforeAll(async () => {
    w = await startBpmnWorker({});
  });
  afterAll(async () => w?.stop());

  test('a business-rule task evaluates its decision inside the workflow', async () => {
    const handle = await w.start(compiled, { kind: 'Anmeldung', employees: 12, express: true });
    expect(await handle.result()).toMatchObject({
      state: 'completed',
      variables: {
        feeResult: { amount: 80, reason: 'groß' },
        documents: ['Personalausweis', 'Handelsregisterauszug'],
      },
    });
    expect(w.calls).toEqual([]);
  });
});
