// Given a case with a document request, a supplement with a note, a decision with reasons and an objection, when
// its raw Temporal history is read without the codec, then none of the applicant's data or free texts is in it
// (payloads, memo, search attributes, failure texts); the codec server decodes it for hub administrators only;
// and after a key rotation the history written under the old key still decodes.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { TEST_PERSONS } from '../../demo/servers/testPersons';
import { EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../platform/payloadCodec';
import { DEMO_PAYLOAD_KEY } from '../../platform/payloadKeys';
import { startDemoOrganisation, type DemoOrganisation } from '../../demo/organisation';
import { loadConfig } from '../../platform/config';
import { CLI_GO_VERSION, cliCacheDir } from '../../platform/temporalCli';
import {
  caseResult,
  completeReview,
  readMailbox,
  requestDocuments,
  submit,
  supplement,
  TRADE_REGISTRATION,
  tradeSubmission,
  waitForPhase,
  waitForTask,
  type SubmittedCase,
} from './caseDriver';

const { History } = proto.temporal.api.history.v1;
const { DescribeWorkflowExecutionResponse } = proto.temporal.api.workflowservice.v1;

// Every text the applicant or the caseworker wrote, and the applicant's personal data. The form data itself stays in
// PostgreSQL (workflows get ids); free texts quote personal data, as caseworkers do, so it does reach the workflow.
const REQUEST = `Meldebescheinigung für Erika Mustermann, geb. ${TEST_PERSONS.erika.birthDate}, Hauptstraße 17, erika.mustermann@example.org (Freitext-Anfrage-4711)`;
const FILE = 'Meldebescheinigung-Nachweis-5813.pdf';
const REASONS = 'Begründung-Freitext-0815: Die Zuverlässigkeit ist nicht nachgewiesen.';
const OBJECTION = 'Widerspruch-Freitext-4242: Der Betrieb in der Meißner Straße 12 ist zuverlässig.';
const OBJECTION_OUTCOME = 'Abhilfe-Freitext-9191.';
const SECRETS = [
  'Erika',
  'Mustermann',
  TEST_PERSONS.erika.birthDate,
  'erika.mustermann@example.org',
  'Hauptstraße 17',
  'Meißner Straße 12',
  'Freitext-Anfrage-4711',
  'Nachweis-5813',
  'Freitext-0815',
  'Freitext-4242',
  'Freitext-9191',
];

const found = (wire: Buffer) => SECRETS.filter((s) => wire.includes(Buffer.from(s, 'utf8')));

/** The raw history of a workflow and all its child workflows, read with a client that has no codec. */
async function rawHistories(raw: Client, workflowId: string) {
  const history = History.fromObject(await raw.workflow.getHandle(workflowId).fetchHistory());
  const children = history.events
    .map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId)
    .filter((id): id is string => !!id);
  const all = [{ workflowId, history }];
  for (const child of children) all.push(...(await rawHistories(raw, child)));
  return all;
}

/**
 * Every payload in a protobuf object tree (inputs, results, signals, updates, memo, failures) except search
 * attributes, which Temporal indexes and so cannot be encrypted (they are checked for personal data instead).
 */
function payloadsIn(node: unknown, out: proto.temporal.api.common.v1.IPayload[] = []) {
  if (!node || typeof node !== 'object' || ArrayBuffer.isView(node)) return out;
  const candidate = node as proto.temporal.api.common.v1.IPayload;
  if (candidate.metadata && typeof candidate.metadata === 'object' && 'data' in candidate)
    out.push(candidate);
  for (const [key, value] of Object.entries(node)) if (key !== 'searchAttributes') payloadsIn(value, out);
  return out;
}

/** What the SDK's core records about a local activity besides its result (temporal-sdk-core's marker data). */
const LOCAL_ACTIVITY_BOOKKEEPING = [
  'seq',
  'attempt',
  'activity_id',
  'activity_type',
  'complete_time',
  'backoff',
  'original_schedule_time',
];

