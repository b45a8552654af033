// The cost of the xdomea container per filing: packing (hub) and unpacking with the hash check (DMS) of a
// 0605 message with N incompressible files, against hashing the same bytes once (the least any transfer with
// a checksum costs), same files, same run.
// Usage: npx tsx bench/xdomeaContainer.ts [files=4] [kB per file=1024] [rounds=20]
import crypto from 'node:crypto';
import { documentUuid } from '../activities/delivery/filing';
import { figure } from './figure';
import { ruleText } from '../rules/catalog';
import { compileRule } from '../rules/compile';
import { applicationEnvelope } from '../rules/envelope';
import { sampleEnvelopeInput } from '../rules/samples';
import { runRule } from '../rules/transform';
import { packContainer, unpackContainer, xdomeaReferences } from '../rules/xdomeaContainer';

const arg = (i: number, fallback: number) => Number(process.argv[2 + i] ?? fallback);
const [files, kB, rounds] = [arg(0, 4), arg(1, 1024), arg(2, 20)];
const contents = Array.from({ length: files }, () => crypto.randomBytes(kB * 1024));
const applicationId = 'A-20260302-BENCH00001';
const metas = contents.map((content, i) => ({
  filename: `Anlage-${i}.pdf`,
  mediaType: 'application/pdf',
  sha256: crypto.createHash('sha256').update(content).digest('hex'),
  size: content.length,
  documentId: documentUuid(applicationId, `bench:${i}`),
}));
const envelope = applicationEnvelope({
  ...sampleEnvelopeInput({ leikaId: '99050012104000' }),
  applicationId,
  attachments: metas,
});
const xml = await runRule({ id: 'bench', sef: await compileRule(ruleText('xdomea-filing.xsl')) }, envelope);
const byId = new Map(metas.map((m, i) => [m.documentId, contents[i]!]));

const time = (fn: () => void) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / rounds;
};
const baseline = time(() => {
  for (const c of contents) crypto.createHash('sha256').update(c).digest('hex');
});
const packed = packContainer(xml, (id) => byId.get(id));
const pack = time(() => packContainer(xml, (id) => byId.get(id)));
const unpack = time(() => {
  const entries = unpackContainer(packed.bytes);
  for (const ref of xdomeaReferences(packed.xml).files)
    if (crypto.createHash('sha256').update(entries.get(ref.dateiname)!).digest('hex') !== ref.sha256)
      throw new Error('hash');
});
console.log(
  `${files} files x ${kB} kB, container ${(packed.bytes.length / 1024).toFixed(0)} kB, ${rounds} rounds`,
);
console.log(`baseline (hash every file once): ${baseline.toFixed(2)} ms`);
console.log(
  `pack (hub):                      ${pack.toFixed(2)} ms  (${(pack / baseline).toFixed(1)}x baseline)`,
);
console.log(
  `unpack + hash check (DMS):       ${unpack.toFixed(2)} ms  (${(unpack / baseline).toFixed(1)}x baseline)`,
);
figure({
  benchmark: `xdomea container, ${files} files x ${kB} kB (pack + unpack with hash check)`,
  ours: `${(pack + unpack).toFixed(1)} ms`,
  baseline: `${baseline.toFixed(1)} ms (hashing the files once)`,
  ratio: Number(((pack + unpack) / baseline).toFixed(2)),
  goal: 'ratio = container overhead; lower is better',
});
