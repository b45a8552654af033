// Given the fictive test organisation, when an administrator runs a service's test plan, then valid
// messages arrive in the office's systems, invalid ones are refused as expected, and the report says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';

describe('test plans', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it.each([
    ['trade registration', '99050012104000', ['fachverfahren', 'dms']],
    ['parking ban for a move (level 1, by mail)', '99086004000002', ['mail']],
    ['birth certificate', '99063006000001', ['dms', 'fachverfahren']],
  ])('accepts the %s service against the test organisation', async (_name, service, targets) => {
    const res = await hub.call('POST', `/api/v1/admin/test-plans/${service}/run`, { body: {} });
    expect(res.status).toBe(200);
    expect(res.body.failed, JSON.stringify(res.body.cases, null, 2)).toBe(0);
    expect(res.body.accepted).toBe(true);
    const delivered = res.body.cases.find((c: any) => c.name.startsWith('valid application with complete'));
    for (const target of targets) expect(delivered.actual).toContain(target);
    expect(res.body.cases.filter((c: any) => c.expected.startsWith('refused'))).toHaveLength(4);
  });

  it('answers 404 for a service without a plan', async () => {
    const res = await hub.call('POST', '/api/v1/admin/test-plans/99000000000000/run', { body: {} });
    expect(res.status).toBe(404);
  });
});
