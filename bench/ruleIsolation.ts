// What isolating rules on threads costs and buys: the shipped XGewerbeanzeige rule on the same envelopes,
// run on the rule threads (one at a time, and as many at once as there are threads) against the
// baseline of running it directly on the calling thread, as before isolation. Usage:
//   npx tsx bench/ruleIsolation.ts [documents]
import { performance } from 'node:perf_hooks';
import { applicationEnvelope } from '../rules/envelope';
import { ruleText, SERVICE_KEYS } from '../rules/catalog';
import { compileRule } from '../rules/compile';
import { sampleEnvelopeInput } from '../rules/samples';
import { runInThisThread, runRule } from '../rules/transform';
import { closeRuleThreads, DEFAULT_RULE_LIMITS } from '../rules/rulePool';
import { figure } from './figure';

const documents = Number(process.argv[2] ?? 2000);

function envelopes(count: number): string[] {
  const base = sampleEnvelopeInput({ leikaId: SERVICE_KEYS.tradeRegister });
  return Array.from({ length: count }, (_, i) =>
    applicationEnvelope({
      ...base,
      applicationId: `A-20260701-${i.toString(16).toUpperCase().padStart(10, '0')}`,
      applicant: { name: `Erika Muster ${i}`, email: `erika.${i}@example.org` },
      formData: { ...base.formData, businessName: `Feinkost ${i}`, employees: i % 17 },
    }),
  );
}

async function timed(label: string, run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const rate = (documents / ms) * 1000;
  console.log(`${label.padEnd(58)} ${rate.toFixed(0).padStart(6)} docs/s  (${ms.toFixed(0)} ms)`);
  return rate;
}

async function main(): Promise<void> {
  const inputs = envelopes(documents);
  const sef = await compileRule(ruleText('trade-xgewerbeanzeige.xsl'));
  console.log(
    `Rule isolation benchmark: ${documents} trade registrations -> XGewerbeanzeige, ${DEFAULT_RULE_LIMITS.threads} rule threads, Node ${process.version}\n`,
  );
  // Warm both paths (JIT, prepared SEF in every thread).
  const local = { id: 'bench:local', sef: structuredClone(sef) };
  for (const xml of inputs.slice(0, 200)) runInThisThread(local, xml, {});
  const threaded = { id: 'bench:threads', sef };
  await Promise.all(inputs.slice(0, 200).map((xml) => runRule(threaded, xml)));

  const baseline = await timed('baseline: on the calling thread (blocks it), sequential', () => {
    for (const xml of inputs) runInThisThread(local, xml, {});
  });
  const sequential = await timed('rule threads, one call at a time', async () => {
    for (const xml of inputs) await runRule(threaded, xml);
  });
  const parallel = await timed('rule threads, 8 calls in flight', async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < inputs.length) await runRule(threaded, inputs[next++]!);
      }),
    );
  });
  figure({
    benchmark: 'rules on threads (8 in flight)',
    ours: `${parallel.toFixed(0)} docs/s`,
    baseline: `on the calling thread ${baseline.toFixed(0)} docs/s`,
    ratio: parallel / baseline,
  });
  console.log(
    `\nratio to baseline: one at a time ${(sequential / baseline).toFixed(2)}, in flight ${(parallel / baseline).toFixed(2)}`,
  );
  await closeRuleThreads();
}

await main();
