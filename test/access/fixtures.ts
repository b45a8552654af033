// The cases and records of the access matrix: one per target, made through the public API of a real hub
// (a Radebeul trade case, a Radebeul street-use case handled by the Bauamt, a Coswig street-use case, and a
// Coswig trade case at level 4 in which the Ordnungsamt Radebeul gives a statement).
import { expect } from 'vitest';
import { eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_ARS_2, DEMO_OFFICE, DEMO_TOKENS } from '../../demo/seed';
import { storeDocument } from '../../db/mailbox';
import { hashToken } from '../../db/tokens';
import { SAMPLE_FORM_DATA } from '../../rules/samples';
import type { Target } from './policy';

const TRADE = '99050012104000';
const STREET_USE = '99086004000001';

export interface TargetFixture {
  ars: string;
  applicationId: string;
  accessToken: string;
  documentId: string;
  /** An attachment filed with the submission. */
  attachmentId: string;
  /** An open incident of the case (recorded directly: the matrix needs one per target, not a failure). */
  incidentId: string;
  taskId: string;
  deliveryId: string;
  officeIds: string[];
  bindingId: string;
  systemId: string;
  /** Id (as listed) of a caseworker token of this target's office(s). */
  tokenId: string;
}

export type Fixtures = Record<Target, TargetFixture>;

const tokenId = (token: string) => hashToken(token).slice(0, 16);

