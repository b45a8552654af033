// DMN files imported beside the BPMN: read with dmn-moddle (DMN 1.3, as Camunda 8 Modeler exports it) and
// compiled into the plain decisions of workflows/bpmn/decisions.ts; what cannot run becomes a finding.
import { DmnModdle } from 'dmn-moddle';
import { assertSafeXml } from '../platform/safeXml';
import { MAX_FILE_BYTES, type BpmnSource } from './parse';
import { children, child, text, type BpmnElement } from './is';
import type { Decision, HitPolicy, Aggregation } from '../workflows/bpmn/decisions';
import type { Finding } from './reportBuilder';

export interface DmnImport {
  decisions: Record<string, Decision>;
  /** Problems found in the DMN files (blocking ones stop the model). */
  findings: Finding[];
  files: { filename: string; decisionIds: string[] }[];
}

const HIT_POLICIES: readonly string[] = ['UNIQUE', 'FIRST', 'COLLECT'];
const AGGREGATIONS: readonly string[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

/** True for files the import reads as DMN (by name; everything else is BPMN). */
export function isDmnFile(source: BpmnSource): boolean {
  return /\.dmn$/i.test(source.filename);
}

function finding(filename: string, element: BpmnElement | undefined, code: string, message: string): Finding {
  const name = text(element, 'name');
  return {
    elementId: element?.id ?? filename,
    elementType: element?.$type ?? 'dmn:Definitions',
    ...(name ? { name } : {}),
    filename,
    severity: 'blocking',
    code,
    message,
  };
}

function requiredIds(decision: BpmnElement): string[] {
  return children(decision, 'informationRequirement').flatMap((requirement) => {
    const href = text(child(requirement, 'requiredDecision'), 'href');
    return href ? [href.replace(/^.*#/, '')] : [];
  });
}

function compileDecision(filename: string, decision: BpmnElement, findings: Finding[]): Decision | undefined {
  const id = decision.id ?? '';
  const name = text(decision, 'name');
  const logic = child(decision, 'decisionLogic');
  const base = { id, ...(name ? { name } : {}), requires: requiredIds(decision) };
  if (logic?.$type === 'dmn:LiteralExpression')
    return { kind: 'literal', ...base, expression: text(logic, 'text') ?? 'null' };
  if (logic?.$type !== 'dmn:DecisionTable') {
    findings.push(
      finding(
        filename,
        decision,
        'dmn-unsupported-logic',
        `Decision ${id} is ${logic?.$type ?? 'empty'}; the hub evaluates decision tables and literal expressions.`,
      ),
    );
    return undefined;
  }
  const hitPolicy = text(logic, 'hitPolicy') ?? 'UNIQUE';
  const aggregation = text(logic, 'aggregation');
  if (!HIT_POLICIES.includes(hitPolicy)) {
    findings.push(
      finding(
        filename,
        decision,
        'dmn-hit-policy',
        `Decision ${id} has hit policy ${hitPolicy}; the hub evaluates UNIQUE, FIRST and COLLECT. Change the hit policy.`,
      ),
    );
    return undefined;
  }
  if (aggregation && (hitPolicy !== 'COLLECT' || !AGGREGATIONS.includes(aggregation))) {
    findings.push(
      finding(
        filename,
        decision,
        'dmn-hit-policy',
        `Decision ${id}: aggregation ${aggregation} is only allowed with COLLECT (SUM, MIN, MAX, COUNT).`,
      ),
    );
    return undefined;
  }
  const outputs = children(logic, 'output').map((o) => ({ name: text(o, 'name') ?? '' }));
  if (outputs.length > 1 && outputs.some((o) => !o.name)) {
    findings.push(
      finding(
        filename,
        decision,
        'dmn-output-without-name',
        `Decision ${id} has several outputs; each needs a name.`,
      ),
    );
    return undefined;
  }
  if (aggregation && outputs.length !== 1) {
    findings.push(
      finding(
        filename,
        decision,
        'dmn-hit-policy',
        `Decision ${id}: an aggregation needs exactly one output.`,
      ),
    );
    return undefined;
  }
  return {
    kind: 'table',
    ...base,
    hitPolicy: hitPolicy as HitPolicy,
    ...(aggregation ? { aggregation: aggregation as Aggregation } : {}),
    inputs: children(logic, 'input').map((input) => {
      const label = text(input, 'label');
      return {
        ...(label ? { label } : {}),
        expression: text(child(input, 'inputExpression'), 'text') ?? 'null',
      };
    }),
    outputs,
    rules: children(logic, 'rule').map((rule) => ({
      id: rule.id ?? '',
      inputEntries: children(rule, 'inputEntry').map((e) => text(e, 'text') ?? ''),
      outputEntries: children(rule, 'outputEntry').map((e) => text(e, 'text') ?? ''),
    })),
  };
}

/** Reads the DMN files of an import; unreadable files and unsupported decisions become blocking findings. */
export async function readDmn(sources: readonly BpmnSource[]): Promise<DmnImport> {
  const result: DmnImport = { decisions: {}, findings: [], files: [] };
  for (const source of sources) {
    let root: BpmnElement;
    try {
      assertSafeXml(source.xml, MAX_FILE_BYTES);
      root = (await new DmnModdle().fromXML(source.xml, 'dmn:Definitions')).rootElement as BpmnElement;
    } catch (error) {
      result.findings.push(
        finding(
          source.filename,
          undefined,
          'dmn-unreadable',
          `${source.filename} is no DMN 1.3 document (${(error as Error).message.split('\n')[0]}); export it as DMN 1.3 (Camunda Modeler 5+).`,
        ),
      );
      result.files.push({ filename: source.filename, decisionIds: [] });
      continue;
    }
    const ids: string[] = [];
    for (const element of children(root, 'drgElement')) {
      if (element.$type !== 'dmn:Decision' || !element.id) continue;
      const decision = compileDecision(source.filename, element, result.findings);
      if (decision) result.decisions[decision.id] = decision;
      ids.push(element.id);
    }
    result.files.push({ filename: source.filename, decisionIds: ids });
  }
  return result;
}

/** The decision and everything it requires (transitively), as a business-rule task carries them. */
export function decisionClosure(
  decisions: Record<string, Decision>,
  id: string,
): Record<string, Decision> | undefined {
  const closure: Record<string, Decision> = {};
  const visit = (current: string): boolean => {
    if (closure[current]) return true;
    const decision = decisions[current];
    if (!decision) return false;
    closure[current] = decision;
    return decision.requires.every(visit);
  };
  return visit(id) ? closure : undefined;
}
