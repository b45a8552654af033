// The process-model depot: import creates an immutable version (parsed, reported, compiled), activation
// decides which version new cases start with. Running cases keep the model they pinned at start.
import crypto from 'node:crypto';
import { constraintViolation } from '../db/errors';
import { inTransaction, type Pool } from '../db/pool';
import { inDepotKey, logDepotChange, nextVersion, type DepotKey } from '../db/versionedDepot';
import { checkSources, type BpmnSource } from './parse';
import type { ImportReport } from './report';
import { analyseInThread } from './parsePool';
import type { ProcessModel } from '../workflows/bpmn/model';

export interface ProcessModelImport {
  leikaId: string;
  /** Municipality-specific model; omit for the service-wide one. */
  ars?: string | null;
  name?: string;
  /** The first file holds the main process. */
  files: BpmnSource[];
  createdBy: string;
  knownTaskTypes?: Iterable<string>;
  /** Run descriptive elements as caseworker steps, choices and confirmations (guided mode). */
  guided?: boolean;
}

export interface ProcessModelSummary {
  id: string;
  leikaId: string;
  ars: string | null;
  version: number;
  name: string;
  executable: boolean;
  /** Imported in guided mode. */
  guided: boolean;
  mainFile: string;
  filenames: string[];
  sha256: string;
  createdAt: string;
  createdBy: string;
  /** Scopes in which this version is the active one now ('*' = service-wide). */
  activeFor: string[];
}

export interface ProcessModelRow extends ProcessModelSummary {
  report: ImportReport;
  compiled: ProcessModel | null;
  files: Record<string, string>;
}

export interface ActiveProcessModel {
  id: string;
  version: number;
  leikaId: string;
  ars: string | null;
  name: string;
  compiled: ProcessModel;
}

