// Collects findings and per-element statuses while the checks walk the model; an element with a
// blocking finding is reported as blocking whatever status it was entered with.
import { text, type BpmnElement } from './is';

export type Severity = 'info' | 'warning' | 'blocking';

export type ElementStatus = 'executable' | 'ignored' | 'blocking';

export interface Finding {
  elementId: string;
  elementType: string;
  name?: string;
  filename?: string;
  severity: Severity;
  /** Stable code; docs/bpmn-import.md has a row per code. */
  code: string;
  message: string;
}

export interface ElementEntry {
  elementId: string;
  elementType: string;
  name?: string;
  filename: string;
  status: ElementStatus;
}

/** Accumulates the report's findings, element entries and bound task types. */
export class ReportBuilder {
  readonly findings: Finding[] = [];
  private readonly entries = new Map<string, ElementEntry>();
  readonly taskTypes = new Set<string>();
  filename = '';

  constructor(readonly known: ReadonlySet<string> | undefined) {}

  entry(element: BpmnElement, status: ElementStatus): void {
    const id = element.id ?? `${element.$type}@${this.filename}`;
    const name = text(element, 'name');
    if (this.entries.has(`${this.filename}#${id}`)) return;
    this.entries.set(`${this.filename}#${id}`, {
      elementId: id,
      elementType: element.$type,
      ...(name ? { name } : {}),
      filename: this.filename,
      status,
    });
  }

  add(element: BpmnElement, severity: Severity, code: string, message: string): void {
    const name = text(element, 'name');
    this.findings.push({
      elementId: element.id ?? '',
      elementType: element.$type,
      ...(name ? { name } : {}),
      filename: this.filename,
      severity,
      code,
      message,
    });
  }

  raw(finding: Finding): void {
    this.findings.push(finding);
  }

  elements(): ElementEntry[] {
    const blocked = new Set(
      this.findings.filter((f) => f.severity === 'blocking').map((f) => `${f.filename}#${f.elementId}`),
    );
    return [...this.entries.values()].map((e) =>
      blocked.has(`${e.filename}#${e.elementId}`) ? { ...e, status: 'blocking' as const } : e,
    );
  }
}

/** Scopes the checks distinguish: start-event rules differ between them. */
export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess';

/** Adds the blocking finding for an element the interpreter does not run. */
export function unsupported(r: ReportBuilder, node: BpmnElement, what: string): void {
  r.add(
    node,
    'blocking',
    'unsupported-element',
    `${what} is not supported by the hub's process engine (Camunda 8 executable subset). Model it differently or remove it.`,
  );
}
