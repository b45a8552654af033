// Given the descriptive trade model (bpmn/trade-guided.bpmn) imported in guided mode and activated, when a trade
// registration arrives, then the caseworker works through its steps and choices in the task list, the API
// validates each choice, and the chosen label ("genehmigt") becomes the case's decision.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { caseResult, submit, tradeSubmission, TRADE_REGISTRATION } from './caseDriver';

describe('a descriptive model imported in guided mode', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  const xml = fs.readFileSync('bpmn/trade-guided.bpmn', 'utf8');
  const importModel = (guided: boolean) =>
    hub.call('POST', '/api/v1/admin/process-models', {
      body: {
        leikaId: TRADE_REGISTRATION,
        ars: DEMO_ARS,
        ...(guided ? { guided: true } : {}),
        files: [{ filename: 'trade-guided.bpmn', xml }],
      },
    });

  it('is refused for activation as it is, and runs a case to its decision as a guided version', async () => {
    const plain = await importModel(false);
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ executable: false, guided: false });
    expect(
      (
        await hub.call('POST', `/api/v1/admin/process-models/${plain.body.id}/activate`, {
          body: { ars: DEMO_ARS },
        })
      ).status,
    ).toBe(409);

    const imported = await importModel(true);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ executable: true, guided: true });
    expect(imported.body.report.guided.map((g: any) => `${g.kind} ${g.elementId}`)).toContain(
      'choice Gateway_Decision',
    );
    expect(
      (
        await hub.call('POST', `/api/v1/admin/process-models/${imported.body.id}/activate`, {
          body: { ars: DEMO_ARS },
        })
      ).status,
    ).toBe(200);

    const c = await submit(hub, tradeSubmission());
    const openTask = (elementId: string) =>
      eventually(
        async () => {
          const tasks = (
            await hub.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}`, {
              token: DEMO_TOKENS.caseworker,
            })
          ).body.items;
          return tasks.find((t: any) => t.elementId === elementId && t.status === 'open');
        },
        20_000,
        `open task ${elementId}`,
      );
    const complete = (task: any, output: Record<string, unknown>) =>
      hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
        token: DEMO_TOKENS.caseworker,
        body: { output },
      });

    // an untyped task is a manual step: its name the title, its documentation the instructions
    const check = await openTask('Task_RegisterCheck');
    expect(check).toMatchObject({ title: 'Melderegister prüfen', kind: 'guided-step' });
    const detail = (
      await hub.call('GET', `/api/v1/tasks/${encodeURIComponent(check.id)}`, {
        token: DEMO_TOKENS.caseworker,
      })
    ).body;
    expect(detail.context.instructions).toMatch(/Melderegister der Kommune/);
    expect((await complete(check, {})).status).toBe(200);
    expect((await complete(await openTask('Task_Review'), {})).status).toBe(200);

    // the gateway is the caseworker's choice between its labelled flows, validated by the API
    const choice = await openTask('Gateway_Decision__choice');
    expect(choice.kind).toBe('guided-choice');
    expect(choice.formFields[0].options.map((o: any) => o.label)).toEqual([
      'genehmigt',
      'abgelehnt',
      'Unterlagen fehlen',
    ]);
    const wrong = await complete(choice, { guidedChoice: 'Flow_Unknown' });
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toMatch(/must be one of/);
    expect((await complete(choice, { guidedChoice: 'Flow_Approved' })).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'approved' });
  });
});
