// Given a decided case, when the applicant objects in time, then a caseworker task reviews it; when the
// applicant misses a document deadline, then the office gets a task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import {
  caseResult,
  completeReview,
  readMailbox,
  requestDocuments,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
  waitForTask,
} from './caseDriver';

describe('objection and missed deadline', () => {
  let hub: TestHub;
  beforeAll(async () => {
    // A longer appeal period, so the objection surely arrives inside it.
    hub = await startTestHub({
      config: {
        caseTiming: {
          noticeRetrievalWindow: 1_000,
          appealPeriod: 60_000,
          reminderBeforeMs: 1_000,
          participationMs: 20_000,
          delivery: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 500 },
        },
      },
    });
  });
  afterAll(async () => hub?.stop());

  it('an objection within the appeal period creates a caseworker task and changes the status', async () => {
    const c = await submit(hub, tradeSubmission());
    expect(
      (await completeReview(hub, c, 'rejected', 'Die Zuverlässigkeit ist nicht nachgewiesen.')).status,
    ).toBe(200);
    await waitForPhase(hub, c, 'REJECTED', 'notice-delivered');
    await readMailbox(hub, c); // retrieval starts the appeal period
    await waitForPhase(hub, c, 'REJECTED', 'appeal-period');
    const objection = await hub.call('POST', `/api/v1/applications/${c.applicationId}/objection`, {
      token: c.accessToken,
      body: { reasons: 'Ich lege Widerspruch ein; die Nachweise liegen bei.' },
    });
    expect(objection.status, JSON.stringify(objection.body)).toBe(202);
    await waitForPhase(hub, c, 'PROCESSING', 'objection');
    const again = await hub.call('POST', `/api/v1/applications/${c.applicationId}/objection`, {
      token: c.accessToken,
      body: { reasons: 'nochmal' },
    });
    expect(again.status).toBe(409);
    const task = await waitForTask(hub, c, 'objection-review');
    const done = await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      token: DEMO_TOKENS.caseworker,
      body: { output: { outcome: 'remedied', reasons: 'Abhilfe.' } },
    });
    expect(done.status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ objection: true, status: 'COMPLETED' });
  });

  it('a missed document deadline creates a caseworker task; the case then goes on', async () => {
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    await requestDocuments(hub, c, 'Nachweis der Sachkunde', 2_500);
    await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');
    await waitForPhase(hub, c, 'PROCESSING', 'deadline-missed', 15_000);
    expect((await readMailbox(hub, c)).map((m) => m.kind)).toEqual(['confirmation', 'request', 'reminder']);
    const missed = await waitForTask(hub, c, 'missed-deadline');
    expect(missed.title).toMatch(/Frist/);
    // A supplement after the deadline is refused: no request is open any more.
    expect((await supplement(hub, c, 'spaet.pdf')).status).toBe(409);
    expect(
      (
        await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(missed.id)}/complete`, {
          token: DEMO_TOKENS.caseworker,
          body: { output: { note: 'Entscheidung nach Aktenlage' } },
        })
      ).status,
    ).toBe(200);
    expect((await completeReview(hub, c, 'rejected', 'Sachkunde nicht nachgewiesen.')).status).toBe(200);
    await waitForPhase(hub, c, 'REJECTED', 'notice-delivered');
  });
});
