// Given the demo organisation, when a trade registration runs through two follow-up rounds, a decision,
// notice retrieval and an expiring appeal period, then the whole record is in the demo DMS.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXml } from '../../rules/xsd';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import {
  caseResult,
  completeReview,
  json,
  readMailbox,
  requestDocuments,
  status,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
} from './caseDriver';

describe('a trade registration from submission to the archived, final notice (level 2)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('carries the case through two follow-up rounds, decision, notice and appeal period into the DMS', async () => {
    // Two attachments with bytes that must arrive in the E-Akte unchanged.
    const attachments = ['Personalausweis.pdf', 'Gewerbeerlaubnis Ü.pdf'].map((filename) => ({
      filename,
      mediaType: 'application/pdf',
      content: Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(4096)]),
    }));
    const c = await submit(
      hub,
      tradeSubmission({
        attachments: attachments.map((a) => ({
          filename: a.filename,
          mediaType: a.mediaType,
          contentBase64: a.content.toString('base64'),
        })),
      }),
    );
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');

    // The Fachverfahren got an XGewerbeanzeige message with the idempotency key, the DMS an xdomea filing.
    const inbox = await json(`${hub.demo!.urls.fachverfahrenXml}/inbox`);
    const receipt = inbox.body.receipts.find(
      (r: any) => r.idempotencyKey === `${c.applicationId}/application/0/fachverfahren`,
    );
    expect(receipt.contentType).toMatch(/xml/);
    expect(receipt.body).toContain('Feinkost Mustermann');

    for (const [round, file] of [
      [1, 'Mietvertrag.pdf'],
      [2, 'Handelsregisterauszug.pdf'],
    ] as const) {
      const requestId = await requestDocuments(hub, c, `Nachweis ${file}`);
      expect(requestId).toBe(`${c.applicationId}/request/${round}`);
      const waiting = await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');
      expect(waiting.openRequests[0].description).toBe(`Nachweis ${file}`);
      // Deciding while the case waits for the applicant is refused with a reason.
      const early = await hub.call('POST', `/api/v1/applications/${c.applicationId}/decision`, {
        token: DEMO_TOKENS.caseworker,
        body: { decision: 'approved', reasons: 'x' },
      });
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/waits for the applicant/);
      expect((await supplement(hub, c, file)).status).toBe(202);
      await waitForPhase(hub, c, 'PROCESSING', 'supplement-received');
    }
    const fachverfahrenAfter = await json(`${hub.demo!.urls.fachverfahrenXml}/inbox`);
    expect(
      fachverfahrenAfter.body.receipts.filter((r: any) =>
        r.idempotencyKey.startsWith(`${c.applicationId}/supplement/`),
      ),
    ).toHaveLength(2);

    expect((await completeReview(hub, c, 'approved', 'Alle Unterlagen liegen vor.')).status).toBe(200);
    await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
    const mailbox = await readMailbox(hub, c);
    expect(mailbox.map((m) => m.kind)).toEqual(['confirmation', 'request', 'request', 'notice']);
    const notice = mailbox.find((m) => m.kind === 'notice')!;
    const noticePdf = await fetch(
      `${hub.apiUrl}/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(notice.documents[0]!.id)}`,
      { headers: { authorization: `Bearer ${c.accessToken}` } },
    );
    expect(noticePdf.headers.get('content-type')).toBe('application/pdf');
    const noticeBytes = Buffer.from(await noticePdf.arrayBuffer());
    expect(noticeBytes.subarray(0, 5).toString()).toBe('%PDF-');

    await waitForPhase(hub, c, 'COMPLETED', 'appeal-period');
    const result = await caseResult(hub, c);
    expect(result).toMatchObject({ status: 'COMPLETED', decision: 'approved', objection: false });
    const final = await status(hub, c);
    expect(final.phase).toBe('archived');
    expect(final.history.map((h: any) => h.phase)).toEqual(
      expect.arrayContaining([
        'submitted',
        'received',
        'in-review',
        'awaiting-documents',
        'supplement-received',
        'notice-delivered',
        'appeal-period',
        'final',
        'archived',
      ]),
    );

    // The E-Akte holds the whole case: application, supplements, notice, the final record, and it is closed.
    const record = await eventually(
      async () => {
        const r = await json(`${hub.demo!.urls.dms}/records/${c.applicationId}`);
        return r.status === 200 && r.body.closedAt ? r.body : undefined;
      },
      10_000,
      'DMS record',
    );
    expect(record.messages.map((m: any) => m.facts.messageType)).toEqual([
      ...Array(5).fill('FVDaten.SGOAblegen.0605'),
      'FVDaten.SGOZDAVerfuegen.0624',
    ]);
    // every message is valid xdomea, names the applicant by given and family name, files under the office's
    // file reference, and the notice PDF and every applicant file arrived byte-identical
    for (const m of record.messages)
      expect(await validateXml(m.body, 'xdomea-fvdaten')).toEqual({ valid: true, errors: [] });
    expect(record.messages[0].body).toMatch(
      /<xdomea:Familienname>\s*<xdomea:Name>Mustermann<\/xdomea:Name>\s*<\/xdomea:Familienname>\s*<xdomea:Vorname>\s*<xdomea:Name>Erika</,
    );
    // the Kennzeichen is the office's Aktenzeichen, the one the notice names, not the portal id
    const aktenzeichen = (
      await hub.pool.query('SELECT file_reference FROM file_references WHERE application_id = $1', [
        c.applicationId,
      ])
    ).rows[0].file_reference;
    expect(record.kennzeichen).toEqual([aktenzeichen]);
    expect(aktenzeichen).not.toContain(c.applicationId);
    const filed = async (typ: string) =>
      Promise.all(
        record.documents
          .filter((d: any) => d.typ === typ)
          .map(async (d: any) =>
            Buffer.from(
              await (
                await fetch(
                  `${hub.demo!.urls.dms}/records/${record.recordIds[0]}/files/${encodeURIComponent(d.dateiname)}`,
                )
              ).arrayBuffer(),
            ),
          ),
      );
    const filedAttachments = await filed('Anlage zum Antrag');
    expect(filedAttachments).toHaveLength(2);
    for (const [i, a] of attachments.entries()) expect(filedAttachments[i]!.equals(a.content)).toBe(true);
    const filedNotices = await filed('Bescheid');
    expect(filedNotices).toHaveLength(1);
    expect(filedNotices[0]!.equals(noticeBytes)).toBe(true);
    expect((await filed('Nachreichung')).map((b) => b.toString())).toEqual([
      '%PDF-1.4 Mietvertrag.pdf',
      '%PDF-1.4 Handelsregisterauszug.pdf',
    ]);
    // each document once: the record does not file the notice or the supplements again
    expect(new Set(record.documents.map((d: any) => d.documentId)).size).toBe(record.documents.length);

    // The applicant was notified by mail at each step.
    const mails = await json(`${hub.demo!.urls.mailHttp}/mails?to=erika.mustermann@example.org`);
    expect(mails.body.mails.map((m: any) => m.subject).join('\n')).toMatch(/Bescheid/);

    // The protocol has every step, and the chain is intact.
    const protocol = await hub.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}`);
    const steps = new Set(protocol.body.items.map((p: any) => p.step));
    for (const step of ['receive', 'route', 'transform', 'validate', 'deliver', 'notify', 'decide'])
      expect(steps).toContain(step);
    expect((await hub.call('GET', '/api/v1/admin/protocol/verify')).body.intact).toBe(true);

    // Administrators find the case by its search attributes.
    const processes = [];
    for await (const wf of hub.temporal.workflow.list({
      query: `DsOffice='radebeul-ordnungsamt' AND WorkflowId='${c.applicationId}/process'`,
    }))
      processes.push(wf.type);
    expect(processes).toEqual(['officeReviewWorkflow']);
    const found = [];
    for await (const wf of hub.temporal.workflow.list({
      query: `DsOffice='radebeul-ordnungsamt' AND DsStatus='COMPLETED' AND WorkflowId='${c.applicationId}'`,
    }))
      found.push(wf.workflowId);
    expect(found).toEqual([c.applicationId]);
  });
});
