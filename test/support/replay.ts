// Recorded histories for replay tests: saved as JSON fixtures from a test hub, read back, and replayed against the
// workflow bundle of this run (a change to running workflow code must still replay them, or go behind patched()).
import fs from 'node:fs';
import { inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { hubDataConverter } from '../../platform/dataConverter';
import { DEMO_PAYLOAD_KEY } from '../../platform/payloadKeys';
import type { TestHub } from './testHub';

const History = proto.temporal.api.history.v1.History;

/** Writes the workflow's current history to `file` (RECORD_HISTORY=1 runs). */
export async function saveHistory(hub: TestHub, workflowId: string, file: string): Promise<void> {
  const history = await hub.temporal.workflow.getHandle(workflowId).fetchHistory();
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  fs.writeFileSync(file, `${JSON.stringify(json)}\n`);
}

/** A saved fixture as a history. */
export function readHistory(file: string): proto.temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Replays `history` against this run's workflow bundle. Test hubs encrypt payloads with the public demo key, so
 * that is the default; fixtures recorded before payload encryption pass `encrypted: false`.
 */
export async function replayHistory(
  history: proto.temporal.api.history.v1.History,
  workflowId: string,
  { encrypted = true } = {},
): Promise<void> {
  await Worker.runReplayHistory(
    {
      workflowBundle: { codePath: inject('workflowBundlePath') },
      ...(encrypted && { dataConverter: hubDataConverter([DEMO_PAYLOAD_KEY]) }),
    },
    history,
    workflowId,
  );
}
