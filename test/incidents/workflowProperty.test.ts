// Property on real workflows (dev server, PostgreSQL): every review output and decision the API accepts
// carries the case to its end; none ends Failed. Few runs, since each is a whole case.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { caseResult, submit, tradeSubmission, waitForPhase, waitForTask } from '../lifecycle/caseDriver';

const text = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.constant(' \n\t '),
  fc.constant('Ayşe Yılmaz 🌻\r\nZeile zwei'),
  fc.constant('ü'.repeat(20_000)),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

const action = fc.record({
  via: fc.constantFrom('task', 'decision'),
  decision: fc.constantFrom('approved', 'rejected'),
  reasons: text,
});

describe('accepted caseworker input never fails a case', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  test('review outputs and decisions drawn from everything the forms allow', async () => {
    await fc.assert(
      fc.asyncProperty(action, async ({ via, decision, reasons }) => {
        const c = await submit(hub, tradeSubmission());
        await waitForPhase(hub, c, 'PROCESSING', 'in-review');
        const body = { decision, ...(reasons === undefined ? {} : { reasons }) };
        const res =
          via === 'task'
            ? await (async () => {
                const task = await waitForTask(hub, c, 'review');
                return hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
                  token: DEMO_TOKENS.caseworker,
                  body: { output: body },
                });
              })()
            : await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
                token: DEMO_TOKENS.caseworker,
                body,
              });
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
        expect(await caseResult(hub, c)).toMatchObject({
          status: decision === 'approved' ? 'COMPLETED' : 'REJECTED',
        });
      }),
      { numRuns: 6, endOnFailure: true },
    );
    const failed = await hub.temporal.workflow.count(
      `TaskQueue = '${hub.config.taskQueue}' AND ExecutionStatus = 'Failed'`,
    );
    expect(failed.count).toBe(0);
  }, 300_000);
});
