// Parse, report and compile of an import in one step: what a BPMN parser thread does (bpmn/parsePool.ts).
import { parseBpmn, type BpmnSource } from './parse';
import { buildReport, type ImportReport } from './report';
import { compileModel } from './compile';
import type { ProcessModel } from '../workflows/bpmn/model';

export interface AnalyseRequest {
  files: BpmnSource[];
  knownTaskTypes?: string[];
  /** Guided mode: descriptive elements run as caseworker steps (bpmn/guided.ts). */
  guided?: boolean;
  /** Model id and name for the compiled model; its version is set by the depot. */
  id: string;
  name?: string;
}

export interface Analysis {
  sourceHash: string;
  report: ImportReport;
  /** The compiled model (version 0) when the report says it is executable. */
  compiled: ProcessModel | null;
}

/** Parses, reports and compiles; throws BpmnParseError for unreadable input. */
export async function analyseBpmn(request: AnalyseRequest): Promise<Analysis> {
  const parsed = await parseBpmn(request.files);
  const report = buildReport(parsed, { knownTaskTypes: request.knownTaskTypes, guided: request.guided });
  const compiled = report.executable
    ? compileModel(parsed, report, { id: request.id, name: request.name })
    : null;
  return { sourceHash: parsed.sourceHash, report, compiled };
}
