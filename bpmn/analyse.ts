// Parse, report and compile of an import in one step: what a BPMN parser thread does (bpmn/parsePool.ts).
import crypto from 'node:crypto';
import { parseBpmn, type BpmnSource } from './parse';
import { buildReport, type ImportReport } from './report';
import { compileModel } from './compile';
import type { ProcessModel } from '../workflows/bpmn/model';
import { isDmnFile, readDmn } from './dmn';
import { attachDecisions, decisionTaskTypes, mergeDmnReport } from './dmnReport';

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
  // DMN files (*.dmn) beside the BPMN: their decisions are evaluated by business-rule tasks (bpmn/dmn.ts).
  const dmnSources = request.files.filter(isDmnFile);
  const parsed = await parseBpmn(request.files.filter((f) => !isDmnFile(f)));
  const dmn = await readDmn(dmnSources);
  const knownTaskTypes = request.knownTaskTypes && [...request.knownTaskTypes, ...decisionTaskTypes(dmn)];
  const report = buildReport(parsed, { knownTaskTypes, guided: request.guided });
  if (dmnSources.length > 0) mergeDmnReport(report, dmn, dmnSources);
  const compiled = report.executable
    ? attachDecisions(compileModel(parsed, report, { id: request.id, name: request.name }), dmn)
    : null;
  const sourceHash =
    dmnSources.length === 0
      ? parsed.sourceHash
      : crypto
          .createHash('sha256')
          .update(parsed.sourceHash)
          .update(dmnSources.map((f) => `${f.filename}\u0000${f.xml}`).join('\u0000'))
          .digest('hex');
  return { sourceHash, report, compiled };
}
