// Cost of payload encryption: the hub's data converter (JSON + AES-256-GCM codec) against the plain JSON payload
// converter, on the same workflow-sized values, in the same run. Both directions, as a worker does per activation.
//
//   npx tsx bench/payloadCodec.ts [payloads=20000]
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec } from '../platform/payloadCodec';
import { figure } from './figure';

const count = Number(process.argv[2] ?? 20_000);
if (!Number.isInteger(count) || count < 1)
  throw new Error('usage: npx tsx bench/payloadCodec.ts [payloads >= 1]');

/** A document-request update and a delivery activity input: the typical sizes in a case's history. */
const values = Array.from({ length: count }, (_, i) =>
  i % 2
    ? {
        description: `Nachweis ${i}: Meldebescheinigung für Erika Mustermann`,
        deadline: new Date().toISOString(),
      }
    : {
        applicationId: `A-20261130-${i.toString(16).toUpperCase().padStart(10, '0')}`,
        messageType: 'application',
        route: {
          ars: '146270210210',
          leikaId: '99050012104000',
          officeName: 'Ordnungsamt Radebeul',
          level: 2,
        },
        note: 'x'.repeat(600),
      },
);

async function measure(codec: EncryptionCodec | undefined): Promise<number> {
  const started = performance.now();
  // Batches of 10, as activations and completions carry several payloads.
  for (let i = 0; i < values.length; i += 10) {
    const payloads = values.slice(i, i + 10).map((v) => defaultPayloadConverter.toPayload(v) as Payload);
    const encoded = codec ? await codec.encode(payloads) : payloads;
    const decoded = codec ? await codec.decode(encoded) : encoded;
    for (const p of decoded) defaultPayloadConverter.fromPayload(p);
  }
  return values.length / ((performance.now() - started) / 1000);
}

const codec = new EncryptionCodec([{ id: 'bench', key: crypto.randomBytes(32) }]);
await measure(codec); // warm-up
const plain = await measure(undefined);
const encrypted = await measure(codec);
figure({
  benchmark: 'payload encryption (encode + decode)',
  ours: `${encrypted.toFixed(0)} payloads/s, +${((1 / encrypted - 1 / plain) * 1e6).toFixed(0)} µs each`,
  baseline: `plain JSON ${plain.toFixed(0)} payloads/s`,
  ratio: encrypted / plain,
});
process.stdout.write(
  `payload round trips (encode + decode), ${count} payloads:\n` +
    `  JSON only:              ${plain.toFixed(0)} /s\n` +
    `  JSON + AES-256-GCM:     ${encrypted.toFixed(0)} /s   ratio ${(encrypted / plain).toFixed(2)}\n` +
    `  encryption per payload: ${((1 / encrypted - 1 / plain) * 1e6).toFixed(1)} µs\n`,
);
