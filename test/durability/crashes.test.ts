// Given a case in flight, when the worker process is killed, the API restarts and a target system is down,
// then the case completes with nothing lost and nothing delivered twice from the targets' point of view.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { startDemoOrganisation, type DemoOrganisation } from '../../demo/organisation';
import {
  caseResult,
  completeReview,
  json,
  readMailbox,
  requestDocuments,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
} from '../lifecycle/caseDriver';

function startWorkerProcess(hub: TestHub): ChildProcess {
  const i = hub.config.integrations;
  const child = spawn(process.execPath, ['--import', 'tsx', 'cmd/worker.ts'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: hub.databaseUrl,
      TEMPORAL_TASK_QUEUE: hub.config.taskQueue,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      LOG_LEVEL: 'warn',
      SMTP_URL: i.smtpUrl,
      RESIDENTS_REGISTER_URL: i.residentsRegisterUrl,
      REGISTER_TOKEN: i.registerToken,
      PAYMENT_URL: i.paymentUrl,
      PAYMENT_TOKEN: i.paymentToken,
      PUBLIC_API_URL: i.publicApiUrl,
    },
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('durability', () => {
  let api: TestHub;
  let worker: ChildProcess | undefined;
  let demo: DemoOrganisation;
  beforeAll(async () => {
    demo = await startDemoOrganisation({ basePort: 0, autoPay: true });
    api = await startTestHub({ parts: { api: true, worker: false }, demoOrganisation: demo });
  });
  afterAll(async () => {
    if (worker) await kill(worker);
    await api?.stop();
    await demo?.stop();
  });

  it('survives a killed worker, a restarted API and a target outage', { timeout: 240_000 }, async () => {
    const fv = api.demo!.urls.fachverfahrenXml;
    worker = startWorkerProcess(api);
    // The Fachverfahren is down when the case arrives.
    await fetch(`${fv}/_control/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: 2 }),
    });
    const c = await submit(api, tradeSubmission());
    await eventually(
      async () =>
        (await api.call('GET', `/api/v1/admin/protocol?applicationId=${c.applicationId}&step=retry`)).body
          .items.length > 0
          ? true
          : undefined,
      30_000,
      'a failed delivery attempt',
    );

    // The worker dies mid-delivery; a new one takes over.
    await kill(worker);
    worker = startWorkerProcess(api);
    await waitForPhase(api, c, 'PROCESSING', 'in-review', 90_000);
    await requestDocuments(api, c, 'Gewerbeerlaubnis', 60_000);
    await waitForPhase(api, c, 'ACTION_REQUIRED', 'awaiting-documents');

    // The API restarts on the same database; the applicant's token and the case carry on.
    const { databaseUrl, config } = api;
    await api.stop();
    api = await startTestHub({
      parts: { api: true, worker: false },
      databaseUrl,
      demoOrganisation: demo,
      config: { taskQueue: config.taskQueue },
    });
    expect((await supplement(api, c, 'Erlaubnis.pdf')).status).toBe(202);
    await waitForPhase(api, c, 'PROCESSING', 'supplement-received');

    // Killed again while the case waits in its appeal period (a durable timer).
    expect((await completeReview(api, c, 'approved')).status).toBe(200);
    await waitForPhase(api, c, 'COMPLETED', 'notice-delivered');
    await kill(worker);
    worker = startWorkerProcess(api);
    const result = await caseResult(api, c);
    expect(result).toMatchObject({ status: 'COMPLETED', decision: 'approved' });

    // Nothing lost, nothing twice.
    const inbox = (await json(`${fv}/inbox`)).body.receipts.filter((r: any) =>
      r.idempotencyKey.startsWith(c.applicationId),
    );
    expect(inbox.map((r: any) => r.idempotencyKey).sort()).toEqual([
      `${c.applicationId}/application/0/fachverfahren`,
      `${c.applicationId}/supplement/1/fachverfahren`,
    ]);
    const record = (await json(`${demo.urls.dms}/records/${c.applicationId}`)).body;
    // application, supplement, notice, record, and the closing message (zdA)
    expect(record.messages.map((m: any) => m.idempotencyKey.split('/')[1])).toEqual([
      'application',
      'supplement',
      'notice',
      'record',
      'closing',
    ]);
    expect(record.closedAt).toBeDefined();
    const kinds = (await readMailbox(api, c)).map((m) => m.kind);
    // The notice is never opened here, so after the link-only reminder it goes the postal way (docs/procedure.md).
    expect(kinds).toEqual(['confirmation', 'request', 'notice', 'notice', 'information']);
    const tasks = (
      await api.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}&status=completed`, {
        token: DEMO_TOKENS.caseworker,
      })
    ).body.items;
    expect(tasks).toHaveLength(1);
  });
});
