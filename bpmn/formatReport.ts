// The report as a table for the terminal (`npm run bpmn -- report`).
import type { ImportReport } from './report';
import type { Severity } from './reportBuilder';

const ORDER: Severity[] = ['blocking', 'warning', 'info'];

function cell(value: string, width: number): string {
  return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

/** The report as a table a person can read in a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const { elements, findings } = report.counts;
  lines.push(
    `Executable: ${report.executable ? (report.guided ? 'yes, guided' : 'yes') : 'NO'}   main process: ${report.mainProcessId ?? '-'}`,
  );
  if (report.guided) {
    const kinds = ['step', 'choice', 'confirmation', 'start', 'passed'] as const;
    const count = (kind: string) => report.guided!.filter((g) => g.kind === kind).length;
    lines.push(`Guided: ${kinds.map((k) => `${count(k)} ${k}`).join(', ')} (findings guided-*)`);
  }
  lines.push(
    `Elements: ${elements.executable} executable, ${elements.ignored} ignored, ${elements.blocking} blocking`,
  );
  lines.push(`Findings: ${findings.blocking} blocking, ${findings.warning} warning, ${findings.info} info`);
  lines.push(`Task types: ${report.taskTypes.join(', ') || '-'}`);
  lines.push('');
  const sorted = [...report.findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  if (sorted.length > 0) {
    lines.push(
      `${cell('SEVERITY', 9)} ${cell('CODE', 32)} ${cell('ELEMENT', 40)} ${cell('TYPE', 26)} MESSAGE`,
    );
    for (const f of sorted) {
      const element = f.name ? `${f.elementId} (${f.name.replace(/\s+/g, ' ')})` : f.elementId;
      lines.push(
        `${cell(f.severity, 9)} ${cell(f.code, 32)} ${cell(element, 40)} ${cell(f.elementType, 26)} ${f.message}`,
      );
    }
    lines.push('');
  }
  for (const note of report.notes) lines.push(`Note: ${note.message}`);
  return lines.join('\n');
}
