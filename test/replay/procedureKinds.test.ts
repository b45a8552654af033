// Recorded histories of the procedure-kinds path (patch 'procedure-kinds-consent-holidays'): an Anzeige that went
// overdue and was acknowledged, and an Antrag without consent notified by post. They replay against the current
// bundle. RECORD_HISTORY=1 npx vitest run test/replay/procedureKinds.test.ts re-records them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { SAMPLE_FORM_DATA } from '../../rules/samples';
import { caseResult, readMailbox, submit, tradeSubmission, waitForPhase } from '../lifecycle/caseDriver';
import { readHistory, replayHistory, saveHistory } from '../support/replay';

const DIR = path.join('test', 'replay', 'fixtures');
const FIXTURES = {
  anzeige: path.join(DIR, 'application-anzeige-acknowledged.history.json'),
  postal: path.join(DIR, 'application-no-consent-postal.history.json'),
};
/** What only the new path leaves in clear in a history (payloads themselves are encrypted). */
const NEW_PATH_TRACE = { anzeige: 'DsDue', postal: 'handOverForPosting' };

const decide = (hub: TestHub, id: string, decision: string) =>
  hub.call('POST', `/api/v1/applications/${id}/decision`, {
    token: DEMO_TOKENS.caseworker,
    body: { decision },
  });

async function record(hub: TestHub): Promise<void> {
  const anzeige = await submit(hub, tradeSubmission());
  await waitForPhase(hub, anzeige, 'PROCESSING', 'acknowledgement-overdue');
  expect((await decide(hub, anzeige.applicationId, 'acknowledged')).status).toBe(200);
  await readMailbox(hub, anzeige);
  await caseResult(hub, anzeige);
  await saveHistory(hub, anzeige.applicationId, FIXTURES.anzeige);

  const postal = await submit(hub, {
    service: '99086004000002',
    municipality: DEMO_ARS,
    applicant: {
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      postalAddress: 'Hauptstraße 1, 01445 Radebeul',
    },
    notificationConsent: { electronic: false, email: false },
    formData: SAMPLE_FORM_DATA['street-use'],
  });
  await waitForPhase(hub, postal, 'PROCESSING', 'in-review');
  expect((await decide(hub, postal.applicationId, 'approved')).status).toBe(200);
  await caseResult(hub, postal);
  await saveHistory(hub, postal.applicationId, FIXTURES.postal);
}

describe('replay of recorded procedure-kind histories', () => {
  it.runIf(process.env.RECORD_HISTORY)(
    'records the fixtures from fresh cases',
    async () => {
      const hub = await startTestHub({
        catalogueKinds: true,
        config: {
          caseTiming: {
            noticeRetrievalWindow: 1_000,
            appealPeriod: 1_000,
            acknowledgementPeriod: 1_000,
            reminderBeforeMs: 1_000,
            participationMs: 20_000,
            delivery: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 500 },
          },
        },
      });
      try {
        await record(hub);
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
      // The new path ran: the acknowledgement deadline's search attribute, or the postal hand-over activity.
      expect(fs.readFileSync(file, 'utf8')).toContain(NEW_PATH_TRACE[name as keyof typeof FIXTURES]);
      await replayHistory(history, `recorded-${name}`);
    });
  }
});
