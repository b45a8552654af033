import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { listProtocol } from '../../db/protocol';
import { tradeSubmission } from '../lifecycle/caseDriver';

const submission = tradeSubmission();

describe('walking skeleton: API -> workflow -> activity -> PostgreSQL', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('accepts a submission, runs its workflow and reports the status', async () => {
    const accepted = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: submission,
    });
    expect(accepted.status).toBe(202);
    const { applicationId, accessToken, statusUrl } = accepted.body;
    expect(applicationId).toMatch(/^A-\d{8}-[0-9A-F]{10}$/);

    const status = await eventually(
      async () => {
        const res = await hub.call('GET', statusUrl, { token: accessToken });
        return res.body.status === 'PROCESSING' ? res.body : undefined;
      },
      20_000,
      'status PROCESSING',
    );
    expect(status.history.map((h: { status: string }) => h.status)).toEqual([
      'SUBMITTED',
      'RECEIVED',
      'PROCESSING',
    ]);
    expect(status.history[1].text).toMatch(/eingegangen/);

    const description = await hub.temporal.workflow.getHandle(applicationId).describe();
    expect(description.type).toBe('applicationWorkflow');
    const protocol = await listProtocol(hub.pool, { applicationId });
    expect(protocol.map((p) => p.step)).toContain('receive');
  });

  it('answers the same application for the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `key-${Date.now()}` };
    const first = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: submission,
      headers,
    });
    const second = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: submission,
      headers,
    });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.applicationId).toBe(first.body.applicationId);
    const conflicting = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      headers,
      body: { ...submission, applicant: { ...submission.applicant, name: 'Someone Else' } },
    });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.type).toBe('urn:drehscheibe:problem:idempotency-key-reused');
  });

  it('refuses invalid input with a problem document that says what to fix, and records it', async () => {
    const res = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: { ...submission, municipality: '12', applicant: { name: 'x' } },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/body\.municipality/);
    expect(res.body.detail).toMatch(/body\.applicant\.email/);
    const rejected = await listProtocol(hub.pool, { step: 'reject' });
    const entry = rejected.find((r) =>
      (r.detail.fields as string[] | undefined)?.includes('body.municipality'),
    );
    expect(entry?.detail).toMatchObject({
      code: 'validation-failed',
      role: 'portal',
      route: '/api/v1/submissions',
    });
    // ids and codes only: not the applicant's name the request carried
    expect(JSON.stringify(entry)).not.toContain('"x"');
  });

  it('validates form data against the service schema and names each wrong field', async () => {
    const res = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: {
        ...submission,
        formData: {
          ...submission.formData,
          startDate: 'soon',
          businessAddress: { street: 'x', postalCode: '1445', city: 'Radebeul' },
        },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.formData.startDate', 'body.formData.businessAddress.postalCode']),
    );
  });

  it('refuses unknown services, municipalities without the service, and unsafe XML documents', async () => {
    const unknown = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: { ...submission, service: '99999999999999' },
    });
    expect(unknown.body.type).toBe('urn:drehscheibe:problem:unknown-service');
    const unbound = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: { ...submission, municipality: '146120000000' },
    });
    expect(unbound.body.type).toBe('urn:drehscheibe:problem:no-binding');
    expect(unbound.body.detail).toMatch(/Dresden/);
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    const withoutForm = { ...submission, formData: undefined };
    const unsafe = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: { ...withoutForm, xmlDocument: xxe },
    });
    expect(unsafe.status).toBe(422);
    expect(unsafe.body.type).toBe('urn:drehscheibe:problem:unsafe-xml');
    const huge = await hub.call('POST', '/api/v1/submissions', {
      token: DEMO_TOKENS.portal,
      body: { ...submission, formData: { ...submission.formData, activity: 'x'.repeat(30 * 1024 * 1024) } },
    });
    expect(huge.status).toBe(413);
  });

  it('requires a token with the right role', async () => {
    expect((await hub.call('POST', '/api/v1/submissions', { token: null, body: submission })).status).toBe(
      401,
    );
    expect(
      (await hub.call('POST', '/api/v1/submissions', { token: DEMO_TOKENS.caseworker, body: submission }))
        .status,
    ).toBe(403);
    expect((await hub.call('GET', '/healthz', { token: null })).status).toBe(200);
  });

  it('is ready when Temporal and PostgreSQL are reachable, and describes itself in OpenAPI 3.1', async () => {
    const ready = await hub.call('GET', '/readyz', { token: null });
    expect(ready.body).toEqual({ status: 'ready', database: 'ok', temporal: 'ok' });
    const openapi = await hub.call('GET', '/api/v1/openapi.json', { token: null });
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(
      openapi.body.paths['/api/v1/submissions'].post.requestBody.content['application/json'].schema.required,
    ).toContain('service');
    const metrics = await hub.call('GET', '/metrics');
    expect(metrics.body).toMatch(/drehscheibe_http_requests_total/);
  });
});
