// A recorded trade registration that was forwarded to Radebeul's five receivers (patched
// 'forward-trade-notification') replays against the current bundle. Re-record with
// RECORD_HISTORY=1 npx vitest run test/xgewerbeanzeige/forwardingReplay.test.ts
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub, eventually } from '../support/testHub';
import {
  caseResult,
  completeReview,
  readMailbox,
  submit,
  tradeSubmission,
  waitForPhase,
} from '../lifecycle/caseDriver';
import { fullTradeForm } from './fixtures';
import { readHistory, replayHistory, saveHistory } from '../support/replay';

const FIXTURE = path.join('test', 'replay', 'fixtures', 'application-trade-forwarding.history.json');

describe('replay of a forwarded trade notification', () => {
  it.runIf(process.env.RECORD_HISTORY)(
    'records the fixture from a fresh case',
    async () => {
      const hub = await startTestHub();
      try {
        const form = fullTradeForm();
        form.businessAddress = { street: 'Meißner Straße 12', postalCode: '01445', city: 'Radebeul' };
        const c = await submit(hub, tradeSubmission({ formData: form }));
        await eventually(() => {
          const n = hub.demo!.servers.tradeReceivers.received().length;
          if (n < 5) throw new Error(`${n} of 5`);
          return true;
        }, 60_000);
        await waitForPhase(hub, c, 'PROCESSING', 'in-review');
        expect((await completeReview(hub, c, 'approved')).status).toBe(200);
        await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
        await readMailbox(hub, c);
        await caseResult(hub, c);
        await saveHistory(hub, c.applicationId, FIXTURE);
      } finally {
        await hub.stop();
      }
    },
    180_000,
  );

  it('replays the recorded forwarding case', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    // The patch marker (its id travels encoded) and the forwarding activity are in the history.
    expect(text).toContain('EVENT_TYPE_MARKER_RECORDED');
    expect(text).toContain('"name":"tradeForwards"');
    await replayHistory(readHistory(FIXTURE), 'recorded-trade-forwarding');
  });
});
