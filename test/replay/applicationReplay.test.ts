// Workflow code must stay deterministic for cases already running: recorded histories of earlier code
// versions are replayed against the current bundle. A change that breaks replay needs a patch (patched()).
// RECORD_HISTORY=1 npx vitest run test/replay  re-records the fixture from a fresh full case.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';

const History = proto.temporal.api.history.v1.History;
import { startTestHub, type TestHub } from '../support/testHub';
import { hubDataConverter } from '../../platform/dataConverter';
import {
  caseResult,
  completeReview,
  readMailbox,
  requestDocuments,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
} from '../lifecycle/caseDriver';

// Binary protobuf: the JSON route trips over two copies of protobufjs in the Temporal packages.
const FIXTURE = path.join('test', 'replay', 'fixtures', 'application-full-case.history.pb');

describe('replay of recorded application histories', () => {
  let hub: TestHub;
  let history: proto.temporal.api.history.v1.History;
  let workflowId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    await requestDocuments(hub, c, 'Mietvertrag');
    await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');
    expect((await supplement(hub, c, 'Mietvertrag.pdf')).status).toBe(202);
    await waitForPhase(hub, c, 'PROCESSING', 'supplement-received');
    expect((await completeReview(hub, c, 'approved')).status).toBe(200);
    await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
    await readMailbox(hub, c);
    await caseResult(hub, c);
    workflowId = c.applicationId;
    history = History.fromObject(await hub.temporal.workflow.getHandle(c.applicationId).fetchHistory());
    if (process.env.RECORD_HISTORY) fs.writeFileSync(FIXTURE, History.encode(history).finish());
  });
  afterAll(async () => hub?.stop());

  it('replays a case recorded just now', async () => {
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter: hubDataConverter(hub.config.codec.keys),
      },
      history,
      workflowId,
    );
  });

  it('replays the committed history of an earlier code version', async () => {
    const recorded = History.decode(fs.readFileSync(FIXTURE));
    expect(recorded.events.length).toBeGreaterThan(50);
    // Recorded before payload encryption: the codec passes its plain payloads through.
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter: hubDataConverter(hub.config.codec.keys),
      },
      recorded,
      'recorded-case',
    );
  });
});
