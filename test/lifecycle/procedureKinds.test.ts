// Given the catalogue's procedure kinds on a real hub (Temporal dev server, PostgreSQL, demo organisation):
// an Anzeige is acknowledged (never approved), tracked against its period and has no appeal period; an Antrag
// with fee gets a Kostenfestsetzung; consent decides the notification path; listing the mailbox retrieves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { SAMPLE_FORM_DATA } from '../../rules/samples';
import { caseViewQuery } from '../../workflows/applicationMessages';
import {
  caseResult,
  listMailbox,
  openDocument,
  status,
  submit,
  tradeSubmission,
  waitForPhase,
  type SubmittedCase,
} from './caseDriver';

const PARKING_BAN = '99086004000002';

function streetUse(consent: unknown) {
  return {
    service: PARKING_BAN,
    municipality: DEMO_ARS,
    applicant: {
      name: 'Ayşe Yılmaz',
      email: 'ayse@example.org',
      postalAddress: 'Straße des 17. Juni 1, 01445 Radebeul',
    },
    notificationConsent: consent,
    formData: SAMPLE_FORM_DATA['street-use'],
  };
}

describe('procedure kinds, consent and notification', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({
      catalogueKinds: true,
      config: {
        caseTiming: {
          noticeRetrievalWindow: 2_000,
          appealPeriod: 1_500,
          acknowledgementPeriod: 1_500,
          reminderBeforeMs: 1_000,
          participationMs: 20_000,
          delivery: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 500 },
        },
      },
    });
  });
  afterAll(async () => hub?.stop());

  const decide = (c: SubmittedCase, decision: string) =>
    hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
      token: DEMO_TOKENS.caseworker,
      body: { decision, reasons: decision === 'acknowledged' ? '' : 'Die Voraussetzungen liegen vor.' },
    });
  const structuredNotice = async (c: SubmittedCase) => {
    const mailbox = await listMailbox(hub, c);
    const doc = mailbox
      .find((m) => m.kind === 'notice')!
      .documents.find((d) => d.id.endsWith('/notice.json'))!;
    const res = await hub.call(
      'GET',
      `/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(doc.id)}`,
      { token: DEMO_TOKENS.admin },
    );
    expect(res.status).toBe(200);
    return res.body as any;
  };

  it('an Anzeige: approve and reject are refused, overdue is tracked, acknowledged without appeal period', async () => {
    const c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'acknowledgement-overdue');
    const view = await hub.temporal.workflow.getHandle(c.applicationId).query(caseViewQuery);
    expect(view).toMatchObject({ procedureKind: 'notification', acknowledgementOverdue: true });
    expect(Date.parse(view.acknowledgementDueAt!)).toBeLessThanOrEqual(Date.now());

    for (const decision of ['approved', 'rejected']) {
      const refused = await decide(c, decision);
      expect(refused.status).toBe(422);
      expect(refused.body.type).toMatch(/procedure-kind-mismatch$/);
      expect(refused.body.detail).toContain('"acknowledged"');
    }
    // The workflow refuses too, should a client reach it around the API check.
    const handle = hub.temporal.workflow.getHandle(c.applicationId);
    await expect(
      handle.executeUpdate('decide', { args: [{ decision: 'approved', reasons: '', decidedBy: 'x' }] }),
    ).rejects.toThrow();

    expect((await decide(c, 'acknowledged')).status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'acknowledged' });
    const phases = ((await status(hub, c)).history as { phase: string }[]).map((h) => h.phase);
    expect(phases).toContain('final');
    expect(phases).not.toContain('appeal-period');
    const notice = await structuredNotice(c);
    expect(notice).toMatchObject({ title: 'Empfangsbescheinigung', procedureKind: 'notification' });
    expect(notice.costs).toMatchObject({ amountCents: 2600, currency: 'EUR' });
    expect(notice.remedies).toMatchObject({ against: 'costs' });
  });

  it('an Antrag with fee: Bescheid with Kostenfestsetzung; listing does not retrieve, opening does', async () => {
    const c = await submit(hub, streetUse({ electronic: true, email: true }));
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect((await decide(c, 'acknowledged')).status).toBe(422);
    expect((await decide(c, 'approved')).status).toBe(200);
    await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
    const listed = await listMailbox(hub, c);
    expect(listed.find((m) => m.kind === 'notice')!.retrievedAt).toBeNull();
    const notice = await structuredNotice(c);
    expect(notice.title).toBe('Bescheid');
    expect(notice.costs.paragraphs[0]).toContain('35,00 Euro');
    expect(notice.notification.consent).toMatchObject({ electronic: true, email: true, recorded: true });
    // An administrator opening the document retrieves nothing either.
    expect((await listMailbox(hub, c)).find((m) => m.kind === 'notice')!.retrievedAt).toBeNull();
    const pdf = listed.find((m) => m.kind === 'notice')!.documents.find((d) => d.id.endsWith('.pdf'))!;
    await openDocument(hub, c, pdf.id);
    expect((await listMailbox(hub, c)).find((m) => m.kind === 'notice')!.retrievedAt).not.toBeNull();
    await waitForPhase(hub, c, 'COMPLETED', 'appeal-period');
    expect(await caseResult(hub, c)).toMatchObject({ status: 'COMPLETED', decision: 'approved' });
    const mailbox = await listMailbox(hub, c);
    expect(mailbox.map((m) => m.id)).not.toContain(`${c.applicationId}/notice-reminder`);
  });

  it('listing the mailbox only: a link-only reminder, then the postal path (no consent to e-mail: post at once)', async () => {
    const c = await submit(hub, streetUse({ electronic: true, email: true }));
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect((await decide(c, 'approved')).status).toBe(200);
    await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
    for (let i = 0; i < 3; i++) await listMailbox(hub, c);
    await waitForPhase(hub, c, 'COMPLETED', 'notice-by-post', 30_000);
    const mailbox = await listMailbox(hub, c);
    const reminder = mailbox.find((m) => m.id === `${c.applicationId}/notice-reminder`)!;
    expect(reminder.documents).toEqual([]);
    expect(mailbox.find((m) => m.kind === 'notice')!.retrievedAt).toBeNull();
    const mails = hub.demo!.servers.mail.mails();
    const toApplicant = mails.filter(
      (m) => m.to.includes('ayse@example.org') && m.subject.includes(c.applicationId),
    );
    expect(toApplicant.length).toBeGreaterThanOrEqual(2);
    expect(toApplicant.every((m) => m.attachments.length === 0)).toBe(true);
    expect(mails.some((m) => m.subject.includes(`Postversand`) && m.subject.includes(c.applicationId))).toBe(
      true,
    );
    await caseResult(hub, c);
  });

  it('without consent to electronic notification the notice goes by post, never to the mailbox', async () => {
    const c = await submit(hub, streetUse({ electronic: false, email: false }));
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    expect((await decide(c, 'rejected')).status).toBe(200);
    await waitForPhase(hub, c, 'REJECTED', 'notice-by-post');
    const mailbox = await listMailbox(hub, c);
    expect(mailbox.filter((m) => m.kind === 'notice')).toEqual([]);
    expect(mailbox.find((m) => m.id === `${c.applicationId}/notice-by-post`)!.documents).toEqual([]);
    // Handed to the office's print-and-post channel, with the PDF; the applicant got no mail with content.
    const mails = hub.demo!.servers.mail.mails();
    const postal = mails.find(
      (m) => m.subject.includes('Postversand') && m.subject.includes(c.applicationId),
    )!;
    expect(postal.to).toEqual(['gewerbe@radebeul.demo']);
    expect(postal.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(postal.text).toContain('Straße des 17. Juni 1, 01445 Radebeul');
    // Only the receipt confirmation reached the applicant by e-mail (it is no notice).
    const ofThisCase = mails.filter(
      (m) => m.to.includes('ayse@example.org') && m.subject.includes(c.applicationId),
    );
    expect(ofThisCase.map((m) => m.subject)).toEqual([
      `Eingangsbestätigung: Halteverbot für einen Umzug (${c.applicationId})`,
    ]);
    await waitForPhase(hub, c, 'REJECTED', 'appeal-period');
    expect(await caseResult(hub, c)).toMatchObject({ status: 'REJECTED' });
  });

  it('refuses a submission whose consent is missing or of the wrong type, and stores nothing', async () => {
    const before = (await hub.pool.query('SELECT count(*)::int AS n FROM applications')).rows[0].n;
    const withoutConsent: Record<string, unknown> = { ...streetUse({ electronic: true, email: true }) };
    delete withoutConsent.notificationConsent;
    for (const body of [
      withoutConsent,
      streetUse({ electronic: 'yes', email: true }),
      streetUse({ electronic: true }),
      streetUse(true),
    ]) {
      const res = await hub.call('POST', '/api/v1/submissions', { token: DEMO_TOKENS.portal, body });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.detail).toMatch(/notificationConsent/);
    }
    expect((await hub.pool.query('SELECT count(*)::int AS n FROM applications')).rows[0].n).toBe(before);
  });
});
