// A caseworker stand-in for guided cases: imports a BPMN file in guided mode, runs it on the engine harness
// and answers every open task (steps, choices, confirmations) until the process ends or nothing moves.
import path from 'node:path';
import { buildReport, type ImportReport } from '../../../bpmn/report';
import { compileModel } from '../../../bpmn/compile';
import { GUIDED_CHOICE } from '../../../bpmn/guidedCompile';
import { assertFormOutput } from '../../../workflows/forms';
import type { ProcessModel, Scope } from '../../../workflows/bpmn/model';
import type { BpmnProcessResult } from '../../../workflows/bpmn/api';
import { CORPUS, parseFiles } from '../../bpmn/load';
import { runProcess, type HarnessTask, type ProcessHarness } from './harness';

export interface GuidedRun {
  file: string;
  report: ImportReport;
  model?: ProcessModel;
  result?: BpmnProcessResult;
  /** Tasks the driver completed, as `elementId` (choices with the chosen flow). */
  answered: string[];
}

/** Every service task succeeds with no output: guided runs test the flow, not the hub's workers. */
const anyHandler = new Proxy({}, { get: () => () => ({}) }) as Record<string, () => Record<string, unknown>>;

/** Flow distance from each element to the nearest end event of its scope (choices prefer the way out). */
function distancesToEnd(scope: Scope): Map<string, number> {
  const distance = new Map<string, number>();
  const queue = Object.values(scope.elements)
    .filter((e) => e.kind === 'endEvent' || e.outgoing.length === 0)
    .map((e) => e.id);
  for (const id of queue) distance.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const flowId of scope.elements[id]?.incoming ?? []) {
      const source = scope.flows[flowId]?.source;
      if (source && !distance.has(source)) {
        distance.set(source, distance.get(id)! + 1);
        queue.push(source);
      }
    }
  }
  return distance;
}

function scopes(model: ProcessModel): Scope[] {
  const all: Scope[] = [];
  const walk = (scope: Scope) => {
    all.push(scope);
    for (const element of Object.values(scope.elements))
      if (element.kind === 'subProcess') walk(element.scope);
  };
  for (const process of Object.values(model.processes)) walk(process);
  return all;
}

/** The answer a caseworker gives: first visit the first option, later the option nearest to an end. */
function answer(
  task: HarnessTask,
  model: ProcessModel,
  visits: Map<string, number>,
): Record<string, unknown> {
  const field = task.formFields?.find((f) => f.key === GUIDED_CHOICE);
  if (!field) return {};
  const seen = visits.get(task.elementId) ?? 0;
  visits.set(task.elementId, seen + 1);
  const options = (field.options ?? []).map((o) => o.value);
  let chosen = options[0]!;
  if (seen > 0) {
    const scope = scopes(model).find((s) => s.elements[task.elementId]);
    const distance = scope ? distancesToEnd(scope) : new Map<string, number>();
    const far = Number.MAX_SAFE_INTEGER;
    chosen = [...options].sort(
      (a, b) =>
        (distance.get(scope!.flows[a]!.target) ?? far) - (distance.get(scope!.flows[b]!.target) ?? far),
    )[0]!;
  }
  return { [GUIDED_CHOICE]: field.type === 'checklist' ? [chosen] : chosen };
}

/** Imports `file` (relative to the shared corpus) in guided mode and drives it to its end. */
export async function driveGuided(file: string, maxSteps = 300): Promise<GuidedRun> {
  const parsed = await parseFiles(path.join(CORPUS, file));
  const report = buildReport(parsed, { guided: true });
  const run: GuidedRun = { file, report, answered: [] };
  if (!report.executable) return run;
  const model = compileModel(parsed, report);
  run.model = JSON.parse(JSON.stringify(model)) as ProcessModel;
  const harness: ProcessHarness = runProcess(model, {}, { handlers: anyHandler });
  const visits = new Map<string, number>();
  for (let step = 0; step < maxSteps && !harness.result; step++) {
    const open = harness.tasks.find((t) => t.status === 'open');
    if (open) {
      const output = answer(open, model, visits);
      assertFormOutput(open.formFields ?? [], output);
      harness.complete(open.taskId, output);
      run.answered.push(
        `${open.elementId}${output[GUIDED_CHOICE] ? ` -> ${String(output[GUIDED_CHOICE])}` : ''}`,
      );
    } else harness.advance(400 * 24 * 3600 * 1000); // timers with real durations
    if (!open && !harness.result && !harness.tasks.some((t) => t.status === 'open')) break;
  }
  if (harness.result) run.result = harness.result;
  return run;
}
