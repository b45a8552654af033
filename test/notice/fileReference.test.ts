// Given an office's file reference scheme set through the configuration API, when a case is decided, then its
// notice (a PDF/A with the structured notice inside) carries the office's Aktenzeichen beside the portal id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICE } from '../../demo/seed';
import { STRUCTURED_NOTICE_NAME } from '../../activities/noticePdf';
import { completeReview, readMailbox, submit, tradeSubmission, waitForPhase } from '../lifecycle/caseDriver';
import { startTestHub, type TestHub } from '../support/testHub';
import { inspectPdf } from './pdfInspect';

describe('the Aktenzeichen in the notice', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('given an invalid pattern, when an administrator sets it, then a problem says what to fix and nothing changes', async () => {
    const before = await hub.call('GET', `/api/v1/admin/offices/${DEMO_OFFICE}`);
    expect(before.body.fileReferencePattern).toBe('{office}-{year}-{seq:5}');
    const res = await hub.call('PATCH', `/api/v1/admin/offices/${DEMO_OFFICE}`, {
      body: { fileReferencePattern: 'OA-{jahr}-{seq:5}' },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(/validation-failed$/);
    expect(res.body.detail).toMatch(/fileReferencePattern has the unknown placeholder \{jahr\}/);
    expect(res.body.detail).toMatch(/must contain \{year\} or \{yy\}/);
    const after = await hub.call('GET', `/api/v1/admin/offices/${DEMO_OFFICE}`);
    expect(after.body.fileReferencePattern).toBe('{office}-{year}-{seq:5}');
  });

  it('given a valid pattern, when two cases are decided, then each notice shows its own Aktenzeichen and the portal id', async () => {
    const set = await hub.call('PATCH', `/api/v1/admin/offices/${DEMO_OFFICE}`, {
      body: { fileReferencePattern: 'OA-32-{year}/{seq:4}' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(
      new Date(),
    );

    const seen: string[] = [];
    for (const expected of [`OA-32-${year}/0001`, `OA-32-${year}/0002`]) {
      const c = await submit(hub, tradeSubmission());
      expect((await completeReview(hub, c, 'approved')).status).toBe(200);
      await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
      const notice = (await readMailbox(hub, c)).find((m) => m.kind === 'notice')!;
      const pdf = await fetch(
        `${hub.apiUrl}/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(notice.documents[0]!.id)}`,
        { headers: { authorization: `Bearer ${c.accessToken}` } },
      );
      const inspection = await inspectPdf(Buffer.from(await pdf.arrayBuffer()));
      const lines = inspection.pages.join('\n').split('\n');
      expect(lines).toContain(`Aktenzeichen: ${expected}`);
      expect(lines).toContain(`Portal-ID: ${c.applicationId}`);
      expect(inspection.info.Title).toBe(`Bescheid ${expected}`);
      const attached = inspection.attachments.find((a) => a.name === STRUCTURED_NOTICE_NAME)!;
      expect(JSON.parse(attached.content.toString('utf8'))).toMatchObject({
        fileNumber: c.applicationId,
        fileReference: expected,
      });
      const { rows } = await hub.pool.query(
        'SELECT file_reference FROM file_references WHERE application_id = $1',
        [c.applicationId],
      );
      expect(rows).toEqual([{ file_reference: expected }]);
      seen.push(expected);
    }
    expect(new Set(seen).size).toBe(2);
  });
});
