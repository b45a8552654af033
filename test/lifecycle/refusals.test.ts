// Given cases in various states, when callers try what the state does not allow, then they are refused
// with a reason and the case is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { caseResult, status, submit, supplement, tradeSubmission, waitForPhase } from './caseDriver';

describe('refused actions', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('refuses approving twice, a supplement after completion and another office acting on the case', async () => {
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const coswig = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworkerCoswig,
      body: { decision: 'approved', reasons: 'x' },
    });
    expect(coswig.status).toBe(404);
    const bauamt = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworkerBauamt,
      body: { decision: 'approved', reasons: 'x' },
    });
    // Another office of the same municipality does not learn that the case exists.
    expect(bauamt.status).toBe(404);
    const first = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworker,
      body: { decision: 'approved', reasons: 'Alles in Ordnung.' },
    });
    expect(first.status).toBe(200);
    const second = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworker,
      body: { decision: 'approved', reasons: 'nochmal' },
    });
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/already decided/);
    await caseResult(hub, c);
    const late = await supplement(hub, c, 'nachtrag.pdf');
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/closed|no open document request/);
    expect((await status(hub, c)).phase).toBe('archived');
  });
});
