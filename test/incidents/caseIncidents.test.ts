// Given a misconfigured office, when a case reaches its notice, then it pauses at an incident (not a Failed
// workflow) that an administrator finds, fixes, retries or resolves through the API; the applicant sees only a
// neutral text. Adversarial inputs (no reasons, maximal lengths, DIN 91379 names, emoji) never fail a case.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_OFFICE, DEMO_TOKENS } from '../../demo/seed';
import {
  caseResult,
  readMailbox,
  status,
  submit,
  tradeSubmission,
  waitForPhase,
  waitForTask,
  TRADE_REGISTRATION,
  type SubmittedCase,
} from '../lifecycle/caseDriver';
import { DS_INCIDENT } from '../../workflows/searchAttributes';
import { startApplication } from '../../api/startApplication';
import { listUnstarted } from '../../db/applications';

const OFFICE_ADDRESS = 'Pestalozzistraße 6, 01445 Radebeul';

describe('incidents of the application workflow', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  const complete = async (c: SubmittedCase, output: Record<string, unknown>) => {
    const task = await waitForTask(hub, c, 'review');
    return hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      token: DEMO_TOKENS.caseworker,
      body: { output },
    });
  };
  const openIncident = (c: SubmittedCase, step: string) =>
    eventually(
      async () => {
        const res = await hub.call(
          'GET',
          `/api/v1/admin/incidents?state=open&step=${step}&municipality=${DEMO_ARS}&office=${DEMO_OFFICE}&service=${TRADE_REGISTRATION}`,
        );
        return res.body.items.find((i: any) => i.applicationId === c.applicationId);
      },
      30_000,
      `open ${step} incident of ${c.applicationId}`,
    );
  // An office configured before addresses were validated (the configuration API refuses this now).
  const removeOfficeAddress = () =>
    hub.pool.query('UPDATE offices SET address = NULL WHERE id = $1', [DEMO_OFFICE]);

  it('refuses an unstructured office address at configuration time', async () => {
    for (const address of ['Radebeul', 'Pestalozzistraße 6', '01445']) {
      const res = await hub.call('PATCH', `/api/v1/admin/offices/${DEMO_OFFICE}`, { body: { address } });
      expect(res.status, address).toBe(422);
      expect(res.body.detail).toMatch(/address/);
    }
  });

  it('pauses at the notice without an office address, then completes after fix and retry', async () => {
    await removeOfficeAddress();
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    // No reasons: the form marks them optional, the notice states a standard sentence.
    expect((await complete(c, { decision: 'approved' })).status).toBe(200);

    const incident = await openIncident(c, 'notice');
    expect(incident).toMatchObject({
      workflowId: c.applicationId,
      municipality: DEMO_ARS,
      officeId: DEMO_OFFICE,
      service: TRADE_REGISTRATION,
      errorType: 'INVALID_NOTICE_INPUT',
      state: 'open',
    });
    expect(incident.message).toMatch(/authority\.address/);
    expect(incident.message).not.toMatch(/Erika|Mustermann|Hauptstraße/);

    // The applicant sees a neutral text, no internals.
    const shown = await waitForPhase(hub, c, 'PROCESSING', 'incident');
    expect(shown.text).not.toMatch(/INVALID|address|Adresse|notice|Fehler/i);

    // The case is findable in Temporal as having an incident; the protocol has ids only; the gauge counts it.
    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of hub.temporal.workflow.list({ query: `${DS_INCIDENT.name} = 'notice'` }))
        ids.push(w.workflowId);
      return ids.includes(c.applicationId) ? ids : undefined;
    });
    expect(listed).toContain(c.applicationId);
    const protocol = await hub.call(
      'GET',
      `/api/v1/admin/protocol?applicationId=${c.applicationId}&step=failure`,
    );
    expect(protocol.body.items[0].detail).toEqual({
      incident: incident.id,
      workflow: c.applicationId,
      step: 'notice',
      errorType: 'INVALID_NOTICE_INPUT',
    });
    const metrics = await hub.call('GET', '/metrics');
    expect(metrics.body).toMatch(new RegExp(`drehscheibe_incidents_open\\{[^}]*step="notice"[^}]*\\} [1-9]`));

    // Outcomes the step does not allow are refused, naming what is possible.
    const skip = await hub.call(
      'POST',
      `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/resolve`,
      {
        body: { outcome: 'skip' },
      },
    );
    expect(skip.status).toBe(409);
    expect(skip.body.detail).toMatch(/possible: retry, close/);
    const noMessage = await hub.call(
      'POST',
      `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/resolve`,
      { body: { outcome: 'close' } },
    );
    expect(noMessage.status).toBe(422);

    // Fixed through the configuration portal, then retried: the case completes.
    const fixed = await hub.call('PATCH', `/api/v1/admin/offices/${DEMO_OFFICE}`, {
      body: { address: OFFICE_ADDRESS },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const retried = await hub.call(
      'POST',
      `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/retry`,
    );
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect(retried.body).toMatchObject({ incidentId: incident.id, state: 'retried' });
    const again = await hub.call('POST', `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/retry`);
    expect(again.status).toBe(409);

    await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
    const mailbox = await readMailbox(hub, c);
    const notice = mailbox.find((m) => m.kind === 'notice')!;
    const json = notice.documents.find((d) => d.filename.endsWith('.json'))!;
    const doc = await hub.call(
      'GET',
      `/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(json.id)}`,
      {
        token: c.accessToken,
      },
    );
    expect(JSON.stringify(doc.body)).toMatch(/rechtlichen Voraussetzungen erfüllt/);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'approved' });
    const after = await hub.call('GET', `/api/v1/admin/incidents?applicationId=${c.applicationId}`);
    expect(after.body.items.map((i: any) => i.state)).toEqual(['retried']);
    const history = (await status(hub, c)).history.map((h: any) => h.phase);
    expect(history).toEqual(expect.arrayContaining(['incident', 'notice-delivered']));
  });

  it('closes a case at an incident with a German text to the applicant', async () => {
    await removeOfficeAddress();
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect((await complete(c, { decision: 'rejected', reasons: '' })).status).toBe(200);
    const incident = await openIncident(c, 'notice');
    const message =
      'Ihr Antrag wurde außerhalb des Online-Verfahrens beschieden. Sie erhalten den Bescheid per Post.';
    const closed = await hub.call(
      'POST',
      `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/resolve`,
      { body: { outcome: 'close', message, status: 'REJECTED' } },
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(202);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'REJECTED', decision: 'rejected' });
    const s = await status(hub, c);
    expect(s).toMatchObject({ status: 'REJECTED', phase: 'closed', text: message });
    expect((await readMailbox(hub, c)).map((m) => m.subject)).toContain('Ihr Antrag wurde abgeschlossen');
    await hub.pool.query('UPDATE offices SET address = $2 WHERE id = $1', [DEMO_OFFICE, OFFICE_ADDRESS]);
  });

  it('refuses task output that does not fit the announced form, and takes everything that fits', async () => {
    const c = await submit(
      hub,
      tradeSubmission({
        applicant: {
          name: 'Ayşe Yılmaz',
          email: 'ayse@example.org',
          postalAddress: 'Straße des 17. Juni 1, 01445 Radebeul',
        },
      }),
    );
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const bad = [
      [{ decision: 'maybe' }, 'body.output.decision'],
      [{}, 'body.output.decision'],
      [{ decision: 'approved', reasons: 42 }, 'body.output.reasons'],
      [{ decision: 'approved', reasons: 'x'.repeat(20_001) }, 'body.output.reasons'],
      [{ decision: 'approved', color: 'blue' }, 'body.output.color'],
    ] as const;
    for (const [output, path] of bad) {
      const res = await complete(c, output);
      expect(res.status, JSON.stringify(output).slice(0, 80)).toBe(422);
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
    const reasons = `Ayşe Yılmaz 🌻\n\nZeile zwei\r\nmit „Anführungszeichen“ ${'ä'.repeat(19_900)}`.slice(
      0,
      20_000,
    );
    expect((await complete(c, { decision: 'approved', reasons })).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED' });
  });

  it('decides through the API without reasons; refuses blank document requests like the workflow does', async () => {
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const blank = await hub.call('POST', `/api/v1/applications/${c.applicationId}/document-requests`, {
      token: DEMO_TOKENS.caseworker,
      body: { description: '     ', deadline: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(blank.status).toBe(422);
    const decided = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworker,
      body: { decision: 'rejected' },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'REJECTED' });
  });

  it('an administrator reading the mailbox does not retrieve the notice; the applicant does', async () => {
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect((await complete(c, { decision: 'approved', reasons: 'Gut.' })).status).toBe(200);
    await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
    const asAdmin = await hub.call('GET', `/api/v1/applications/${c.applicationId}/messages`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items.find((m: any) => m.kind === 'notice').retrievedAt).toBeNull();
    const items = await readMailbox(hub, c);
    expect(items.length).toBeGreaterThan(0);
    const stored = await hub.pool.query<{ retrieved_at: Date }>(
      'SELECT retrieved_at FROM mailbox_messages WHERE id = $1',
      [`${c.applicationId}/notice`],
    );
    expect(stored.rows[0]!.retrieved_at).toBeInstanceOf(Date);
    await caseResult(hub, c);
  });

  it('closes completed case-owned tasks as completed, not cancelled', async () => {
    const binding = `/api/v1/admin/bindings/${DEMO_ARS}-${TRADE_REGISTRATION}`;
    const level4 = { level: 4, participatingOfficeIds: ['radebeul-bauamt'] };
    expect((await hub.call('PATCH', binding, { body: level4 })).status).toBe(200);
    try {
      const c = await submit(hub, tradeSubmission());
      await waitForPhase(hub, c, 'PROCESSING', 'participation');
      const task = await waitForTask(hub, c, 'statement', DEMO_TOKENS.caseworkerBauamt);
      const done = await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
        token: DEMO_TOKENS.caseworkerBauamt,
        body: { output: { statement: 'Keine Bedenken 👍', consent: true } },
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      const row = await hub.call('GET', `/api/v1/tasks/${encodeURIComponent(task.id)}`);
      expect(row.body).toMatchObject({ status: 'completed', output: { statement: 'Keine Bedenken 👍' } });
      await waitForPhase(hub, c, 'PROCESSING', 'in-review');
      expect((await complete(c, { decision: 'approved' })).status).toBe(200);
      await caseResult(hub, c);
      expect((await hub.call('GET', `/api/v1/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe(
        'completed',
      );
    } finally {
      await hub.call('PATCH', binding, { body: { level: 2, participatingOfficeIds: [] } });
    }
  });

  it('starts a case once: a second start (API restart, retry) neither fails nor runs it again', async () => {
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const decided = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworker,
      body: { decision: 'approved' },
    });
    expect(decided.status).toBe(200);
    await caseResult(hub, c);
    const app = { id: c.applicationId, leikaId: TRADE_REGISTRATION, ars: DEMO_ARS };
    await startApplication(hub.temporal, hub.pool, hub.config, app);
    const runs = await hub.temporal.workflow.count(`WorkflowId = '${c.applicationId}'`);
    expect(runs.count).toBe(1);
    expect((await listUnstarted(hub.pool)).map((a) => a.id)).not.toContain(c.applicationId);
  });

  it('a refused BPMN document request is a BPMN error; the process ending without decision an incident', async () => {
    const xml = fs.readFileSync('bpmn/trade-default.bpmn', 'utf8');
    const imported = await hub.call('POST', '/api/v1/admin/process-models', {
      body: { leikaId: TRADE_REGISTRATION, ars: DEMO_ARS, files: [{ filename: 'trade-default.bpmn', xml }] },
    });
    expect(imported.status).toBe(201);
    expect(
      (
        await hub.call('POST', `/api/v1/admin/process-models/${imported.body.id}/activate`, {
          body: { ars: DEMO_ARS },
        })
      ).status,
    ).toBe(200);
    const c = await submit(hub, tradeSubmission());
    const task = await eventually(async () => {
      const tasks = (
        await hub.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}`, {
          token: DEMO_TOKENS.caseworker,
        })
      ).body.items;
      return tasks.find((t: any) => t.elementId === 'Task_Review');
    });
    // The model asks for "x": the case refuses a description under 3 characters, the model gets a BPMN error.
    const completed = await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      token: DEMO_TOKENS.caseworker,
      body: { output: { decision: 'request-documents', reasons: 'x' } },
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const incident = await openIncident(c, 'process');
    expect(incident.errorType).toBe('NO_DECISION');
    const protocol = await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}`);
    expect(JSON.stringify(protocol.body.items)).not.toMatch(/documentsRequested/);
    const resolved = await hub.call(
      'POST',
      `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/resolve`,
      {
        body: { outcome: 'continue', value: { decision: 'approved' } },
      },
    );
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(202);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'approved' });
  });

  it('ends no workflow of this hub as Failed (Temporal visibility)', async () => {
    const failed = await hub.temporal.workflow.count(
      `TaskQueue = '${hub.config.taskQueue}' AND ExecutionStatus = 'Failed'`,
    );
    const all = await hub.temporal.workflow.count(`TaskQueue = '${hub.config.taskQueue}'`);
    expect(all.count).toBeGreaterThan(5);
    expect(failed.count).toBe(0);
  });
});
