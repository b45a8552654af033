// The import report: for every element id, whether the hub executes it, ignores it (documentation,
// layout, data, organisation) or cannot run it (blocking). A model is executable only without blocking
// findings; unsupported elements are always reported, never passed through silently.
import { children, is, isAny, type BpmnElement } from './is';
import type { ParsedBpmn, ParsedFile, ParseWarning } from './parse';
import { hasFlowElements, indexProcesses, type ProcessIndex } from './processIndex';
import { vendorNotes, type Note } from './vendorNotes';
import { IGNORED_TYPES, scope } from './checkScope';
import { guideFindings, planGuidance, type GuidedEntry } from './guided';
import {
  ReportBuilder,
  type ElementEntry,
  type ElementStatus,
  type Finding,
  type Severity,
} from './reportBuilder';

export type { ElementEntry, ElementStatus, Finding, Severity } from './reportBuilder';

export interface ImportReport {
  executable: boolean;
  mainProcessId: string | null;
  files: { filename: string; sha256: string; processIds: string[] }[];
  processes: { id: string; name?: string; filename: string; isExecutable: boolean; run: boolean }[];
  /** Task types the model binds (service, send, business-rule, script tasks, message throws). */
  taskTypes: string[];
  elements: ElementEntry[];
  findings: Finding[];
  notes: Note[];
  counts: { elements: Record<ElementStatus, number>; findings: Record<Severity, number> };
  /** Set for a guided import: what runs guided, element by element (bpmn/guided.ts). */
  guided?: GuidedEntry[];
}

export interface ReportOptions {
  /** Task types the hub can run; when given, a binding to another type blocks. */
  knownTaskTypes?: Iterable<string>;
  /** The process a case starts; default: the first not-called process of the first file. */
  mainProcessId?: string;
  /** Guided mode: descriptive elements run as caseworker steps, choices and confirmations. */
  guided?: boolean;
}

/** Properties whose dangling reference changes what runs (other dangling references only affect layout). */
const SEMANTIC_REFERENCES = new Set([
  'bpmn:sourceRef',
  'bpmn:targetRef',
  'bpmn:attachedToRef',
  'bpmn:default',
  'bpmn:messageRef',
  'bpmn:errorRef',
  'bpmn:escalationRef',
  'bpmn:signalRef',
  'bpmn:eventDefinitionRef',
]);

/** Builds the report for parsed files; pure (no I/O), so the same input always gives the same report. */
export function buildReport(parsed: ParsedBpmn, options: ReportOptions = {}): ImportReport {
  const known = options.knownTaskTypes ? new Set(options.knownTaskTypes) : undefined;
  const r = new ReportBuilder(known);
  const index = indexProcesses(parsed, options.mainProcessId);

  for (const file of parsed.files) {
    r.filename = file.filename;
    warningsOf(r, file);
    for (const root of children(file.definitions, 'rootElements')) {
      if (is(root, 'bpmn:Process')) continue;
      if (is(root, 'bpmn:Collaboration')) collaboration(r, root);
      else if (isAny(root, IGNORED_TYPES)) r.entry(root, 'ignored');
    }
    for (const diagram of children(file.definitions, 'diagrams')) r.entry(diagram, 'ignored');
  }

  for (const entry of index.processes) {
    r.filename = entry.filename;
    const process = entry.element;
    if (!entry.analysed) {
      r.entry(process, 'ignored');
      const why = hasFlowElements(process)
        ? 'it is marked isExecutable="false" while other processes of the import are executable, and none of them calls it'
        : 'it has no flow elements (a black-box pool)';
      r.add(process, 'info', 'process-not-run', `Process ${entry.id} is not run: ${why}.`);
      continue;
    }
    r.entry(process, 'executable');
    scope(r, process, index, 'process');
  }
  neverRuns(r, index);

  for (const { id, filenames } of index.duplicateIds) {
    r.raw({
      elementId: id,
      elementType: 'bpmn:Process',
      severity: 'blocking',
      code: 'duplicate-process-id',
      filename: filenames[0],
      message: `Process id ${id} is defined in ${filenames.join(', ')}; call activities could not tell which one to call. Rename one.`,
    });
  }
  mainProcessChecks(r, index, parsed);

  const guidance = options.guided ? planGuidance(index) : undefined;
  const { findings, elements } = guidance
    ? guideFindings(r.findings, r.elements(), guidance)
    : { findings: r.findings, elements: r.elements() };
  const count = <K extends string>(values: K[], key: K) => values.filter((v) => v === key).length;
  const statuses = elements.map((e) => e.status);
  const severities = findings.map((f) => f.severity);
  return {
    executable: !severities.includes('blocking'),
    mainProcessId: index.mainProcessId ?? null,
    files: parsed.files.map((f) => ({
      filename: f.filename,
      sha256: f.sha256,
      processIds: index.processes.filter((p) => p.filename === f.filename).map((p) => p.id),
    })),
    processes: index.processes.map((p) => ({
      id: p.id,
      ...(p.name ? { name: p.name } : {}),
      filename: p.filename,
      isExecutable: p.isExecutable,
      run: p.runs,
    })),
    taskTypes: [...r.taskTypes].sort(),
    elements,
    findings,
    notes: vendorNotes(parsed.files),
    counts: {
      elements: {
        executable: count(statuses, 'executable'),
        ignored: count(statuses, 'ignored'),
        blocking: count(statuses, 'blocking'),
      },
      findings: {
        info: count(severities, 'info'),
        warning: count(severities, 'warning'),
        blocking: count(severities, 'blocking'),
      },
    },
    ...(guidance ? { guided: guidance } : {}),
  };
}

