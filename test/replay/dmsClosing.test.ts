// A recorded level-2 case that files in the DMS and closes the case there (FVDaten 0605 … 0624, behind
// patched('dms-closing-message')) replays against the current workflow bundle.
// RECORD_HISTORY=1 npx vitest run test/replay/dmsClosing.test.ts re-records it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { startTestHub, eventually } from '../support/testHub';
import { hubDataConverter } from '../../platform/dataConverter';
import { DEMO_PAYLOAD_KEY } from '../../platform/payloadKeys';
import {
  caseResult,
  completeReview,
  json,
  readMailbox,
  submit,
  tradeSubmission,
  waitForPhase,
} from '../lifecycle/caseDriver';

const History = proto.temporal.api.history.v1.History;
const FIXTURE = path.join('test', 'replay', 'fixtures', 'application-dms-closing.history.json');

describe('replay of a case closed in the DMS', () => {
  it.runIf(process.env.RECORD_HISTORY)(
    'records the fixture from a fresh case',
    async () => {
      const hub = await startTestHub();
      try {
        const c = await submit(hub, tradeSubmission());
        await waitForPhase(hub, c, 'PROCESSING', 'in-review');
        expect((await completeReview(hub, c, 'approved')).status).toBe(200);
        await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
        await readMailbox(hub, c);
        await caseResult(hub, c);
        await eventually(
          async () => (await json(`${hub.demo!.urls.dms}/records/${c.applicationId}`)).body?.closedAt,
          10_000,
          'closed DMS record',
        );
        const history = await hub.temporal.workflow.getHandle(c.applicationId).fetchHistory();
        const text = JSON.stringify(
          History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }),
        );
        fs.writeFileSync(FIXTURE, `${text}\n`);
      } finally {
        await hub.stop();
      }
    },
    180_000,
  );

  it('replays the closed case, including the closing delivery', async () => {
    const recorded = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    // the patch marker of the closing message, and five deliveries: application x2, notice, record, closing
    const patches = recorded.events
      .flatMap((e: any) => e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? [])
      .map((p: any) => JSON.parse(Buffer.from(p.data, 'base64').toString()).id);
    expect(patches).toContain('dms-closing-message');
    expect(
      recorded.events.filter(
        (e: any) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverMessage',
      ),
    ).toHaveLength(5);
    const history = History.fromObject(recorded);
    await Worker.runReplayHistory(
      // Recorded with the public demo payload key (encrypted payloads, like every test hub's).
      {
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter: hubDataConverter([DEMO_PAYLOAD_KEY]),
      },
      history,
      'recorded-dms-closing',
    );
  });
});