/** A depot rule was violated (unknown service, not executable, wrong scope); `code` is stable. */
export class ProcessModelError extends Error {
  override readonly name = 'ProcessModelError';
  constructor(
    readonly code:
      'unknown-service' | 'unknown-municipality' | 'not-executable' | 'wrong-scope' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

const ACTIVE_SCOPES = `
  coalesce((SELECT array_agg(coalesce(a.ars::text, '*') ORDER BY a.ars NULLS FIRST)
     FROM (SELECT DISTINCT ON (leika_id, coalesce(ars, '')) model_id, ars FROM process_model_activations
            WHERE leika_id = m.leika_id ORDER BY leika_id, coalesce(ars, ''), id DESC) a
    WHERE a.model_id = m.id), '{}') AS active_for`;

const SUMMARY_COLUMNS = `m.id, m.leika_id, m.ars, m.version, m.name, m.executable, m.guided, m.main_file, m.sha256, m.created_at, m.created_by,
  ARRAY(SELECT jsonb_object_keys(m.files)) AS filenames, ${ACTIVE_SCOPES}`;

interface SummaryRow {
  id: string;
  leika_id: string;
  ars: string | null;
  version: number;
  name: string;
  executable: boolean;
  guided: boolean;
  main_file: string;
  sha256: string;
  created_at: Date;
  created_by: string;
  filenames: string[];
  active_for: string[];
}

interface FullRow extends SummaryRow {
  report: ImportReport;
  compiled: ProcessModel | null;
  files: Record<string, string>;
}

function summary(r: SummaryRow): ProcessModelSummary {
  const others = r.filenames.filter((f) => f !== r.main_file).sort();
  return {
    id: r.id,
    leikaId: r.leika_id,
    ars: r.ars,
    version: r.version,
    name: r.name,
    executable: r.executable,
    guided: r.guided,
    mainFile: r.main_file,
    filenames: [r.main_file, ...others],
    sha256: r.sha256,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    activeFor: r.active_for,
  };
}

const UNKNOWN_MUNICIPALITY = 'The municipality (ARS) is not configured; add it in the configuration first.';
const UNKNOWN_SERVICE = 'The service (LeiKa key) is not configured; add it in the configuration first.';

function translate(error: unknown): never {
  const violation = constraintViolation(error);
  const missing = violation?.kind === 'missing-reference' ? violation.table : undefined;
  if (missing === 'municipalities') {
    throw new ProcessModelError('unknown-municipality', UNKNOWN_MUNICIPALITY);
  }
  if (missing === 'services') {
    throw new ProcessModelError('unknown-service', UNKNOWN_SERVICE);
  }
  throw error;
}

/** Parses, reports and (if executable) compiles the files and stores them as the next version. Throws BpmnParseError for unreadable XML. */
export async function importProcessModel(
  pool: Pool,
  input: ProcessModelImport,
): Promise<{ model: ProcessModelSummary; report: ImportReport }> {
  const id = crypto.randomUUID();
  const ars = input.ars ?? null;
  // Cheap refusals first; only then does the parser thread spend time on the files.
  checkSources(input.files);
  await assertScopeExists(pool, input.leikaId, ars);
  const analysis = await analyseInThread({
    files: input.files,
    knownTaskTypes: input.knownTaskTypes ? [...input.knownTaskTypes] : undefined,
    id,
    name: input.name,
    guided: input.guided === true,
  });
  const { report } = analysis;
  try {
    // Versions count per service and scope; concurrent imports of one scope take turns.
    const key: DepotKey = { table: 'process_models', columns: { leika_id: input.leikaId, ars } };
    await inDepotKey(pool, key, async (client) => {
      const version = await nextVersion(client, key);
      const compiled = analysis.compiled && { ...analysis.compiled, version };
      const name = input.name ?? compiled?.name ?? report.mainProcessId ?? input.files[0]!.filename;
      await client.query(
        `INSERT INTO process_models (id, leika_id, ars, version, name, files, main_file, report, compiled, executable, sha256, created_by, guided)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          id,
          input.leikaId,
          ars,
          version,
          name,
          JSON.stringify(Object.fromEntries(input.files.map((f) => [f.filename, f.xml]))),
          input.files[0]!.filename,
          JSON.stringify(report),
          compiled && JSON.stringify(compiled),
          report.executable,
          analysis.sourceHash,
          input.createdBy,
          input.guided === true,
        ],
      );
      await logDepotChange(client, {
        leikaId: input.leikaId,
        ars,
        ruleVersion: `process-model:${version}`,
        payloadHash: analysis.sourceHash,
        detail: {
          action: 'process-model-import',
          modelId: id,
          version,
          executable: report.executable,
          ...(input.guided ? { guided: true } : {}),
          by: input.createdBy,
        },
      });
    });
  } catch (error) {
    translate(error);
  }
  return { model: (await getProcessModel(pool, id))!, report };
}

async function assertScopeExists(pool: Pool, leikaId: string, ars: string | null): Promise<void> {
  const found = await pool.query<{ service: boolean; municipality: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM services WHERE leika_id = $1) AS service,
            ($2::text IS NULL OR EXISTS (SELECT 1 FROM municipalities WHERE ars = $2)) AS municipality`,
    [leikaId, ars],
  );
  const row = found.rows[0]!;
  if (!row.service) throw new ProcessModelError('unknown-service', UNKNOWN_SERVICE);
  if (!row.municipality) throw new ProcessModelError('unknown-municipality', UNKNOWN_MUNICIPALITY);
}

/** Lists versions, newest first, optionally for one service. */
export async function listProcessModels(
  pool: Pool,
  filter: { leikaId?: string; ars?: string } = {},
): Promise<ProcessModelSummary[]> {
  const result = await pool.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM process_models m
      WHERE ($1::text IS NULL OR m.leika_id = $1) AND ($2::text IS NULL OR m.ars = $2)
      ORDER BY m.leika_id, m.ars NULLS FIRST, m.version DESC LIMIT 1000`,
    [filter.leikaId ?? null, filter.ars ?? null],
  );
  return result.rows.map(summary);
}

/** One version with its report, compiled model and files. */
export async function getProcessModel(pool: Pool, id: string): Promise<ProcessModelRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const result = await pool.query<FullRow>(
    `SELECT ${SUMMARY_COLUMNS}, m.report, m.compiled, m.files FROM process_models m WHERE m.id = $1`,
    [id],
  );
  const r = result.rows[0];
  return r && { ...summary(r), report: r.report, compiled: r.compiled, files: r.files };
}

/** Activates a version for new cases of its service, service-wide or (with `ars`) for one municipality. */
export async function activateProcessModel(
  pool: Pool,
  id: string,
  options: { ars?: string | null; activatedBy: string },
): Promise<ProcessModelSummary> {
  const model = await getProcessModel(pool, id);
  if (!model) throw new ProcessModelError('not-found', `No process model ${id}.`);
  if (!model.executable) {
    throw new ProcessModelError(
      'not-executable',
      `Version ${model.version} has ${model.report.counts.findings.blocking} blocking finding(s); fix them and import a new version.`,
    );
  }
  const ars = options.ars ?? model.ars;
  if (model.ars && ars !== model.ars) {
    throw new ProcessModelError(
      'wrong-scope',
      `Version ${model.version} belongs to municipality ${model.ars}; it cannot be activated for ${ars ?? 'the whole service'}.`,
    );
  }
  try {
    await inTransaction(pool, async (client) => {
      await client.query(
        'INSERT INTO process_model_activations (model_id, leika_id, ars, activated_by) VALUES ($1, $2, $3, $4)',
        [id, model.leikaId, ars, options.activatedBy],
      );
      await logDepotChange(client, {
        leikaId: model.leikaId,
        ars,
        ruleVersion: `process-model:${model.version}`,
        detail: {
          action: 'process-model-activate',
          modelId: id,
          version: model.version,
          scope: ars ?? '*',
          by: options.activatedBy,
        },
      });
    });
  } catch (error) {
    translate(error);
  }
  return (await getProcessModel(pool, id))!;
}

/** The compiled model new cases of this service in this municipality start with; the municipality's own activation wins. */
export async function activeProcessModel(
  pool: Pool,
  leikaId: string,
  ars: string,
): Promise<ActiveProcessModel | undefined> {
  const result = await pool.query<{
    id: string;
    version: number;
    leika_id: string;
    ars: string | null;
    name: string;
    compiled: ProcessModel;
  }>(
    `SELECT m.id, m.version, m.leika_id, m.ars, m.name, m.compiled
       FROM process_model_activations a JOIN process_models m ON m.id = a.model_id
      WHERE a.leika_id = $1 AND (a.ars = $2 OR a.ars IS NULL)
      ORDER BY a.ars IS NULL, a.id DESC LIMIT 1`,
    [leikaId, ars],
  );
  const r = result.rows[0];
  return (
    r && { id: r.id, version: r.version, leikaId: r.leika_id, ars: r.ars, name: r.name, compiled: r.compiled }
  );
}

/** The compiled model of one version as JSON text (undefined if the version is unknown or not executable). */
export async function compiledModelJson(
  pool: Pool,
  id: string,
  version: number,
): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const result = await pool.query<{ json: string }>(
    'SELECT compiled::text AS json FROM process_models WHERE id = $1 AND version = $2 AND compiled IS NOT NULL',
    [id, version],
  );
  return result.rows[0]?.json;
}