/** The event without the local activity marker's bookkeeping payload (checked on its own above). */
function withoutLocalActivityBookkeeping(e: proto.temporal.api.history.v1.IHistoryEvent) {
  const marker = e.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return e;
  const details = { ...marker.details };
  delete details.data;
  return { ...e, markerRecordedEventAttributes: { ...marker, details } };
}

/** The payloads that went through the codec: all but patch markers and local activities' bookkeeping. */
function codecPayloadsIn(events: proto.temporal.api.history.v1.IHistoryEvent[]) {
  return payloadsIn(
    events
      .filter((e) => e.markerRecordedEventAttributes?.markerName !== 'core_patch')
      .map((e) => withoutLocalActivityBookkeeping(e)),
  );
}

function failuresIn(node: unknown, out: proto.temporal.api.failure.v1.IFailure[] = []) {
  if (!node || typeof node !== 'object' || ArrayBuffer.isView(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'failure' || key === 'cause') && value) out.push(value as never);
    failuresIn(value, out);
  }
  return out;
}

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
const asJson = (payloads: proto.temporal.api.common.v1.IPayload[]) => ({
  payloads: payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
    data: b64(p.data),
  })),
});

describe('encrypted Temporal payloads', () => {
  let hub: TestHub;
  let demo: DemoOrganisation;
  let connection: Connection;
  let raw: Client;
  let c: SubmittedCase;
  let histories: Awaited<ReturnType<typeof rawHistories>>;
  /** The memo while the case waits for documents: the status text then quotes the document request. */
  let memoWhileWaiting: Payload[];

  beforeAll(async () => {
    demo = await startDemoOrganisation({ basePort: 0, autoPay: true });
    hub = await startTestHub({
      demoOrganisation: demo,
      // A longer appeal period, so the objection surely arrives inside it.
      config: {
        caseTiming: {
          noticeRetrievalWindow: 1_000,
          appealPeriod: 60_000,
          reminderBeforeMs: 1_000,
          participationMs: 20_000,
          delivery: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 500 },
        },
      },
    });
    // A client without the codec: what Temporal stores, and what anyone with access to it reads.
    connection = await Connection.connect({ address: inject('temporalAddress') });
    raw = new Client({ connection, namespace: hub.config.temporalNamespace });

    c = await submit(hub, tradeSubmission());
    await waitForPhase(hub, c, 'PROCESSING', 'in-review');
    await requestDocuments(hub, c, REQUEST);
    await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');
    // The read model is written by a local activity inside the workflow task, so it can show the new status a
    // moment before Temporal has stored the task's memo.
    const codec = new EncryptionCodec(hub.config.codec.keys);
    memoWhileWaiting = await eventually(async () => {
      const waiting = await hub.temporal.workflowService.describeWorkflowExecution({
        namespace: hub.config.temporalNamespace,
        execution: { workflowId: c.applicationId },
      });
      const memo = Object.values(waiting.workflowExecutionInfo?.memo?.fields ?? {}) as Payload[];
      const decoded = await codec.decode(memo as never);
      return decoded.some((p) => Buffer.from(p.data!).toString().includes('awaiting-documents'))
        ? memo
        : undefined;
    }, 10_000);
    expect((await supplement(hub, c, FILE)).status).toBe(202);
    await waitForPhase(hub, c, 'PROCESSING', 'supplement-received');
    expect((await completeReview(hub, c, 'rejected', REASONS)).status).toBe(200);
    await waitForPhase(hub, c, 'REJECTED', 'notice-delivered');
    await readMailbox(hub, c);
    await waitForPhase(hub, c, 'REJECTED', 'appeal-period');
    const objection = await hub.call('POST', `/api/v1/applications/${c.applicationId}/objection`, {
      token: c.accessToken,
      body: { reasons: OBJECTION },
    });
    expect(objection.status, JSON.stringify(objection.body)).toBe(202);
    const task = await waitForTask(hub, c, 'objection-review');
    const done = await hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      token: DEMO_TOKENS.caseworker,
      body: { output: { outcome: 'remedied', reasons: OBJECTION_OUTCOME } },
    });
    expect(done.status).toBe(200);
    expect(await caseResult(hub, c)).toMatchObject({ objection: true, status: 'COMPLETED' });
    histories = await rawHistories(raw, c.applicationId);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await demo?.stop();
    await connection?.close();
  });

  it('the raw histories (case and office process) hold no personal data and no free text', () => {
    expect(histories.length).toBeGreaterThanOrEqual(2);
    for (const { workflowId, history } of histories) {
      expect(history.events.length).toBeGreaterThan(10);
      expect(found(Buffer.from(History.encode(history).finish())), workflowId).toEqual([]);
      // Every payload is encrypted, none merely encoded as JSON, except what the SDK's core writes itself, past
      // the codec: the markers of patched() calls (patch id and a flag) and the bookkeeping of local activities
      // (sequence, attempt, activity id and type, times); their results and failures go through the codec.
      const events = history.events;
      for (const p of codecPayloadsIn(events)) {
        expect(Buffer.from(p.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
      }
      const bookkeeping = events.flatMap((e) =>
        e.markerRecordedEventAttributes?.markerName === 'core_local_activity'
          ? (e.markerRecordedEventAttributes.details!.data!.payloads ?? [])
          : [],
      );
      for (const p of bookkeeping)
        expect(Object.keys(JSON.parse(Buffer.from(p.data!).toString())).sort()).toEqual(
          expect.arrayContaining(['activity_id', 'activity_type', 'attempt', 'seq']),
        );
      for (const p of bookkeeping)
        for (const key of Object.keys(JSON.parse(Buffer.from(p.data!).toString())))
          expect(LOCAL_ACTIVITY_BOOKKEEPING).toContain(key);
    }
  });

  it('the secrets are in the history, decodable by the codec server for an administrator', async () => {
    const payloads = histories.flatMap(({ history }) => payloadsIn(history.events));
    const res = await hub.call('POST', '/codec/decode', {
      body: asJson(payloads),
      headers: { 'x-namespace': hub.config.temporalNamespace },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const clear = Buffer.from(
      res.body.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString()).join('\n'),
    );
    // The control that makes the check above able to fail: every secret is there, once decoded.
    expect(found(clear)).toEqual(SECRETS);
  });

  it('memo and search attributes, as the UI lists them, carry no personal data', async () => {
    for (const { workflowId } of histories) {
      const described = await hub.temporal.workflowService.describeWorkflowExecution({
        namespace: hub.config.temporalNamespace,
        execution: { workflowId },
      });
      const wire = Buffer.from(DescribeWorkflowExecutionResponse.encode(described).finish());
      expect(found(wire), workflowId).toEqual([]);
      const memo = described.workflowExecutionInfo?.memo?.fields ?? {};
      if (workflowId === c.applicationId) expect(Object.keys(memo).sort()).toEqual(['status', 'summary']);
      // Memo values are encrypted payloads too; decoded they hold only service, place, office and status.
      const decoded = await new EncryptionCodec(hub.config.codec.keys).decode(Object.values(memo) as never);
      expect(found(Buffer.concat(decoded.map((p) => Buffer.from(p.data!))))).toEqual([]);
    }
    const waiting = await new EncryptionCodec(hub.config.codec.keys).decode(memoWhileWaiting);
    expect(waiting.map((p) => JSON.parse(Buffer.from(p.data!).toString()))).toContain(
      'ACTION_REQUIRED (awaiting-documents)',
    );
    expect(found(Buffer.concat(waiting.map((p) => Buffer.from(p.data!))))).toEqual([]);
  });

  it('failure texts are encoded: a failing activity leaves no clear message or stack in the history', async () => {
    // An application id that carries personal data reaches the routing activity, which fails with it.
    const workflowId = `failure-probe-${crypto.randomUUID()}`;
    const handle = await hub.temporal.workflow.start('applicationWorkflow', {
      workflowId,
      taskQueue: hub.config.taskQueue,
      args: [
        { applicationId: 'Erika Mustermann 1964-08-12', leikaId: TRADE_REGISTRATION, ars: '146270210210' },
      ],
    });
    // Routing is a local activity: its failure is recorded in the local activity's marker.
    const history = await eventually(async () => {
      const h = History.fromObject(await raw.workflow.getHandle(workflowId).fetchHistory());
      return h.events.some(
        (e) => e.activityTaskFailedEventAttributes || e.markerRecordedEventAttributes?.failure,
      )
        ? h
        : undefined;
    }, 30_000);
    const failures = failuresIn(history.events);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.message).toBe('Encoded failure');
      expect(f.stackTrace ?? '').toBe('');
    }
    expect(found(Buffer.from(History.encode(history).finish()))).toEqual([]);
    await handle.terminate('probe done').catch(() => {});
    // Decoded with the hub's keys, the failure still says what went wrong.
    const [attributes] = await new EncryptionCodec(hub.config.codec.keys).decode([
      failures[0]!.encodedAttributes as never,
    ]);
    expect(Buffer.from(attributes!.data!).toString()).toMatch(/no application Erika Mustermann 1964-08-12/);
  });

  it('the codec server refuses without a token, with a non-admin token and with a municipal admin token', async () => {
    const [payload] = payloadsIn(histories[0]!.history.events);
    const body = asJson([payload!]);
    expect((await hub.call('POST', '/codec/decode', { body, token: null })).status).toBe(401);
    expect((await hub.call('POST', '/codec/decode', { body, token: 'not-a-token' })).status).toBe(401);
    const badCookie = { cookie: 'drehscheibe_codec=%E0' };
    expect((await hub.call('POST', '/codec/decode', { body, token: null, headers: badCookie })).status).toBe(
      401,
    );
    for (const token of [DEMO_TOKENS.portal, DEMO_TOKENS.caseworker, c.accessToken]) {
      const res = await hub.call('POST', '/codec/decode', { body, token });
      expect(res.status, token).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/Mustermann/);
    }
    const issued = await hub.call('POST', '/api/v1/admin/tokens', {
      body: { role: 'municipal-admin', label: 'Gemeinde Radebeul', ars: '146270210210' },
    });
    expect(issued.status).toBe(201);
    expect((await hub.call('POST', '/codec/decode', { body, token: issued.body.token })).status).toBe(403);
    const otherNamespace = await hub.call('POST', '/codec/decode', {
      body,
      headers: { 'x-namespace': 'someone-else' },
    });
    expect(otherNamespace.status).toBe(400);
  });

  it('the browser UI signs in with a cookie and calls with CORS from its origin only', async () => {
    const ui = 'http://localhost:8233';
    const login = await fetch(`${hub.apiUrl}/codec/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: DEMO_TOKENS.admin }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/codec/);
    const refused = await fetch(`${hub.apiUrl}/codec/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: DEMO_TOKENS.caseworker }),
    });
    expect(refused.status).toBe(403);

    const preflight = await fetch(`${hub.apiUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: ui,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ui);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/);

    const [payload] = payloadsIn(histories[0]!.history.events);
    const viaCookie = await hub.call('POST', '/codec/decode', {
      token: null,
      body: asJson([payload!]),
      headers: { cookie: cookie.split(';')[0]!, origin: ui, 'x-namespace': 'default' },
    });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.headers.get('access-control-allow-origin')).toBe(ui);
    const foreign = await hub.call('POST', '/codec/decode', {
      token: null,
      body: asJson([payload!]),
      headers: { cookie: cookie.split(';')[0]!, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  // The CLI the tests' dev server runs on (external runs may have none).
  const cli = [
    loadConfig().temporalCliPath,
    path.join(cliCacheDir(), `go-${CLI_GO_VERSION}`, 'temporal'),
  ].find((p) => p && fs.existsSync(p));
  it.skipIf(!cli)(
    'the Temporal CLI reads the history in clear through the codec server with an admin token',
    async () => {
      // Asynchronously: the codec server runs in this process and must answer the CLI meanwhile.
      const show = (auth: string) =>
        new Promise<{ code: number; output: string }>((resolve) =>
          execFile(
            cli!,
            [
              ...['workflow', 'show', '--workflow-id', c.applicationId, '--output', 'json'],
              ...['--address', inject('temporalAddress'), '--namespace', hub.config.temporalNamespace],
              ...['--codec-endpoint', `${hub.apiUrl}/codec`, '--codec-auth', auth],
            ],
            { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 },
            (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
          ),
        );
      const admin = await show(`Bearer ${DEMO_TOKENS.admin}`);
      expect(admin.code, admin.output.slice(-2000)).toBe(0);
      // The CLI prints payload data in base64.
      const clear = (output: string) =>
        [...output.matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)]
          .map((m) => Buffer.from(m[1]!, 'base64').toString())
          .join('\n');
      expect(found(Buffer.from(clear(admin.output)))).toEqual(SECRETS);
      expect(admin.output).not.toContain(b64(Buffer.from(ENCRYPTED_ENCODING)));
      const portal = await show(`Bearer ${DEMO_TOKENS.portal}`);
      expect(found(Buffer.from(clear(portal.output)))).toEqual([]);
      // The codec server answers 403; the CLI then gives up on the history (after its 10 s deadline).
      expect(portal.output).toMatch(/level=ERROR/);
    },
  );

  it('after a key rotation, a case started under the old key goes on, and its whole history decodes', async () => {
    const r = await submit(hub, tradeSubmission());
    await waitForPhase(hub, r, 'PROCESSING', 'in-review');
    hub = await restartWithNewKey(hub);
    {
      const rotated = hub;
      expect((await completeReview(rotated, r, 'approved', REASONS)).status).toBe(200);
      await waitForPhase(rotated, r, 'COMPLETED', 'notice-delivered');
      const events = (await rawHistories(raw, r.applicationId)).flatMap(({ history }) => history.events);
      const payloads = codecPayloadsIn(events);
      const ids = new Set(payloads.map((p) => Buffer.from(p.metadata![KEY_ID_METADATA]!).toString()));
      expect(ids).toEqual(new Set([DEMO_PAYLOAD_KEY.id, 'rotated-key']));
      const res = await rotated.call('POST', '/codec/decode', { body: asJson(payloads) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Without the old key, the history written under it cannot be read, and the error says which key is missing.
      const withoutOld = await new EncryptionCodec([rotated.config.codec.keys[0]!])
        .decode(payloads as never)
        .catch((e: Error) => e.message);
      expect(withoutOld).toMatch(new RegExp(`key "${DEMO_PAYLOAD_KEY.id}", which is not configured`));
      const encoded = await rotated.call('POST', '/codec/encode', { body: asJson([payloads[0]!]) });
      expect(Buffer.from(encoded.body.payloads[0].metadata[KEY_ID_METADATA], 'base64').toString()).toBe(
        'rotated-key',
      );
    }
  });
});

/** Stops the hub and starts one on the same state (database, task queue, demo organisation) with a new newest key. */
async function restartWithNewKey(old: TestHub): Promise<TestHub> {
  await old.stop();
  return startTestHub({
    databaseUrl: old.databaseUrl,
    demoOrganisation: old.demo,
    config: {
      taskQueue: old.config.taskQueue,
      caseTiming: old.config.caseTiming,
      codec: {
        ...old.config.codec,
        keys: [{ id: 'rotated-key', key: crypto.randomBytes(32) }, ...old.config.codec.keys],
      },
    },
  });
}
