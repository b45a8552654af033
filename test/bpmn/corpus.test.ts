import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../bpmn/report';
import { compileModel } from '../../bpmn/compile';
import { CORPUS, corpusFiles, parseFiles } from './load';

const SEVERITIES = ['info', 'warning', 'blocking'];

describe('the BPMN corpus (MIWG reference, Camunda Modeler and Signavio exports)', () => {
  it('imports every file without a crash and reports on every element', async () => {
    // given every file of all three folders
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(110);
    expect(new Set(files.map((f) => f.split(path.sep)[0]))).toEqual(
      new Set(['miwg-reference', 'miwg-camunda-modeler-18.6.1', 'miwg-signavio-19.9.0']),
    );
    let executable = 0;
    for (const file of files) {
      // when it is imported on its own
      const parsed = await parseFiles(path.join(CORPUS, file));
      const report = buildReport(parsed);
      // then there is a plain-JSON report whose findings and element entries are complete
      expect(JSON.parse(JSON.stringify(report)), file).toEqual(report);
      expect(report.elements.length, file).toBeGreaterThan(0);
      for (const finding of report.findings) {
        expect(SEVERITIES, file).toContain(finding.severity);
        expect(finding.code, file).toMatch(/^[a-z0-9-]+$/);
        expect(finding.message.length, file).toBeGreaterThan(10);
      }
      expect(report.executable, file).toBe(!report.findings.some((f) => f.severity === 'blocking'));
      // and executable models compile to plain JSON
      if (report.executable) {
        executable += 1;
        const model = compileModel(parsed, report);
        expect(JSON.parse(JSON.stringify(model)), file).toStrictEqual(model);
      }
    }
    // the figures in docs/bpmn-interpreter.md ("Guided mode"): 22 of 114 executable as imported
    expect(executable).toBe(22);
  });

  it('runs 61 more files in guided mode and keeps the rest blocked for what guided mode cannot supply', async () => {
    let guided = 0;
    const stillBlocking = new Map<string, number>();
    for (const file of corpusFiles()) {
      const parsed = await parseFiles(path.join(CORPUS, file));
      if (buildReport(parsed).executable) continue;
      const report = buildReport(parsed, { guided: true });
      if (report.executable) {
        guided += 1;
        // every guided element is listed in the report and as a finding
        expect(report.guided!.length, file).toBeGreaterThan(0);
        expect(report.findings.filter((f) => f.code.startsWith('guided-')).length, file).toBe(
          report.guided!.length,
        );
        const model = compileModel(parsed, report);
        expect(JSON.parse(JSON.stringify(model)), file).toStrictEqual(model);
      } else
        for (const f of report.findings.filter((f) => f.severity === 'blocking'))
          stillBlocking.set(f.code, (stillBlocking.get(f.code) ?? 0) + 1);
    }
    expect(guided).toBe(61);
    // what guided mode answers never blocks a guided import
    for (const code of [
      'missing-task-type',
      'missing-condition',
      'condition-is-label',
      'timer-without-expression',
    ])
      expect(stillBlocking.has(code), code).toBe(false);
  });

  it('reads sub-diagrams exported as separate files together and reports a process id they share', async () => {
    // given Signavio's C.4.0 export: four files, three of which reuse one process id for different pools
    const names = [
      'C.4.0-export.1.bpmn',
      'C.4.0-export.2.bpmn',
      'C.4.0-export.3.bpmn',
      'C.4.0-export.4.bpmn',
    ];
    // when they are imported together
    const report = buildReport(
      await parseFiles(...names.map((n) => path.join(CORPUS, 'miwg-signavio-19.9.0', n))),
    );
    // then every file is read, and the shared id blocks (a call activity could not tell which process it means)
    expect(report.files.map((f) => f.filename)).toEqual(names);
    expect(report.processes.map((p) => p.filename)).toEqual(['C.4.0-export.1.bpmn', 'C.4.0-export.2.bpmn']);
    const duplicate = report.findings.filter((f) => f.code === 'duplicate-process-id');
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]).toMatchObject({
      elementId: 'sid-01FE558B-6C4E-43AD-8E51-E9CE34A2C325',
      severity: 'blocking',
    });
    expect(duplicate[0]!.message).toContain('C.4.0-export.2.bpmn, C.4.0-export.3.bpmn, C.4.0-export.4.bpmn');
  });
});
