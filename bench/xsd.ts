// XSD validation cost per message: the hub's validator (each schema compiled once by libxml2-wasm and kept) against
// xmllint-wasm as the hub used it before (a wasm worker and a schema compile per call), same messages, same run.
// Usage: npx tsx bench/xsd.ts [messages=200]
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { validateXml, type SchemaName } from '../rules/xsd';
import { figure } from './figure';

const messages = Number(process.argv[2] ?? 200);
const baselineMessages = Math.min(messages, 20);
const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');
const cases: { name: string; schema: SchemaName; folder: string; main: string; xml: string }[] = [
  {
    name: 'trade message (XGewerbeanzeige-style)',
    schema: 'xgewerbeanzeige',
    folder: 'xgewerbeanzeige',
    main: 'xgewerbeanzeige.xsd',
    xml: read('../test/rules/fixtures/gewerbemeldung-valid.xml'),
  },
  {
    name: 'xdomea 3.0.0 message (official example)',
    schema: 'xdomea',
    folder: 'xdomea-3.0.0',
    main: 'xdomea.xsd',
    xml: read(
      '../../shared/corpus/xdomea-3.0.0/examples/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
    ),
  },
];

async function baseline(folder: string, main: string, xml: string): Promise<boolean> {
  const root = fileURLToPath(new URL('../rules/schemas/', import.meta.url));
  const names = (await readdir(`${root}${folder}/`)).filter((n) => n.endsWith('.xsd'));
  const files = await Promise.all(
    names.map(async (fileName) => ({
      fileName,
      contents: await readFile(`${root}${folder}/${fileName}`, 'utf8'),
    })),
  );
  if (folder.startsWith('xdomea'))
    files.push({
      fileName: '../xoev/code/1_0/xoev-code.xsd',
      contents: await readFile(`${root}xoev/code/1_0/xoev-code.xsd`, 'utf8'),
    });
  const schema = files.find((f) => f.fileName === main)!;
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [schema],
    preload: files.filter((f) => f !== schema),
    disableFileNameValidation: true,
    maxMemoryPages: 4096,
  });
  return result.valid;
}

const rows = [];
for (const c of cases) {
  if (!(await validateXml(c.xml, c.schema)).valid) throw new Error(`${c.name} is not valid`);
  let started = performance.now();
  for (let i = 0; i < messages; i++)
    if (!(await validateXml(c.xml, c.schema)).valid) throw new Error('invalid');
  const ours = (performance.now() - started) / messages;
  started = performance.now();
  for (let i = 0; i < baselineMessages; i++)
    if (!(await baseline(c.folder, c.main, c.xml))) throw new Error('baseline says invalid');
  const theirs = (performance.now() - started) / baselineMessages;
  figure({
    benchmark: `XSD validation, ${c.name}`,
    ours: `${ours.toFixed(2)} ms`,
    baseline: `xmllint-wasm per call ${theirs.toFixed(0)} ms`,
    ratio: theirs / ours,
    goal: `≤ ${/xdomea/i.test(c.name) ? 10 : 5} ms: ${ours <= (/xdomea/i.test(c.name) ? 10 : 5) ? 'met' : 'missed'}`,
  });
  rows.push({
    message: c.name,
    'hub (compiled once) ms/msg': ours.toFixed(2),
    'xmllint-wasm per call ms/msg': theirs.toFixed(1),
    speed_up: `${(theirs / ours).toFixed(0)}x`,
  });
}
console.table(rows);
