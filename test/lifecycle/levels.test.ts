// Given one binding per implementation level, when a trade registration is decided, then each level adds
// its integration: 1 mail to the office, 2 Fachverfahren + E-Akte + register check, 3 e-payment, 4 statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import {
  caseResult,
  completeReview,
  json,
  readMailbox,
  submit,
  tradeSubmission,
  waitForPhase,
  waitForTask,
  TRADE_REGISTRATION,
} from './caseDriver';

const BINDING = `${DEMO_ARS}-${TRADE_REGISTRATION}`;

describe('implementation levels 1-4', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  async function setLevel(level: number, extra: Record<string, unknown> = {}) {
    const res = await hub.call('PATCH', `/api/v1/admin/bindings/${BINDING}`, { body: { level, ...extra } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('level 1: the office gets a mail with summary, PDF and attachments and acts through the API', async () => {
    await setLevel(1);
    const c = await submit(
      hub,
      tradeSubmission({
        attachments: [
          {
            filename: 'Ausweis.pdf',
            mediaType: 'application/pdf',
            contentBase64: Buffer.from('%PDF-1.4 id').toString('base64'),
          },
        ],
      }),
    );
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const mails = await eventually(
      async () => {
        const r = await json(`${hub.demo!.urls.mailHttp}/mails?to=gewerbe@radebeul.demo`);
        return r.body.mails.find((m: any) => m.subject.includes(c.applicationId));
      },
      10_000,
      'office mail',
    );
    expect(mails.text).toMatch(/Feinkost Mustermann/);
    expect(mails.attachments.map((a: any) => a.filename)).toEqual([`${c.applicationId}.pdf`, 'Ausweis.pdf']);
    const inbox = await json(`${hub.demo!.urls.fachverfahrenXml}/inbox`);
    expect(inbox.body.receipts.some((r: any) => r.idempotencyKey.startsWith(c.applicationId))).toBe(false);
    const decided = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworker,
      body: { decision: 'rejected', reasons: 'Die Tätigkeit ist nicht anmeldefähig.' },
    });
    expect(decided.status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'REJECTED', decision: 'rejected' });
  });

  it('level 2: Fachverfahren, E-Akte and the residents register check before processing', async () => {
    await setLevel(2);
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const protocol = await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}`);
    const check = protocol.body.items.find((p: any) => p.target === 'residents-register');
    expect(check.detail).toMatchObject({ checked: true, found: true });
    expect((await completeReview(hub, c, 'approved')).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED' });
  });

  it('level 3: the fee is paid through e-payment (callback) before the office starts', async () => {
    await setLevel(3);
    const c = await submit(hub, tradeSubmission());
    // The demo e-payment confirms by itself shortly after the request (autoPay).
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const s = (
      await hub.call('GET', `/api/v1/applications/${c.applicationId}/status`, { token: c.accessToken })
    ).body;
    expect(s.history.map((h: any) => h.phase)).toEqual(expect.arrayContaining(['awaiting-payment', 'paid']));
    expect((await readMailbox(hub, c)).map((m) => m.kind)).toContain('payment');
    expect((await completeReview(hub, c, 'approved')).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED' });
  });

  it('level 4: participating offices give statements in parallel; they are filed with the case', async () => {
    await setLevel(4, { participatingOfficeIds: ['radebeul-bauamt', 'radebeul-standesamt'] });
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'participation');
    for (const token of [DEMO_TOKENS.caseworkerBauamt, DEMO_TOKENS.caseworkerStandesamt]) {
      const task = await waitForTask(hub, c, 'statement', token);
      // The case's own office cannot complete another office's task.
      expect(
        (
          await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
            token: DEMO_TOKENS.caseworker,
            body: { output: { statement: 'x' } },
          })
        ).status,
      ).toBe(404);
      const done = await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
        token,
        body: { output: { statement: 'Keine Bedenken.', consent: true } },
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    const view = await hub.call('GET', `/api/v1/applications/${c.applicationId}`, {
      token: DEMO_TOKENS.caseworker,
    });
    expect(view.body.record.documents.map((d: any) => d.kind)).toContain('statements');
    expect((await completeReview(hub, c, 'approved')).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED' });
    await setLevel(2, { participatingOfficeIds: [] });
  });
});