async function ok(hub: TestHub, method: string, path: string, body?: unknown) {
  const res = await hub.call(method, path, { body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

async function submitCase(hub: TestHub, service: string, ars: string, bundle: 'trade' | 'street-use') {
  const res = await hub.call('POST', '/api/v1/submissions', {
    token: DEMO_TOKENS.portal,
    body: {
      service,
      municipality: ars,
      applicant: { name: 'Erika Mustermann', email: 'erika@example.org', postalAddress: 'Hauptstraße 1' },
      notificationConsent: { electronic: true, email: true },
      formData: SAMPLE_FORM_DATA[bundle],
      attachments: [
        {
          filename: 'Lageplan.pdf',
          mediaType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4 plan').toString('base64'),
        },
      ],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body as { applicationId: string; accessToken: string };
}

/** The first open task of a case assigned to an office, as the operator sees it. */
async function taskOf(hub: TestHub, applicationId: string, officeId: string): Promise<string> {
  return eventually(
    async () => {
      const r = await hub.call('GET', `/api/v1/tasks?applicationId=${applicationId}`);
      return r.body.items?.find((t: { officeId: string }) => t.officeId === officeId)?.id as
        string | undefined;
    },
    60_000,
    `a task of ${applicationId} for ${officeId}`,
  );
}

async function deliveryOf(hub: TestHub, applicationId: string): Promise<string> {
  return eventually(
    async () =>
      (await hub.call('GET', `/api/v1/admin/deliveries?applicationId=${applicationId}`)).body.items?.[0]?.id,
    60_000,
    `a delivery of ${applicationId}`,
  );
}

/** Configures the targets and drives one case for each to its first task. */
export async function makeFixtures(hub: TestHub): Promise<Fixtures> {
  // Radebeul's street use goes to its Bauamt; Coswig's trade registrations to level 4 with the Ordnungsamt.
  await ok(hub, 'PATCH', `/api/v1/admin/bindings/${DEMO_ARS}-${STREET_USE}`, { officeId: 'radebeul-bauamt' });
  await ok(hub, 'PATCH', `/api/v1/admin/bindings/${DEMO_ARS_2}-${TRADE}`, {
    level: 4,
    participatingOfficeIds: [DEMO_OFFICE],
  });
  // Audited changes on the other two bindings, so every target has audit entries.
  await ok(hub, 'PATCH', `/api/v1/admin/bindings/${DEMO_ARS}-${TRADE}`, { level: 2 });
  await ok(hub, 'PATCH', `/api/v1/admin/bindings/${DEMO_ARS_2}-${STREET_USE}`, { level: 1 });
  for (const [id, ars] of [
    ['radebeul-bauamt-fv', DEMO_ARS],
    ['coswig-fv', DEMO_ARS_2],
  ])
    await ok(hub, 'POST', '/api/v1/admin/systems', {
      id,
      productId: 'amtsdesk',
      ars,
      endpoint: 'https://fv.example/inbox',
    });
  // A trade receiver per municipality and an author identity per office the targets name.
  for (const ars of [DEMO_ARS, DEMO_ARS_2])
    await ok(hub, 'POST', '/api/v1/admin/trade-receivers', {
      id: `mx-receiver-${ars}`,
      ars,
      kind: 'tax-office',
      name: 'Matrixfinanzamt',
      readerPrefix: 'xga',
      readerId: '000000002',
      endpoint: 'https://mx.example/receiver',
    });
  for (const [officeId, ars] of [
    ['radebeul-bauamt', DEMO_ARS],
    ['coswig-buergeramt', DEMO_ARS_2],
  ])
    await ok(hub, 'POST', '/api/v1/admin/trade-authors', { officeId, ars });
  const spanning = await ok(hub, 'POST', '/api/v1/admin/tokens', {
    role: 'caseworker',
    label: 'Ordnungsamt Radebeul und Bürgeramt Coswig',
    officeIds: [DEMO_OFFICE, 'coswig-buergeramt'],
  });

  const specs: [Target, string, string, 'trade' | 'street-use', string, Omit<TargetFixture, keyof Made>][] = [
    [
      'own office',
      TRADE,
      DEMO_ARS,
      'trade',
      DEMO_OFFICE,
      {
        ars: DEMO_ARS,
        officeIds: [DEMO_OFFICE],
        bindingId: `${DEMO_ARS}-${TRADE}`,
        systemId: 'radebeul-gewerbepro',
        tokenId: tokenId(DEMO_TOKENS.caseworker),
      },
    ],
    [
      'other office, same municipality',
      STREET_USE,
      DEMO_ARS,
      'street-use',
      'radebeul-bauamt',
      {
        ars: DEMO_ARS,
        officeIds: ['radebeul-bauamt'],
        bindingId: `${DEMO_ARS}-${STREET_USE}`,
        systemId: 'radebeul-bauamt-fv',
        tokenId: tokenId(DEMO_TOKENS.caseworkerBauamt),
      },
    ],
    [
      'other municipality',
      STREET_USE,
      DEMO_ARS_2,
      'street-use',
      'coswig-buergeramt',
      {
        ars: DEMO_ARS_2,
        officeIds: ['coswig-buergeramt'],
        bindingId: `${DEMO_ARS_2}-${STREET_USE}`,
        systemId: 'coswig-fv',
        tokenId: tokenId(DEMO_TOKENS.caseworkerCoswig),
      },
    ],
    [
      'participating office',
      TRADE,
      DEMO_ARS_2,
      'trade',
      // The task of this target is the Ordnungsamt's statement task in Coswig's case.
      DEMO_OFFICE,
      {
        ars: DEMO_ARS_2,
        officeIds: ['coswig-buergeramt'],
        bindingId: `${DEMO_ARS_2}-${TRADE}`,
        systemId: 'coswig-fv',
        tokenId: spanning.id,
      },
    ],
  ];
  const made = await Promise.all(
    specs.map(async ([target, service, ars, bundle, taskOffice, rest]) => {
      const c = await submitCase(hub, service, ars, bundle);
      const [taskId, deliveryId] = await Promise.all([
        taskOf(hub, c.applicationId, taskOffice),
        deliveryOf(hub, c.applicationId),
      ]);
      const doc = await storeDocument(hub.pool, {
        id: `${c.applicationId}-matrix`,
        applicationId: c.applicationId,
        kind: 'supplement',
        filename: 'Nachweis.pdf',
        mediaType: 'application/pdf',
        content: Buffer.from('%PDF-1.4 matrix'),
      });
      const attachment = await hub.pool.query('SELECT id::text FROM attachments WHERE application_id = $1', [
        c.applicationId,
      ]);
      const attachmentId = attachment.rows[0].id as string;
      const incidentId = `${c.applicationId}/matrix-incident`;
      if ((await hub.pool.query(`SELECT to_regclass('incidents') AS t`)).rows[0].t)
        await hub.pool.query(
          `INSERT INTO incidents (id, application_id, workflow_id, ars, office_id, leika_id, step, error_type, message)
           VALUES ($1, $2, $2, $3, $4, $5, 'deliver-dms', 'matrix', 'recorded by the access matrix')`,
          [incidentId, c.applicationId, ars, rest.officeIds[0], service],
        );
      const fixture: TargetFixture = {
        ...rest,
        ...c,
        taskId,
        deliveryId,
        documentId: doc.id,
        attachmentId,
        incidentId,
      };
      return [target, fixture] as const;
    }),
  );
  return Object.fromEntries(made) as Fixtures;
}

type Made = Pick<
  TargetFixture,
  'applicationId' | 'accessToken' | 'taskId' | 'deliveryId' | 'documentId' | 'attachmentId' | 'incidentId'
>;
