// A case action on a closed case is refused by error type and gRPC status; an error that merely says
// "not found" is not mistaken for a closed case (it stays an internal error).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '@temporalio/client';
import { asCaseAction } from '../../api/caseAccess';
import { Problem } from '../../api/problems';
import { startTestHub, type TestHub } from '../support/testHub';

describe('asCaseAction', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ demo: false, parts: { api: false, worker: false }, seedTokens: false });
  });
  afterAll(() => hub?.stop());

  it('refuses an update to a case whose workflow has ended', async () => {
    // A workflow nobody runs, terminated at once: closed the way a finished case is.
    const handle = await hub.temporal.workflow.start('applicationWorkflow', {
      workflowId: `closed-${crypto.randomUUID()}`,
      taskQueue: `nobody-${crypto.randomUUID()}`,
      args: [],
    });
    await handle.terminate('test');
    const refusal = await asCaseAction('Decision', () =>
      hub.temporal.workflow.getHandle(handle.workflowId).executeUpdate('anyUpdate', { args: [] }),
    ).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Problem);
    expect((refusal as Problem).code).toBe('invalid-action');
    expect((refusal as Problem).detail).toBe('Decision refused: the case is closed.');
  });

  it('answers 503 when Temporal cannot hand the action to the case just now', async () => {
    // given the client's error for an update the server could not deliver (e.g. too many updates in flight)
    const grpc = Object.assign(new Error('8 RESOURCE_EXHAUSTED: limit of in-flight updates'), {
      code: 8,
      details: 'limit',
      metadata: {},
    });
    const failure = new ServiceError('Workflow Update failed', { cause: grpc });
    // when a case action meets it
    const refusal = await asCaseAction('Decision', () => Promise.reject(failure)).catch((e: unknown) => e);
    // then it is a retryable problem, not an internal error
    expect(refusal).toBeInstanceOf(Problem);
    expect((refusal as Problem).code).toBe('unavailable');
    expect((refusal as Problem).detail).toContain('gRPC status 8');
  });

  it('refuses an action on a case that never existed as closed, too', async () => {
    const refusal = await asCaseAction('Supplement', () =>
      hub.temporal.workflow.getHandle(`none-${crypto.randomUUID()}`).signal('anything'),
    ).catch((e: unknown) => e);
    expect((refusal as Problem).code).toBe('invalid-action');
  });

  it('passes other errors through, whatever their message says', async () => {
    const other = new Error('task not found; workflow already completed');
    await expect(asCaseAction('Decision', () => Promise.reject(other))).rejects.toBe(other);
  });
});
