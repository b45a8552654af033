// Drives cases through the public API the way portals, applicants and caseworkers do.
import { expect } from 'vitest';
import { eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { TEST_PERSONS } from '../../demo/servers/testPersons';

export const TRADE_REGISTRATION = '99050012104000';

export function tradeSubmission(overrides: Record<string, unknown> = {}) {
  const erika = TEST_PERSONS.erika;
  return {
    service: TRADE_REGISTRATION,
    municipality: DEMO_ARS,
    applicant: {
      name: 'Erika Mustermann',
      email: 'erika.mustermann@example.org',
      postalAddress: 'Hauptstraße 17, 01445 Radebeul',
    },
    notificationConsent: { electronic: true, email: true },
    formData: {
      businessName: 'Feinkost Mustermann',
      activity: 'Einzelhandel mit Lebensmitteln und Feinkost',
      startDate: '2027-01-01',
      legalForm: 'Einzelunternehmen',
      employees: 2,
      operator: {
        familyName: erika.familyName,
        givenName: erika.givenName,
        birthDate: erika.birthDate,
        nationality: 'deutsch',
      },
      businessAddress: { street: 'Meißner Straße 12', postalCode: '01445', city: 'Radebeul' },
    },
    ...overrides,
  };
}

export interface SubmittedCase {
  applicationId: string;
  accessToken: string;
}

export async function submit(
  hub: TestHub,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<SubmittedCase> {
  const res = await hub.call('POST', '/api/v1/submissions', { token: DEMO_TOKENS.portal, body, headers });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return { applicationId: res.body.applicationId, accessToken: res.body.accessToken };
}

export async function status(hub: TestHub, c: SubmittedCase) {
  const res = await hub.call('GET', `/api/v1/applications/${c.applicationId}/status`, {
    token: c.accessToken,
  });
  expect(res.status).toBe(200);
  return res.body;
}

// Where each case's history was last matched: phases recur (in-review before and after a supplement), so
// the next wait looks only at entries after the previous match.
const historyCursors = new WeakMap<SubmittedCase, number>();

/**
 * Waits until the case's status history shows the given status and phase after the previous match. It polls
 * the history, not the current status, so a phase the case has already left again (short deadlines on a busy
 * machine) still counts; returns the status read when it matched.
 */
export async function waitForPhase(
  hub: TestHub,
  c: SubmittedCase,
  statusName: string,
  phase: string,
  timeoutMs = 30_000,
) {
  const from = historyCursors.get(c) ?? 0;
  // `eventually`, not expect.poll: the driver also runs in beforeAll hooks, where expect.poll is not allowed.
  return eventually(
    async () => {
      const s = await status(hub, c);
      const history = s.history as { status: string; phase: string }[];
      const index = history.findIndex((h, i) => i >= from && h.status === statusName && h.phase === phase);
      if (index < 0) return undefined;
      historyCursors.set(c, index + 1);
      return s;
    },
    timeoutMs,
    `${c.applicationId} to reach ${statusName}/${phase} in its status history`,
  );
}

/** Waits for an open task of the case in the caseworker's list. */
export async function waitForTask(
  hub: TestHub,
  c: SubmittedCase,
  kind: string,
  token: string = DEMO_TOKENS.caseworker,
) {
  return eventually(
    async () => {
      const res = await hub.call(
        'GET',
        `/api/v1/tasks?applicationId=${encodeURIComponent(c.applicationId)}`,
        { token },
      );
      return res.body.items?.find((t: { kind: string }) => t.kind === kind);
    },
    30_000,
    `task ${kind} of ${c.applicationId}`,
  );
}

export async function requestDocuments(hub: TestHub, c: SubmittedCase, description: string, inMs = 60_000) {
  const deadline = new Date(Date.now() + inMs).toISOString();
  const res = await hub.call('POST', `/api/v1/applications/${c.applicationId}/document-requests`, {
    token: DEMO_TOKENS.caseworker,
    body: { description, deadline },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.requestId as string;
}

export async function supplement(hub: TestHub, c: SubmittedCase, filename: string) {
  return hub.call('POST', `/api/v1/applications/${c.applicationId}/supplements`, {
    token: c.accessToken,
    body: {
      note: `Anbei ${filename}`,
      attachments: [
        {
          filename,
          mediaType: 'application/pdf',
          contentBase64: Buffer.from(`%PDF-1.4 ${filename}`).toString('base64'),
        },
      ],
    },
  });
}

export async function completeReview(
  hub: TestHub,
  c: SubmittedCase,
  decision: 'approved' | 'rejected',
  reasons = 'Die Voraussetzungen liegen vor.',
) {
  const task = await waitForTask(hub, c, 'review');
  return hub.call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
    token: DEMO_TOKENS.caseworker,
    body: { output: { decision, reasons } },
  });
}

/** Lists the mailbox and opens the notice's PDF, as an applicant reading it does (opening retrieves it). */
export async function readMailbox(hub: TestHub, c: SubmittedCase) {
  const items = await listMailbox(hub, c);
  const notice = items.find((m) => m.kind === 'notice')?.documents.find((d) => d.id.endsWith('/notice.pdf'));
  if (notice) await openDocument(hub, c, notice.id);
  return items;
}

/** Lists the mailbox only (which does not retrieve a notice). */
export async function listMailbox(hub: TestHub, c: SubmittedCase) {
  const res = await hub.call('GET', `/api/v1/applications/${c.applicationId}/messages`, {
    token: c.accessToken,
  });
  expect(res.status).toBe(200);
  return res.body.items as {
    id: string;
    kind: string;
    subject: string;
    retrievedAt: string | null;
    documents: { id: string; filename: string }[];
  }[];
}

/** Opens (downloads) one document of the case as the applicant. */
export async function openDocument(hub: TestHub, c: SubmittedCase, documentId: string) {
  const res = await hub.call(
    'GET',
    `/api/v1/applications/${c.applicationId}/documents/${encodeURIComponent(documentId)}`,
    { token: c.accessToken },
  );
  expect(res.status).toBe(200);
  return res;
}

export async function json(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as any };
}

/** The workflow's final result, i.e. the case is closed. */
export async function caseResult(hub: TestHub, c: SubmittedCase) {
  return hub.temporal.workflow.getHandle(c.applicationId).result();
}
