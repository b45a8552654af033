// A recorded level-2 case that files in the DMS and closes the case there (FVDaten 0605 … 0624, behind
// patched('dms-closing-message')) replays against the current workflow bundle.
// RECORD_HISTORY=1 npx vitest run test/replay/dmsClosing.test.ts re-records it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub, eventually } from '../support/testHub';
import {
  caseResult,
  completeReview,
  json,
  readMailbox,
  submit,
  tradeSubmission,
  waitForPhase,
} from '../lifecycle/caseDriver';
import { readHistory, replayHistory, saveHistory } from '../support/replay';

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
        await saveHistory(hub, c.applicationId, FIXTURE);
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
    await replayHistory(readHistory(FIXTURE), 'recorded-dms-closing');
  });
});
