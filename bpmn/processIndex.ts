// Which processes of an import are run and which one a case starts. Several files are stitched by
// process id: a call activity in one file may call a process defined in another (PICTURE sub-diagrams).
import { child, children, extension, flag, is, text, type BpmnElement } from './is';
import type { ParsedBpmn } from './parse';

export interface ProcessEntry {
  id: string;
  name?: string;
  filename: string;
  element: BpmnElement;
  isExecutable: boolean;
  /** Run by this import: an executable process (or any, if none is marked executable) or one called by it. */
  analysed: boolean;
  /** Runs in a case: the main process and every process it calls, directly or indirectly. */
  runs: boolean;
}

export interface ProcessIndex {
  processes: ProcessEntry[];
  byId: Map<string, ProcessEntry>;
  /** Ids defined more than once (in one or several files); the first definition wins. */
  duplicateIds: { id: string; filenames: string[] }[];
  mainProcessId: string | undefined;
  /** Other candidates for the main process (not called by anything); only the main one starts a case. */
  otherStartCandidates: string[];
}

/** The process id a call activity calls: zeebe:calledElement processId, else the BPMN calledElement. */
export function calledProcessId(callActivity: BpmnElement): string | undefined {
  return (
    text(extension(callActivity, 'zeebe:CalledElement'), 'processId') ?? text(callActivity, 'calledElement')
  );
}

/** All call activities of a flow-element container, sub-processes included. */
export function callActivitiesIn(container: BpmnElement): BpmnElement[] {
  const found: BpmnElement[] = [];
  for (const element of children(container, 'flowElements')) {
    if (is(element, 'bpmn:CallActivity')) found.push(element);
    if (is(element, 'bpmn:SubProcess')) found.push(...callActivitiesIn(element));
  }
  return found;
}

/** Indexes the processes of all files; `mainProcessId` overrides the choice of the main process. */
export function indexProcesses(parsed: ParsedBpmn, mainProcessId?: string): ProcessIndex {
  const processes: ProcessEntry[] = [];
  const byId = new Map<string, ProcessEntry>();
  const filenamesById = new Map<string, string[]>();
  for (const file of parsed.files) {
    for (const element of children(file.definitions, 'rootElements')) {
      if (!is(element, 'bpmn:Process') || !element.id) continue;
      filenamesById.set(element.id, [...(filenamesById.get(element.id) ?? []), file.filename]);
      if (byId.has(element.id)) continue;
      const name = text(element, 'name');
      const entry: ProcessEntry = {
        id: element.id,
        ...(name ? { name } : {}),
        filename: file.filename,
        element,
        isExecutable: flag(element, 'isExecutable', false),
        analysed: false,
        runs: false,
      };
      processes.push(entry);
      byId.set(entry.id, entry);
    }
  }
  const duplicateIds = [...filenamesById]
    .filter(([, names]) => names.length > 1)
    .map(([id, filenames]) => ({ id, filenames }));

  const anyExecutable = processes.some((p) => p.isExecutable);
  const roots = processes.filter(
    (p) => ((!anyExecutable || p.isExecutable) && hasFlowElements(p.element)) || p.id === mainProcessId,
  );
  const queue = [...roots];
  while (queue.length > 0) {
    const entry = queue.shift()!;
    if (entry.analysed) continue;
    entry.analysed = true;
    for (const call of callActivitiesIn(entry.element)) {
      const target = byId.get(calledProcessId(call) ?? '');
      if (target && !target.analysed) queue.push(target);
    }
  }

  const called = new Set(
    processes.filter((p) => p.analysed).flatMap((p) => callActivitiesIn(p.element).map(calledProcessId)),
  );
  const firstFile = parsed.files.find((file) => roots.some((p) => p.filename === file.filename))?.filename;
  const inFirstFile = roots.filter((p) => p.filename === firstFile);
  const candidates = inFirstFile.filter((p) => !called.has(p.id));
  const chosen = mainProcessId ?? (candidates[0] ?? inFirstFile[0] ?? roots[0])?.id;
  const running = chosen ? [byId.get(chosen)].filter((p) => p !== undefined) : [];
  while (running.length > 0) {
    const entry = running.shift()!;
    if (entry.runs) continue;
    entry.runs = true;
    for (const call of callActivitiesIn(entry.element)) {
      const target = byId.get(calledProcessId(call) ?? '');
      if (target && !target.runs) running.push(target);
    }
  }
  return {
    processes,
    byId,
    duplicateIds,
    mainProcessId: chosen,
    otherStartCandidates: candidates.map((p) => p.id).filter((id) => id !== chosen),
  };
}

/** Empty processes (black-box pools) are not run. */
export function hasFlowElements(process: BpmnElement): boolean {
  return children(process, 'flowElements').length > 0;
}

/** The zeebe:versionTag of a process, if any. */
export function versionTagOf(process: BpmnElement): string | undefined {
  return text(extension(process, 'zeebe:VersionTag'), 'value') ?? text(process, 'versionTag');
}

/** The participant (pool) that shows a process, for naming. */
export function participantOf(definitions: BpmnElement, processId: string): BpmnElement | undefined {
  for (const collaboration of children(definitions, 'rootElements').filter((e) =>
    is(e, 'bpmn:Collaboration'),
  )) {
    const found = children(collaboration, 'participants').find(
      (p) => child(p, 'processRef')?.id === processId,
    );
    if (found) return found;
  }
  return undefined;
}
