// Recorded histories of a level-3 case with e-payment and of a BPMN office process (parent and child) replay
// against the current workflow bundle. They were recorded with earlier code; a change that breaks them needs
// patched(). RECORD_HISTORY=1 npx vitest run test/replay/recordedCases.test.ts re-records them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import {
  caseResult,
  completeReview,
  readMailbox,
  submit,
  supplement,
  tradeSubmission,
  waitForPhase,
  TRADE_REGISTRATION,
} from '../lifecycle/caseDriver';
import { readHistory, replayHistory, saveHistory } from '../support/replay';

// protobufjs' own JSON form (enum names, base64 bytes, string longs): readable and diff-able, and it avoids
// proto-utils' canonical JSON route, which trips over two copies of protobufjs in the Temporal packages.

const DIR = path.join('test', 'replay', 'fixtures');
const FIXTURES = {
  level3: path.join(DIR, 'application-level3-payment.history.json'),
  bpmnCase: path.join(DIR, 'application-bpmn-case.history.json'),
  bpmnProcess: path.join(DIR, 'bpmn-office-process.history.json'),
};

async function recordLevel3(hub: TestHub): Promise<void> {
  const binding = `${DEMO_ARS}-${TRADE_REGISTRATION}`;
  expect((await hub.call('PATCH', `/api/v1/admin/bindings/${binding}`, { body: { level: 3 } })).status).toBe(
    200,
  );
  const c = await submit(hub, tradeSubmission());
  await waitForPhase(hub, c, 'PROCESSING', 'in-review');
  expect((await completeReview(hub, c, 'approved')).status).toBe(200);
  await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
  await readMailbox(hub, c);
  await caseResult(hub, c);
  await saveHistory(hub, c.applicationId, FIXTURES.level3);
  expect((await hub.call('PATCH', `/api/v1/admin/bindings/${binding}`, { body: { level: 2 } })).status).toBe(
    200,
  );
}

async function recordBpmn(hub: TestHub): Promise<void> {
  const xml = fs.readFileSync('bpmn/trade-default.bpmn', 'utf8');
  const imported = await hub.call('POST', '/api/v1/admin/process-models', {
    body: { leikaId: TRADE_REGISTRATION, ars: DEMO_ARS, files: [{ filename: 'trade-default.bpmn', xml }] },
  });
  expect(imported.status).toBe(201);
  const activated = await hub.call('POST', `/api/v1/admin/process-models/${imported.body.id}/activate`, {
    body: { ars: DEMO_ARS },
  });
  expect(activated.status).toBe(200);
  const c = await submit(hub, tradeSubmission());
  const review = (notId?: string) =>
    eventually(
      async () => {
        const tasks = (
          await hub.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}`, {
            token: DEMO_TOKENS.caseworker,
          })
        ).body.items;
        return tasks.find((t: any) => t.elementId === 'Task_Review' && t.id !== notId);
      },
      20_000,
      'review task',
    );
  const complete = (taskId: string, output: Record<string, unknown>) =>
    hub.call('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, {
      token: DEMO_TOKENS.caseworker,
      body: { output },
    });
  const first = await review();
  expect((await complete(first.id, { decision: 'request-documents', reasons: 'Mietvertrag' })).status).toBe(
    200,
  );
  await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');
  expect((await supplement(hub, c, 'Mietvertrag.pdf')).status).toBe(202);
  const second = await review(first.id);
  expect((await complete(second.id, { decision: 'approved', reasons: 'Vollständig.' })).status).toBe(200);
  await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');
  await readMailbox(hub, c);
  await caseResult(hub, c);
  await saveHistory(hub, c.applicationId, FIXTURES.bpmnCase);
  await saveHistory(hub, `${c.applicationId}/process`, FIXTURES.bpmnProcess);
}

describe('replay of recorded level-3 and BPMN histories', () => {
  it.runIf(process.env.RECORD_HISTORY)(
    'records the fixtures from fresh cases',
    async () => {
      const hub = await startTestHub();
      try {
        await recordLevel3(hub);
        await recordBpmn(hub);
      } finally {
        await hub.stop();
      }
    },
    180_000,
  );

  for (const [name, file] of Object.entries(FIXTURES)) {
    it(`replays ${name} (${path.basename(file)})`, async () => {
      const history = readHistory(file);
      expect(history.events?.length ?? 0).toBeGreaterThan(20);
      // Recorded before payload encryption: plain JSON payloads.
      await replayHistory(history, `recorded-${name}`, { encrypted: false });
    });
  }
});
