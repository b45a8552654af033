// Cost of the sample-derived XGewerbeanzeige 2.2 check per message, against the compiled-XSD validation of the
// product-format trade message (rules/xsd.ts) in the same run. Usage: npx tsx bench/xgwaCheck.ts [messages=500]
import { readFileSync } from 'node:fs';
import { checkOfficialMessage } from '../rules/xgewerbeanzeige/officialCheck';
import { validateXml } from '../rules/xsd';
import { figure } from './figure';

const messages = Number(process.argv[2] ?? 500);
const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');
const official = read('../rules/xgewerbeanzeige/samples/xgwa2.2-valid.xml');
const product = read('../test/rules/fixtures/gewerbemeldung-valid.xml');

if (!checkOfficialMessage(official).valid || !(await validateXml(product, 'xgewerbeanzeige')).valid)
  throw new Error('a bench message is not valid');
let started = performance.now();
for (let i = 0; i < messages; i += 1) await validateXml(product, 'xgewerbeanzeige');
const xsdMs = (performance.now() - started) / messages;
started = performance.now();
for (let i = 0; i < messages; i += 1) checkOfficialMessage(official);
const checkMs = (performance.now() - started) / messages;
figure({
  benchmark: 'XGewerbeanzeige 2.2 sample-derived check',
  ours: `${checkMs.toFixed(2)} ms`,
  baseline: `compiled XSD, product format ${xsdMs.toFixed(2)} ms`,
  ratio: xsdMs / checkMs,
  goal: `≤ 5 ms: ${checkMs <= 5 ? 'met' : 'missed'}`,
});
console.log(
  JSON.stringify({
    messages,
    xsdMsPerMessage: +xsdMs.toFixed(3),
    sampleCheckMsPerMessage: +checkMs.toFixed(3),
    ratio: +(checkMs / xsdMs).toFixed(2),
  }),
);
