// Brings an import's DMN decisions into the BPMN report and the compiled model: their findings and
// elements join the report, and business-rule tasks calling an imported decision carry it (evaluated in
// the workflow instead of running as task type `decision:<id>`).
import crypto from 'node:crypto';
import type { ImportReport } from './report';
import type { BpmnSource } from './parse';
import { decisionClosure, type DmnImport } from './dmn';
import type { FlowElement, ProcessModel, Scope } from '../workflows/bpmn/model';

/** `decision:<id>` task types that the import's DMN evaluates (with all decisions they require). */
export function decisionTaskTypes(dmn: DmnImport): string[] {
  return Object.keys(dmn.decisions)
    .filter((id) => decisionClosure(dmn.decisions, id))
    .map((id) => `decision:${id}`);
}

/** Adds the DMN files, decisions and findings to the report; a blocking DMN finding blocks the model. */
export function mergeDmnReport(report: ImportReport, dmn: DmnImport, sources: readonly BpmnSource[]): void {
  for (const decision of Object.values(dmn.decisions)) {
    if (decisionClosure(dmn.decisions, decision.id)) continue;
    const missing = decision.requires.filter((id) => !dmn.decisions[id]);
    dmn.findings.push({
      elementId: decision.id,
      elementType: 'dmn:Decision',
      filename: dmn.files.find((f) => f.decisionIds.includes(decision.id))?.filename ?? '',
      severity: 'blocking',
      code: 'dmn-required-decision-missing',
      message: `Decision ${decision.id} requires ${missing.join(', ') || 'a decision that cannot run'}; import its DMN file too.`,
    });
  }
  for (const file of dmn.files) {
    const xml = sources.find((s) => s.filename === file.filename)?.xml ?? '';
    report.files.push({
      filename: file.filename,
      sha256: crypto.createHash('sha256').update(xml).digest('hex'),
      processIds: [],
    });
    for (const id of file.decisionIds) {
      const blocked = dmn.findings.some((f) => f.elementId === id && f.severity === 'blocking');
      const status = blocked ? 'blocking' : 'executable';
      report.elements.push({ elementId: id, elementType: 'dmn:Decision', filename: file.filename, status });
      report.counts.elements[status] += 1;
    }
  }
  for (const finding of report.findings) {
    const id =
      finding.code === 'decision-as-task' ? /decision:(\S+?)"/.exec(finding.message)?.[1] : undefined;
    if (id && decisionClosure(dmn.decisions, id)) {
      finding.code = 'decision-evaluated';
      finding.message = `The DMN decision ${id} of this import is evaluated by the hub (FEEL, in the process).`;
    }
  }
  for (const finding of dmn.findings) {
    report.findings.push(finding);
    report.counts.findings[finding.severity] += 1;
  }
  if (dmn.findings.some((f) => f.severity === 'blocking')) report.executable = false;
}

function attachInScope(scope: Scope, dmn: DmnImport): void {
  for (const element of Object.values(scope.elements) as FlowElement[]) {
    if (element.kind === 'subProcess') attachInScope(element.scope, dmn);
    if (element.kind !== 'businessRuleTask') continue;
    const decisionId = element.headers.decisionId;
    const decisions = decisionId ? decisionClosure(dmn.decisions, decisionId) : undefined;
    if (!decisionId || !decisions || element.taskType !== `decision:${decisionId}`) continue;
    // Camunda 8 requires a result variable; without one the result goes to a variable named like the decision.
    element.decision = {
      decisionId,
      resultVariable: element.headers.resultVariable ?? decisionId,
      decisions,
    };
  }
}

/** Lets business-rule tasks that call an imported decision evaluate it (the model is changed in place). */
export function attachDecisions(model: ProcessModel, dmn: DmnImport): ProcessModel {
  for (const process of Object.values(model.processes)) attachInScope(process, dmn);
  return model;
}
