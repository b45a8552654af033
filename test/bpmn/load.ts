// Reads BPMN files from disk the way the CLI does (honouring the declared encoding).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeXml, parseBpmn, type BpmnSource, type ParsedBpmn } from '../../bpmn/parse';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS = path.resolve(here, '../../../shared/corpus/bpmn');
export const FIXTURES = path.join(here, 'fixtures');
export const TRADE_DEFAULT = path.resolve(here, '../../bpmn/trade-default.bpmn');

export function source(file: string): BpmnSource {
  return { filename: path.basename(file), xml: decodeXml(fs.readFileSync(file)) };
}

export function parseFiles(...files: string[]): Promise<ParsedBpmn> {
  return parseBpmn(files.map(source));
}

/** Every .bpmn file below the corpus folder, relative paths sorted. */
export function corpusFiles(): string[] {
  return fs
    .readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.bpmn'))
    .sort();
}
