// Rule processing throughput: the shipped XGewerbeanzeige rule compiled once to SEF and run by
// saxon-js in process (as the hub runs it), against Debian's xsltproc (libxslt) on the equivalent
// XSLT 1.0 stylesheet bench/xgewerbeanzeige-1.0.xsl, on the same trade registration envelopes.
//
//   npx tsx bench/rules.ts [documents=2000]
//
// xsltproc is measured two ways, both reported: one process transforming all files (its best case:
// stylesheet parsed and process started once) and one process per document (how a pipeline calling
// it per message would run). saxon-js's figure includes parsing the input string and serialising.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { applicationEnvelope } from '../rules/envelope';
import { ruleText, SERVICE_KEYS } from '../rules/catalog';
import { compileRule } from '../rules/compile';
import { sampleEnvelopeInput } from '../rules/samples';
import { runRule } from '../rules/transform';
import { validateXml } from '../rules/xsd';
import { figure } from './figure';
import { ensureDebianPackage } from './debianPackage';

const documents = Number(process.argv[2] ?? 2000);
const perProcessDocuments = Math.min(documents, 200);
const XSLT_10 = path.join(path.dirname(fileURLToPath(import.meta.url)), 'xgewerbeanzeige-1.0.xsl');

/** Distinct, realistic trade registrations: names, ids, addresses and times vary per document. */
function envelopes(count: number): string[] {
  const families = [
    'Müller',
    'Schmidt',
    'Schneider',
    'Fischer',
    'Weber',
    'Meyer',
    'Wagner',
    'Becker',
    'Schulz',
    'Hoffmann',
  ];
  const streets = ['Königsbrücker Straße', 'Hauptstraße', 'Bautzner Landstraße', 'Am Markt', 'Prager Straße'];
  return Array.from({ length: count }, (_, i) => {
    const base = sampleEnvelopeInput({ leikaId: SERVICE_KEYS.tradeRegister });
    const family = families[i % families.length]!;
    const minute = String(i % 60).padStart(2, '0');
    return applicationEnvelope({
      ...base,
      applicationId: `A-20260701-${i.toString(16).toUpperCase().padStart(10, '0')}`,
      submittedAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${minute}:00.000Z`,
      applicant: { name: `Erika ${family}`, email: `erika.${i}@example.org` },
      formData: {
        ...base.formData,
        businessName: `${family} Feinkost ${i}`,
        employees: i % 17,
        operator: { familyName: family, givenName: 'Erika', birthDate: '1984-05-17', nationality: 'deutsch' },
        businessAddress: {
          street: `${streets[i % streets.length]} ${(i % 120) + 1}${i % 3 === 0 ? 'a' : ''}`,
          postalCode: '01099',
          city: 'Dresden',
        },
      },
    });
  });
}

function rate(count: number, ms: number): number {
  return count / (ms / 1000);
}

function normalised(xml: string): string {
  return xml
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/>\s+</g, '><')
    .trim();
}

function hasXsltproc(): boolean {
  return !spawnSync('xsltproc', ['--version'], { encoding: 'utf8' }).error;
}

async function main(): Promise<void> {
  const inputs = envelopes(documents);
  const bytes = inputs.reduce((sum, xml) => sum + Buffer.byteLength(xml), 0);
  console.log(
    `Rule benchmark: trade registration -> XGewerbeanzeige, ${documents} documents (${Math.round(bytes / documents)} bytes each on average)`,
  );
  console.log(`Machine: ${process.platform} ${process.arch}, Node ${process.version}\n`);

  let started = performance.now();
  const sef = await compileRule(ruleText('trade-xgewerbeanzeige.xsl'));
  console.log(`saxon-js: compile XSLT 3.0 to SEF once: ${(performance.now() - started).toFixed(0)} ms`);

  const compiled = { id: 'bench:trade-xgewerbeanzeige', sef };
  for (const xml of inputs.slice(0, 100)) await runRule(compiled, xml);
  const saxonOutputs: string[] = [];
  started = performance.now();
  for (const xml of inputs) saxonOutputs.push(await runRule(compiled, xml));
  const saxonMs = performance.now() - started;
  const saxonRate = rate(documents, saxonMs);
  console.log(
    `saxon-js 2.7 (in process, SEF cached, includes the XML safety gate): ${documents} docs in ${saxonMs.toFixed(0)} ms = ${saxonRate.toFixed(0)} docs/s (${(saxonMs / documents).toFixed(2)} ms/doc)`,
  );

  started = performance.now();
  const sampleSize = 20;
  for (const output of saxonOutputs.slice(0, sampleSize)) {
    const result = await validateXml(output, 'xgewerbeanzeige');
    if (!result.valid) throw new Error(`saxon-js output is invalid: ${result.errors.join('; ')}`);
  }
  console.log(
    `(for context: XSD validation (libxml2-wasm, schema compiled once), not part of the comparison: ${((performance.now() - started) / sampleSize).toFixed(1)} ms/doc)`,
  );

  try {
    ensureDebianPackage('/usr/bin/xsltproc', 'xsltproc');
  } catch (error) {
    console.log(`could not install xsltproc: ${String(error)}`);
  }
  if (!hasXsltproc()) {
    console.log(
      '\nxsltproc is not installed, so there is nothing to compare with. Install it with `apt-get install -y xsltproc` and run again.',
    );
    return;
  }
  const version = spawnSync('xsltproc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-bench-'));
  try {
    const inDir = path.join(dir, 'in');
    mkdirSync(inDir);
    const files = inputs.map((xml, i) => {
      const file = path.join(inDir, `doc-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    // Warm the page cache and check both processors produce the same message.
    // With several input files xsltproc writes the results one after another to stdout.
    const check = spawnSync('xsltproc', [XSLT_10, ...files.slice(0, 50)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (check.status !== 0) throw new Error(`xsltproc failed: ${check.stderr}`);
    const checked = check.stdout.split(/(?=<\?xml )/);
    const differing = checked.filter((output, i) => normalised(output) !== normalised(saxonOutputs[i]!));
    if (checked.length !== 50) throw new Error(`xsltproc returned ${checked.length} documents for 50 inputs`);
    console.log(`\n${version}`);
    console.log(
      `outputs of both processors equal (whitespace-normalised) on the first 50 documents: ${differing.length === 0 ? 'yes' : `no, ${differing.length} differ`}`,
    );

    started = performance.now();
    const batch = spawnSync('xsltproc', [XSLT_10, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const batchMs = performance.now() - started;
    if (batch.status !== 0) throw new Error(`xsltproc failed: ${batch.stderr}`);
    const batchRate = rate(documents, batchMs);
    if (batch.stdout.split(/(?=<\?xml )/).length !== documents)
      throw new Error('xsltproc did not transform every document');
    console.log(
      `xsltproc, one process for all ${documents} files (reads files, writes to a pipe): ${batchMs.toFixed(0)} ms = ${batchRate.toFixed(0)} docs/s`,
    );

    started = performance.now();
    for (const file of files.slice(0, perProcessDocuments)) {
      const one = spawnSync('xsltproc', [XSLT_10, file], { encoding: 'utf8' });
      if (one.status !== 0) throw new Error(`xsltproc failed: ${one.stderr}`);
    }
    const perProcessMs = performance.now() - started;
    const perProcessRate = rate(perProcessDocuments, perProcessMs);
    console.log(
      `xsltproc, one process per document (${perProcessDocuments} documents): ${perProcessMs.toFixed(0)} ms = ${perProcessRate.toFixed(0)} docs/s`,
    );

    figure({
      benchmark: `rules (${documents} trade registrations)`,
      ours: `saxon-js ${saxonRate.toFixed(0)} docs/s`,
      baseline: `xsltproc one process ${batchRate.toFixed(0)} docs/s; per document ${perProcessRate.toFixed(0)} docs/s`,
      ratio: saxonRate / batchRate,
    });
    console.log('\nRatio saxon-js : xsltproc');
    console.log(
      `  vs one xsltproc process for all files: ${(saxonRate / batchRate).toFixed(2)} (saxon-js ${saxonRate >= batchRate ? 'faster' : 'slower'}, factor ${(Math.max(saxonRate, batchRate) / Math.min(saxonRate, batchRate)).toFixed(1)})`,
    );
    console.log(
      `  vs one xsltproc process per document:  ${(saxonRate / perProcessRate).toFixed(2)} (saxon-js ${saxonRate >= perProcessRate ? 'faster' : 'slower'}, factor ${(Math.max(saxonRate, perProcessRate) / Math.min(saxonRate, perProcessRate)).toFixed(1)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
