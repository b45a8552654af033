// Given the shipped trade process imported and activated for Radebeul, when a trade registration arrives,
// then the office's work runs as that BPMN process: register look-up, review task, a document request
// through the application workflow, the supplement message back into the process, and the decision.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { HUB_TASK_TYPES } from '../../bpmn/taskBinding';
import { createHubServiceTasks } from '../../activities/hubServiceTasks';
import {
  caseResult,
  status,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
  TRADE_REGISTRATION,
} from './caseDriver';

describe('the office process as an imported BPMN model', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('binds every task type the importer accepts to a hub activity', () => {
    expect(
      Object.keys(createHubServiceTasks({ pool: hub.pool, integrations: hub.config.integrations })).sort(),
    ).toEqual([...HUB_TASK_TYPES].sort());
  });

  it('runs a case through the shipped trade process', async () => {
    const xml = fs.readFileSync('bpmn/trade-default.bpmn', 'utf8');
    const imported = await hub.call('POST', '/api/v1/admin/process-models', {
      body: { leikaId: TRADE_REGISTRATION, ars: DEMO_ARS, files: [{ filename: 'trade-default.bpmn', xml }] },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const id = imported.body.model?.id ?? imported.body.id;
    expect(
      (await hub.call('POST', `/api/v1/admin/process-models/${id}/activate`, { body: { ars: DEMO_ARS } }))
        .status,
    ).toBe(200);

    const c = await submit(hub, tradeSubmission());
    const review = async () =>
      eventually(
        async () => {
          const tasks = (
            await hub.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}`, {
              token: DEMO_TOKENS.caseworker,
            })
          ).body.items;
          return tasks.find((t: any) => t.elementId === 'Task_Review');
        },
        20_000,
        'review task',
      );
    let task = await review();
    expect(task.workflowId).toBe(`${c.applicationId}/process`);
    const complete = (output: Record<string, unknown>) =>
      hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
        token: DEMO_TOKENS.caseworker,
        body: { output },
      });

    // The model asks for documents: the application workflow runs the request round for it.
    expect(
      (await complete({ decision: 'request-documents', reasons: 'Bitte Mietvertrag nachreichen.' })).status,
    ).toBe(200);
    const waiting = await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');
    expect(waiting.openRequests[0].description).toBe('Bitte Mietvertrag nachreichen.');
    expect((await supplement(hub, c, 'Mietvertrag.pdf')).status).toBe(202);

    // The supplement message leads the process back to the review.
    task = await eventually(
      async () => {
        const t = await review();
        return t.id !== task.id ? t : undefined;
      },
      20_000,
      'second review task',
    );
    expect((await complete({ decision: 'approved', reasons: 'Unterlagen vollständig.' })).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'approved' });
    const protocol = (await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}`)).body
      .items;
    expect(protocol.some((p: any) => p.target === 'residents-register')).toBe(true);
    expect((await status(hub, c)).phase).toBe('archived');
  });

  it('keeps running cases on their version when a new version is activated; new cases run the new one', async () => {
    const v1 = fs.readFileSync('bpmn/trade-default.bpmn', 'utf8');
    const v2 = v1.replace('name="Antrag prüfen"', 'name="Antrag prüfen (Version 2)"');
    const importAndActivate = async (xml: string) => {
      const res = await hub.call('POST', '/api/v1/admin/process-models', {
        body: { leikaId: TRADE_REGISTRATION, ars: DEMO_ARS, files: [{ filename: 'trade.bpmn', xml }] },
      });
      expect(res.status).toBe(201);
      expect(
        (
          await hub.call('POST', `/api/v1/admin/process-models/${res.body.id}/activate`, {
            body: { ars: DEMO_ARS },
          })
        ).status,
      ).toBe(200);
      return res.body;
    };
    const reviewTask = (applicationId: string) =>
      eventually(
        async () => {
          const tasks = (
            await hub.call('GET', `/api/v1/tasks?applicationId=${applicationId}`, {
              token: DEMO_TOKENS.caseworker,
            })
          ).body.items;
          return tasks.find((t: any) => t.elementId === 'Task_Review');
        },
        20_000,
        'review task',
      );

    const first = await importAndActivate(v1);
    const early = await submit(hub, tradeSubmission());
    expect((await reviewTask(early.applicationId)).title).toBe('Antrag prüfen');
    const second = await importAndActivate(v2);
    expect(second.version).toBe(first.version + 1);
    const late = await submit(hub, tradeSubmission());
    expect((await reviewTask(late.applicationId)).title).toBe('Antrag prüfen (Version 2)');

    // The early case finishes on version 1.
    const task = await reviewTask(early.applicationId);
    expect(
      (
        await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
          token: DEMO_TOKENS.caseworker,
          body: { output: { decision: 'rejected', reasons: 'Nein.' } },
        })
      ).status,
    ).toBe(200);
    expect(await caseResult(hub, early)).toMatchObject({ decision: 'rejected' });
    expect(
      (
        await hub.call('GET', `/api/v1/tasks?applicationId=${early.applicationId}&status=completed`, {
          token: DEMO_TOKENS.caseworker,
        })
      ).body.items[0].title,
    ).toBe('Antrag prüfen');
  });
});