/**
 * A process that is checked but never runs (not main, called by nothing that runs) cannot stop a case, so
 * findings on it and its elements (parse warnings included) are kept as warnings: worth fixing before it is
 * made the main process, not blocking now.
 */
function neverRuns(r: ReportBuilder, index: ProcessIndex): void {
  const owner = new Map<string, string>();
  const collect = (container: BpmnElement, processId: string, filename: string) => {
    owner.set(`${filename}#${container.id ?? ''}`, processId);
    for (const element of children(container, 'flowElements')) {
      owner.set(`${filename}#${element.id ?? ''}`, processId);
      if (is(element, 'bpmn:SubProcess')) collect(element, processId, filename);
    }
  };
  for (const entry of index.processes.filter((p) => p.analysed && !p.runs))
    collect(entry.element, entry.id, entry.filename);
  for (const finding of r.findings) {
    const processId = owner.get(`${finding.filename ?? ''}#${finding.elementId}`);
    if (finding.severity !== 'blocking' || !processId) continue;
    finding.severity = 'warning';
    finding.message = `${finding.message} (Not blocking: process ${processId} never runs in a case.)`;
  }
}

function mainProcessChecks(r: ReportBuilder, index: ProcessIndex, parsed: ParsedBpmn): void {
  r.filename = parsed.files[0]?.filename ?? '';
  const main = index.mainProcessId ? index.byId.get(index.mainProcessId) : undefined;
  if (!main) {
    const detail = index.mainProcessId
      ? `The requested main process ${index.mainProcessId} is not in the files.`
      : 'No file contains a process with flow elements.';
    r.raw({
      elementId: index.mainProcessId ?? '',
      elementType: 'bpmn:Process',
      severity: 'blocking',
      code: 'no-process',
      filename: r.filename,
      message: `${detail} Nothing could run.`,
    });
    return;
  }
  if (index.otherStartCandidates.length > 0) {
    r.filename = main.filename;
    r.add(
      main.element,
      'warning',
      'several-main-processes',
      `Cases start process ${main.id}; ${index.otherStartCandidates.join(', ')} ${index.otherStartCandidates.length === 1 ? 'is' : 'are'} neither main nor called and will only be checked, not run.`,
    );
  }
}

function warningsOf(r: ReportBuilder, file: ParsedFile): void {
  const definitionsId = file.definitions.id ?? file.filename;
  for (const warning of file.warnings) {
    const { severity, code } = classifyWarning(warning, file.namespaces);
    const where =
      warning.line === undefined
        ? ''
        : ` (line ${warning.line}${warning.column === undefined ? '' : `, column ${warning.column}`})`;
    r.raw({
      elementId: warning.elementId ?? definitionsId,
      elementType: warning.elementType ?? 'bpmn:Definitions',
      filename: file.filename,
      severity,
      code,
      message: `${warning.message}${where}`,
    });
  }
}

function classifyWarning(
  warning: ParseWarning,
  namespaces: Record<string, string>,
): { severity: Severity; code: string } {
  if (/duplicate ID/i.test(warning.message)) return { severity: 'blocking', code: 'duplicate-id' };
  if (/unparsable content/i.test(warning.message))
    return {
      severity: lostOnlyMetadata(warning, namespaces) ? 'warning' : 'blocking',
      code: 'unparsable-content',
    };
  if (/unresolved reference/i.test(warning.message)) {
    return SEMANTIC_REFERENCES.has(warning.property ?? '')
      ? { severity: 'blocking', code: 'unresolved-reference' }
      : { severity: 'info', code: 'unresolved-layout-reference' };
  }
  if (/encoding/i.test(warning.message)) return { severity: 'info', code: 'encoding' };
  return { severity: 'warning', code: 'xml-warning' };
}

const BPMN_MODEL = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const LAYOUT = [
  'http://www.omg.org/spec/BPMN/20100524/DI',
  'http://www.omg.org/spec/DD/20100524/DC',
  'http://www.omg.org/spec/DD/20100524/DI',
];
/** BPMN elements whose content is documentation or vendor extension, never process semantics. */
const METADATA_ELEMENTS = new Set(['documentation', 'extensionElements', 'textAnnotation', 'text']);

/**
 * True if the content moddle dropped sat in documentation, layout or vendor metadata: an element of another
 * namespace than BPMN's model, or anything inside documentation, extension elements, text annotations or
 * the diagram. Then nothing that runs was lost.
 */
function lostOnlyMetadata(warning: ParseWarning, namespaces: Record<string, string>): boolean {
  const own = /unparsable content <\/?([A-Za-z_][\w.:-]*)/.exec(warning.message)?.[1];
  if (!own || !warning.context) return false;
  const resolve = (qualified: string) => {
    const colon = qualified.indexOf(':');
    const prefix = colon < 0 ? '' : qualified.slice(0, colon);
    return { uri: namespaces[prefix], local: qualified.slice(colon + 1) };
  };
  const path = [...warning.context, own].map(resolve);
  if (path.some((p) => p.uri !== undefined && LAYOUT.includes(p.uri))) return true;
  if (path.some((p) => p.uri === BPMN_MODEL && METADATA_ELEMENTS.has(p.local))) return true;
  return resolve(own).uri !== BPMN_MODEL;
}

function collaboration(r: ReportBuilder, element: BpmnElement): void {
  r.entry(element, 'ignored');
  for (const participant of children(element, 'participants')) r.entry(participant, 'ignored');
  const flows = children(element, 'messageFlows');
  for (const flow of flows) r.entry(flow, 'ignored');
  if (flows.length > 0) {
    r.add(
      element,
      'info',
      'message-flows-ignored',
      'Message flows between pools are documentation; a message reaches a running case through a message catch event or receive task and its correlation key.',
    );
  }
  for (const artifact of children(element, 'artifacts')) r.entry(artifact, 'ignored');
}
