// The data converter of every Temporal client, worker, replayer and workflow bundle the hub creates.
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './payloadCodec';
import type { PayloadKey } from './payloadKeys';

/** For bundleWorkflowCode: workflow failures are converted inside the bundle. */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failureConverter.cjs', import.meta.url));

/** Encrypts every payload (inputs, results, signals, updates, queries, memo, failure texts) with `keys[0]`. */
export function hubDataConverter(keys: PayloadKey[]): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
