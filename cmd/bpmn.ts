// `npm run bpmn -- report <files>` prints the import report as a table; `import`, `list` and `activate`
// work on the depot directly in PostgreSQL (DATABASE_URL), with the same code the admin API runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config';
import { createPool, type Pool } from '../db/pool';
import { migrate } from '../db/migrate';
import { activateProcessModel, importProcessModel, listProcessModels } from '../bpmn/depot';
import { BpmnParseError, decodeXml, parseBpmn, type BpmnSource } from '../bpmn/parse';
import { buildReport } from '../bpmn/report';
import { formatReport } from '../bpmn/formatReport';
import { HUB_TASK_TYPES } from '../bpmn/taskBinding';

const USAGE = `Usage:
  npm run bpmn -- report [--known type1,type2 | --hub-types] [--guided] [--json] file.bpmn [more.bpmn ...]
  npm run bpmn -- import --service <LeiKa> [--ars <ARS>] [--name <name>] [--guided] [--activate] file.bpmn [more.bpmn ...]
  npm run bpmn -- list [--service <LeiKa>]
  npm run bpmn -- activate <model id> [--ars <ARS>]
The first file holds the main process; --guided runs descriptive elements as caseworker steps. import/list/activate use DATABASE_URL (default: the embedded
database of \`npm start\` on EMBEDDED_POSTGRES_PORT). Exit code 1: the model has blocking findings.`;

const out = (line = '') => process.stdout.write(`${line}\n`);

function readSources(files: string[]): BpmnSource[] {
  if (files.length === 0) throw new UsageError('Name at least one BPMN file.');
  return files.map((file) => ({ filename: path.basename(file), xml: decodeXml(fs.readFileSync(file)) }));
}

class UsageError extends Error {}

function pool(): Pool {
  const config = loadConfig();
  const url =
    config.databaseUrl ??
    `postgresql://drehscheibe:drehscheibe@127.0.0.1:${config.embeddedPostgresPort}/drehscheibe`;
  return createPool(url, 2);
}

async function withDepot<T>(fn: (db: Pool) => Promise<T>): Promise<T> {
  const db = pool();
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.end();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      ars: { type: 'string' },
      name: { type: 'string' },
      known: { type: 'string' },
      'hub-types': { type: 'boolean' },
      json: { type: 'boolean' },
      activate: { type: 'boolean' },
      guided: { type: 'boolean' },
    },
  });
  switch (command) {
    case 'report': {
      const known = values['hub-types']
        ? HUB_TASK_TYPES
        : values.known
            ?.split(',')
            .map((t) => t.trim())
            .filter(Boolean);
      const report = buildReport(await parseBpmn(readSources(positionals)), {
        knownTaskTypes: known,
        guided: values.guided === true,
      });
      out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return report.executable ? 0 : 1;
    }
    case 'import': {
      if (!values.service) throw new UsageError('import needs --service <LeiKa key>.');
      const files = readSources(positionals);
      return withDepot(async (db) => {
        const { model, report } = await importProcessModel(db, {
          leikaId: values.service!,
          ars: values.ars ?? null,
          name: values.name,
          files,
          createdBy: `cli:${os.userInfo().username}`,
          knownTaskTypes: HUB_TASK_TYPES,
          guided: values.guided === true,
        });
        out(formatReport(report));
        out(
          `\nStored as version ${model.version} of ${model.leikaId}${model.ars ? ` for ${model.ars}` : ''}: ${model.id}`,
        );
        if (values.activate && report.executable) {
          await activateProcessModel(db, model.id, {
            ars: values.ars ?? null,
            activatedBy: `cli:${os.userInfo().username}`,
          });
          out('Activated for new cases.');
        }
        return report.executable ? 0 : 1;
      });
    }
    case 'list':
      return withDepot(async (db) => {
        for (const m of await listProcessModels(db, { leikaId: values.service })) {
          out(
            `${m.id}  ${m.leikaId} ${m.ars ?? '(all)       '} v${String(m.version).padEnd(3)} ${m.executable ? (m.guided ? 'guided     ' : 'executable ') : 'blocked    '} active: ${m.activeFor.join(',') || '-'}  ${m.name}`,
          );
        }
        return 0;
      });
    case 'activate': {
      const id = positionals[0];
      if (!id) throw new UsageError('activate needs the model id.');
      return withDepot(async (db) => {
        const model = await activateProcessModel(db, id, {
          ars: values.ars ?? null,
          activatedBy: `cli:${os.userInfo().username}`,
        });
        out(`Version ${model.version} of ${model.leikaId} is active for: ${model.activeFor.join(', ')}`);
        return 0;
      });
    }
    default:
      throw new UsageError(command ? `Unknown command ${command}.` : 'Name a command.');
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    else if (error instanceof BpmnParseError)
      process.stderr.write(`BPMN refused (${error.code}): ${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
