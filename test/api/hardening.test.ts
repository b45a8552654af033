// Given the inputs that answered 5xx or were accepted but undeliverable, when they are sent again, then each
// gets a 4xx problem document that says what to fix, and nothing answers HTML or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { request, type Answer } from '../support/http';
import { DEMO_TOKENS } from '../../demo/seed';
import { MAX_APPLICATION_ENVELOPE_BYTES } from '../../api/deliverability';
import {
  requestDocuments,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
  type SubmittedCase,
} from '../lifecycle/caseDriver';

function expectProblem(res: Answer, status: number, type?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(typeof res.body).toBe('object');
  expect(JSON.stringify(res.body)).not.toMatch(/<html|at [\w.]+ \(.*:\d+:\d+\)/i);
  if (type) expect(res.body.type).toBe(`urn:drehscheibe:problem:${type}`);
}

describe('no 5xx on any input', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  const raw = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    request(method, `${hub.apiUrl}${path}`, { body, headers, contentType: headers['content-type'] });

  it('validates query and path parameters: NUL, lone surrogates, controls, non-numbers -> 400', async () => {
    for (const query of [
      'applicationId=%00',
      'applicationId=a%0Db',
      'limit=abc',
      'limit=-1',
      'limit=99999999999',
      'from=yesterday',
      'applicationId=x&applicationId=y',
    ]) {
      expectProblem(await hub.call('GET', `/api/v1/admin/protocol?${query}`), 400, 'invalid-request');
    }
    expect((await hub.call('GET', '/api/v1/admin/protocol?limit=3&from=2026-01-01T00:00:00Z')).status).toBe(
      200,
    );
    expectProblem(await hub.call('GET', '/api/v1/admin/offices/a%00b'), 400, 'invalid-request');
    expectProblem(await hub.call('GET', '/api/v1/tasks/%E0%A4%A'), 400);
    expectProblem(await hub.call('GET', '/api/v1/admin/bindings?ars=%00'), 400);
    // A lone surrogate in a body string (valid JSON, not valid Unicode text).
    const lone = '{"id":"x","ars":"146270210210","name":"\\ud800"}';
    expectProblem(
      await raw('POST', '/api/v1/admin/offices', lone, {
        'content-type': 'application/json',
        authorization: `Bearer ${DEMO_TOKENS.admin}`,
      }),
      400,
    );
    const nul = JSON.stringify({ ...tradeSubmission(), applicant: { name: 'A\u0000B', email: 'a@b.de' } });
    expectProblem(
      await raw('POST', '/api/v1/submissions', nul, {
        'content-type': 'application/json',
        authorization: `Bearer ${DEMO_TOKENS.portal}`,
      }),
      400,
    );
  });

  it('refuses a 100,000-deep JSON array and malformed JSON as problems, not HTML', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.portal}` };
    const res = await raw('POST', '/api/v1/submissions', deep, headers);
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.detail).toMatch(/nests deeper than 64/);
    expectProblem(await raw('POST', '/api/v1/submissions', '{"service":', headers), 400, 'invalid-request');
    expectProblem(
      await raw('POST', '/api/v1/submissions', '{}', { ...headers, 'content-type': 'text/plain' }),
      415,
    );
    expectProblem(
      await raw('POST', '/api/v1/submissions', '{}', {
        ...headers,
        'content-type': 'application/json; charset=latin1',
      }),
      415,
    );
    expectProblem(await raw('GET', '/nowhere/at/all'), 404, 'not-found');
    expectProblem(await raw('DELETE', '/api/v1/submissions'), 404, 'not-found');
  });

  it('reads bodies only after authentication: anonymous callers get a small limit', async () => {
    const big = JSON.stringify({ ...tradeSubmission(), padding: 'x'.repeat(2 * 1024 * 1024) });
    const anonymous = await raw('POST', '/api/v1/submissions', big, { 'content-type': 'application/json' });
    expectProblem(anonymous, 401, 'unauthenticated');
    const callback = await raw('POST', '/api/v1/callbacks/payments/A-1', big, {
      'content-type': 'application/json',
    });
    expectProblem(callback, 413, 'payload-too-large');
    // The same size with a token is read and judged by its content.
    const authenticated = await raw('POST', '/api/v1/submissions', big, {
      'content-type': 'application/json',
      authorization: `Bearer ${DEMO_TOKENS.portal}`,
    });
    expectProblem(authenticated, 422, 'validation-failed');
  });

  it('refuses with 422 what could never be delivered', async () => {
    let nested: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 55; i++) nested = { n: nested };
    const tooDeep = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: tradeSubmission({ formData: { ...tradeSubmission().formData, nested } }),
    });
    expectProblem(tooDeep, 422, 'validation-failed');
    expect(tooDeep.body.detail).toMatch(/nested deeper than 48/);

    const huge = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: tradeSubmission({ formData: { ...tradeSubmission().formData, remarks: 'x'.repeat(6_000_000) } }),
    });
    expectProblem(huge, 422, 'validation-failed');
    expect(huge.body.detail).toContain(`at most ${MAX_APPLICATION_ENVELOPE_BYTES}`);
    expect(huge.body.detail).toContain('body.formData.remarks (6000000 characters)');

    // Escaping counts: 1,200,000 "<" are 4.8 MB in the envelope although the field is 1.2 MB.
    const escaped = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: tradeSubmission({ formData: { ...tradeSubmission().formData, remarks: '<'.repeat(1_200_000) } }),
    });
    expectProblem(escaped, 422, 'validation-failed');

    const xmlOnly = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: {
        ...tradeSubmission(),
        formData: undefined,
        xmlDocument: '<antrag><name>Muster</name></antrag>',
      },
    });
    expectProblem(xmlOnly, 422, 'validation-failed');
    expect(xmlOnly.body.detail).toMatch(
      /reads the form data, not an XML document; send the application as formData/,
    );

    // Just inside the limits it is accepted.
    const fits = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: tradeSubmission({ formData: { ...tradeSubmission().formData, remarks: 'y'.repeat(1_000_000) } }),
    });
    expect(fits.status, JSON.stringify(fits.body)).toBe(202);
  });

  it('refuses a signed-looking callback for an unknown application with 404', async () => {
    const res = await raw(
      'POST',
      '/api/v1/callbacks/payments/A-20990101-FFFFFFFFFF',
      JSON.stringify({
        paymentId: 'P',
        reference: 'A-20990101-FFFFFFFFFF',
        amount: 1,
        currency: 'EUR',
        status: 'paid',
        nonce: 'n',
      }),
      { 'content-type': 'application/json', 'x-payment-signature': 'sha256=00' },
    );
    expectProblem(res, 404, 'not-found');
  });

  describe('attachment filenames', () => {
    let c: SubmittedCase;
    beforeAll(async () => {
      c = await submit(hub, tradeSubmission());
      await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    });

    it('refuses control characters (CR/LF, tab, C1) at upload with 422', async () => {
      for (const filename of [
        'a\r\nContent-Type: text/html.pdf',
        'tab\there.pdf',
        'bell\u0007.pdf',
        'c1\u0085.pdf',
      ]) {
        const res = await hub.call('POST', '/api/v1/submissions', {
          token: DEMO_TOKENS.portal,
          body: tradeSubmission({
            attachments: [{ filename, mediaType: 'application/pdf', contentBase64: 'JVBERg==' }],
          }),
        });
        expectProblem(res, 422, 'validation-failed');
        expect(res.body.detail).toMatch(/filename/);
      }
    });

    it('round-trips DIN 91379 names through RFC 6266 filename*, as a nosniff attachment', async () => {
      // Latin letters with combining marks and special letters from DIN 91379 (normative subset).
      const name = 'Ǆemal Łukasiewicz-Ŋgǫ Ḑ̣ ǺĳŒ ẞ Ŀ Ǹ K̟ L̥ M̂ Ȳ ‘Ø’ 1½ §.pdf';
      await requestDocuments(hub, c, 'Bitte reichen Sie den Nachweis ein.');
      const uploaded = await supplement(hub, c, name);
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(202);
      const documentId = uploaded.body.documentIds[0] as string;
      const res = await fetch(
        `${hub.apiUrl}/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(documentId)}`,
        { headers: { authorization: `Bearer ${c.accessToken}` } },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      const exact = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!);
      expect(exact).toBe(name);
      expect(Buffer.from(await res.arrayBuffer()).toString()).toBe(`%PDF-1.4 ${name}`);
    });

    it('still serves a document stored with a CR/LF name before uploads were checked', async () => {
      const id = `${c.applicationId}/supplement/legacy`;
      await hub.pool.query(
        `INSERT INTO case_documents (id, application_id, kind, filename, media_type, content, sha256)
         VALUES ($1, $2, 'supplement', $3, 'application/pdf', $4, repeat('0', 64))`,
        [id, c.applicationId, 'alt\r\nX-Evil: 1.pdf', Buffer.from('%PDF')],
      );
      const res = await fetch(
        `${hub.apiUrl}/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(id)}`,
        { headers: { authorization: `Bearer ${c.accessToken}` } },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-evil')).toBeNull();
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''alt%0D%0AX-Evil%3A%201.pdf");
    });
  });
});
