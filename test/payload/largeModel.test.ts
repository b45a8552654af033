// Given a 4 MB BPMN import whose compiled model (2.5 MB) is larger than Temporal's 2 MB payload limit, when a
// case runs it, then the model travels by reference: no payload in the histories carries it, the worker
// reads it in slices and caches it, and the case reaches its decision (across a continue-as-new).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { caseResult, submit, tradeSubmission, TRADE_REGISTRATION } from '../lifecycle/caseDriver';
import { largeTradeModel } from './largeModel';

const TWO_MB = 2 * 1024 * 1024;

describe('a 4 MB process model end to end', () => {
  let hub: TestHub;
  let modelId = '';
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('runs a case through a model larger than the payload limit', async () => {
    // given a 4 MB import, activated for Radebeul
    const { xml, steps } = largeTradeModel(4 * 1024 * 1024);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(4 * 1024 * 1024);
    const imported = await hub.call('POST', '/api/v1/admin/process-models', {
      body: { leikaId: TRADE_REGISTRATION, ars: DEMO_ARS, files: [{ filename: 'large.bpmn', xml }] },
    });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
    const id = imported.body.model?.id ?? imported.body.id;
    const compiled = await hub.pool.query<{ bytes: number }>(
      'SELECT octet_length(compiled::text) AS bytes FROM process_models WHERE id = $1',
      [id],
    );
    expect(compiled.rows[0]!.bytes).toBeGreaterThan(TWO_MB);
    expect(
      (await hub.call('POST', `/api/v1/admin/process-models/${id}/activate`, { body: { ars: DEMO_ARS } }))
        .status,
    ).toBe(200);

    // when a case runs through all its steps to the review task and a caseworker approves
    const c = await submit(hub, tradeSubmission());
    const task = await eventually(
      async () =>
        (
          await hub.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}`, {
            token: DEMO_TOKENS.caseworker,
          })
        ).body.items.find((t: { elementId: string }) => t.elementId === 'Task_Review'),
      300_000,
      'review task after the long chain of steps',
    );
    const done = await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      token: DEMO_TOKENS.caseworker,
      body: { output: { decision: 'approved', reasons: 'Alle Schritte geprüft.' } },
    });
    expect(done.status).toBe(200);

    // then the case is decided
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'approved' });

    // and no payload of the case or its process carried the model: every one is far below the limit
    const child = hub.temporal.workflow.getHandle(`${c.applicationId}/process`);
    const runs: string[] = [];
    for await (const e of hub.temporal.workflow.list({ query: `WorkflowId = '${c.applicationId}/process'` }))
      runs.push(e.runId);
    // the chain of steps exceeds the activations per run: the process continued as new and read the model again
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(steps).toBeGreaterThan(1000);
    for (const handle of [hub.temporal.workflow.getHandle(c.applicationId), child]) {
      const events = (await handle.fetchHistory()).events ?? [];
      const largest = Math.max(...events.map((e) => JSON.stringify(e).length));
      expect(largest, handle.workflowId).toBeLessThan(TWO_MB / 2);
    }
    const firstRun = hub.temporal.workflow.getHandle(`${c.applicationId}/process`, runs.at(-1));
    const loads = ((await firstRun.fetchHistory()).events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'loadProcessModelPart',
    );
    // 2.5 MB of JSON in slices of 400 000 characters
    expect(loads.length).toBeGreaterThanOrEqual(6);
    modelId = id;
  }, 420_000);

  it('could not have carried the same model inline: the server refuses such a payload', async () => {
    // given the compiled model of the import above
    const { rows } = await hub.pool.query('SELECT compiled FROM process_models WHERE id = $1', [modelId]);
    // when a process is started with the model inline (as before models travelled by reference)
    const started = hub.temporal.workflow.start('bpmnProcessWorkflow', {
      taskQueue: hub.config.taskQueue,
      workflowId: `inline-${modelId}`,
      args: [{ model: rows[0].compiled, variables: {}, businessKey: 'inline' }],
    });
    // then Temporal refuses it
    const error: unknown = await started.then(
      () => undefined,
      (e: unknown) => e,
    );
    const reason = `${String(error)} ${String((error as { cause?: unknown } | undefined)?.cause)}`;
    expect(reason).toMatch(/Blob data size exceeds limit/);
  });
});
