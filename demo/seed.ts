// Loads the fictive test organisation into the configuration portal: two real municipalities (Radebeul,
// Coswig), their offices, the demo vendor systems, bindings for every seeded service, and fixed demo tokens.
// Demo tokens exist only in demo mode (npm start's default), never in production mode.
import { ensureToken, type TokenGrant } from '../db/tokens';
import type { Pool } from '../db/pool';
import { SERVICES } from '../db/seed/services';
import type { Integrations } from '../platform/config';
import type { DemoOrganisation } from './organisation';
import { DEMO_MUNICIPALITIES } from './servers/testPersons';
import { seedTradeReceivers } from './tradeReceiverSeed';

export const DEMO_ARS = DEMO_MUNICIPALITIES.radebeul.ars;
export const DEMO_ARS_2 = DEMO_MUNICIPALITIES.coswig.ars;
export const DEMO_OFFICE = 'radebeul-ordnungsamt';

export const DEMO_TOKENS = {
  portal: 'demo-portal',
  admin: 'demo-admin',
  caseworker: 'demo-caseworker',
  /** Radebeul's building authority: a participating agency at level 4. */
  caseworkerBauamt: 'demo-caseworker-bauamt',
  caseworkerStandesamt: 'demo-caseworker-standesamt',
  caseworkerCoswig: 'demo-caseworker-coswig',
  /** Administers Radebeul only: its offices, bindings, systems, tokens, protocol rows and deliveries. */
  adminRadebeul: 'demo-admin-radebeul',
} as const;

const OFFICES = [
  {
    id: DEMO_OFFICE,
    ars: DEMO_ARS,
    name: 'Ordnungsamt Radebeul, Gewerbeangelegenheiten',
    email: 'gewerbe@radebeul.demo',
    address: 'Pestalozzistraße 6, 01445 Radebeul',
  },
  {
    id: 'radebeul-bauamt',
    ars: DEMO_ARS,
    name: 'Bauamt Radebeul',
    email: 'bauamt@radebeul.demo',
    address: 'Pestalozzistraße 8, 01445 Radebeul',
  },
  {
    id: 'radebeul-standesamt',
    ars: DEMO_ARS,
    name: 'Standesamt Radebeul',
    email: 'standesamt@radebeul.demo',
    address: 'Pestalozzistraße 6, 01445 Radebeul',
  },
  {
    id: 'coswig-buergeramt',
    ars: DEMO_ARS_2,
    name: 'Bürgeramt Coswig',
    email: 'buergeramt@coswig.demo',
    address: 'Karrasstraße 2, 01640 Coswig',
  },
];

const DEMO_FILE_PLAN: Record<string, string> = {
  [DEMO_OFFICE]: '32.20.01',
  'radebeul-bauamt': '66.30.10',
  'radebeul-standesamt': '34.10.01',
  'coswig-buergeramt': '32.20.01',
};

const PRODUCTS = [
  {
    id: 'gewerbepro',
    name: 'GewerbePro',
    vendor: 'Demo Software Sachsen GmbH',
    kind: 'fachverfahren',
    adapter: 'http',
    format: 'xgewerbeanzeige',
  },
  {
    id: 'amtsdesk',
    name: 'AmtsDesk',
    vendor: 'Beispiel IT AG',
    kind: 'fachverfahren',
    adapter: 'http',
    format: 'json',
  },
  {
    id: 'demo-eakte',
    name: 'Demo E-Akte',
    vendor: 'Archiv Demo eG',
    kind: 'dms',
    adapter: 'xdomea',
    format: 'xdomea',
  },
  {
    id: 'office-mail',
    name: 'E-Mail an die Behörde',
    vendor: 'Drehscheibe',
    kind: 'mail',
    adapter: 'smtp',
    format: 'mail-summary',
  },
];

/** The hub's own integrations (applicant mail, registers, e-payment) in the demo. */
export function demoIntegrations(org: DemoOrganisation, base: Integrations): Integrations {
  return {
    ...base,
    smtpUrl: `smtp://${org.smtp.host}:${org.smtp.port}`,
    residentsRegisterUrl: org.urls.residents,
    registerToken: org.credentials.residents,
    paymentUrl: org.urls.payment,
    paymentToken: org.credentials.payment,
  };
}

async function insert(pool: Pool, sql: string, params: unknown[]): Promise<void> {
  await pool.query(sql, params);
}

/** Idempotent; system endpoints follow the running demo organisation (its ports may change). */
export async function seedDemo(pool: Pool, org?: DemoOrganisation): Promise<void> {
  for (const o of OFFICES) {
    await insert(
      pool,
      'INSERT INTO offices (id, ars, name, email, address) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
      [o.id, o.ars, o.name, o.email, o.address],
    );
  }
  // Fictive file plan entries (Aktenplan) of the demo offices; an administrator's own value is kept.
  for (const [id, entry] of Object.entries(DEMO_FILE_PLAN))
    await pool.query(
      'UPDATE offices SET dms_file_plan_entry = $2 WHERE id = $1 AND dms_file_plan_entry IS NULL',
      [id, entry],
    );
  const tokens: [string, TokenGrant][] = [
    [DEMO_TOKENS.portal, { role: 'portal', label: 'Demo-Portal' }],
    [DEMO_TOKENS.admin, { role: 'admin', label: 'Demo-Administration' }],
    [
      DEMO_TOKENS.adminRadebeul,
      { role: 'municipal-admin', ars: DEMO_ARS, label: 'Demo-Administration Radebeul' },
    ],
    [
      DEMO_TOKENS.caseworker,
      { role: 'caseworker', officeIds: [DEMO_OFFICE], label: 'Erika Beispiel (Ordnungsamt Radebeul)' },
    ],
    [
      DEMO_TOKENS.caseworkerBauamt,
      { role: 'caseworker', officeIds: ['radebeul-bauamt'], label: 'Bernd Bau (Bauamt Radebeul)' },
    ],
    [
      DEMO_TOKENS.caseworkerStandesamt,
      { role: 'caseworker', officeIds: ['radebeul-standesamt'], label: 'Sabine Stand (Standesamt Radebeul)' },
    ],
    [
      DEMO_TOKENS.caseworkerCoswig,
      { role: 'caseworker', officeIds: ['coswig-buergeramt'], label: 'Clara Coswig (Bürgeramt Coswig)' },
    ],
  ];
  for (const [token, grant] of tokens) await ensureToken(pool, token, grant, true);
  if (!org) return;

  for (const p of PRODUCTS) {
    await insert(
      pool,
      'INSERT INTO system_products (id, name, vendor, kind, adapter, message_format) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
      [p.id, p.name, p.vendor, p.kind, p.adapter, p.format],
    );
  }
  const systems = [
    {
      id: 'radebeul-gewerbepro',
      product: 'gewerbepro',
      ars: DEMO_ARS,
      endpoint: `${org.urls.fachverfahrenXml}/inbox`,
      credentials: { bearerToken: org.credentials.fachverfahrenXml },
    },
    {
      id: 'demo-amtsdesk',
      product: 'amtsdesk',
      ars: null,
      endpoint: `${org.urls.fachverfahrenJson}/inbox`,
      credentials: { bearerToken: org.credentials.fachverfahrenJson },
    },
    {
      id: 'demo-eakte',
      product: 'demo-eakte',
      ars: null,
      endpoint: `${org.urls.dms}/xdomea`,
      credentials: { bearerToken: org.credentials.dms },
    },
    {
      id: 'demo-mail',
      product: 'office-mail',
      ars: null,
      endpoint: `smtp://${org.smtp.host}:${org.smtp.port}`,
      credentials: {},
    },
  ];
  for (const s of systems) {
    await insert(
      pool,
      `INSERT INTO systems (id, product_id, ars, endpoint, credentials) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (id) DO UPDATE SET endpoint = EXCLUDED.endpoint, credentials = EXCLUDED.credentials`,
      [s.id, s.product, s.ars, s.endpoint, JSON.stringify(s.credentials)],
    );
  }
  for (const service of SERVICES) {
    const radebeul = {
      trade: { office: DEMO_OFFICE, level: 2, fv: 'radebeul-gewerbepro' },
      'street-use': { office: DEMO_OFFICE, level: 1, fv: null },
      'civil-status': { office: 'radebeul-standesamt', level: 2, fv: 'demo-amtsdesk' },
    }[service.bundle];
    await insert(
      pool,
      `INSERT INTO bindings (id, ars, leika_id, office_id, level, fachverfahren_system_id, dms_system_id, mail_system_id)
      VALUES ($1, $2, $3, $4, $5, $6, 'demo-eakte', 'demo-mail') ON CONFLICT (ars, leika_id) DO NOTHING`,
      [
        `${DEMO_ARS}-${service.leikaId}`,
        DEMO_ARS,
        service.leikaId,
        radebeul.office,
        radebeul.level,
        radebeul.fv,
      ],
    );
    // Coswig has its civil status office in Radebeul (shared service); the rest it handles itself.
    if (service.bundle === 'civil-status') {
      await insert(
        pool,
        `INSERT INTO bindings (id, ars, leika_id, redirect_ars) VALUES ($1, $2, $3, $4) ON CONFLICT (ars, leika_id) DO NOTHING`,
        [`${DEMO_ARS_2}-${service.leikaId}`, DEMO_ARS_2, service.leikaId, DEMO_ARS],
      );
    } else {
      await insert(
        pool,
        `INSERT INTO bindings (id, ars, leika_id, office_id, level, fachverfahren_system_id, dms_system_id, mail_system_id)
        VALUES ($1, $2, $3, 'coswig-buergeramt', $4, $5, 'demo-eakte', 'demo-mail') ON CONFLICT (ars, leika_id) DO NOTHING`,
        [
          `${DEMO_ARS_2}-${service.leikaId}`,
          DEMO_ARS_2,
          service.leikaId,
          service.bundle === 'trade' ? 2 : 1,
          service.bundle === 'trade' ? 'demo-amtsdesk' : null,
        ],
      );
    }
  }
  await seedTradeReceivers(pool, org, DEMO_ARS, DEMO_OFFICE);
  // The demo organisation's own services are live (docs/go-live.md); a state an operator set is kept.
  await insert(
    pool,
    `INSERT INTO go_live (ars, leika_id, state, changed_by)
     SELECT ars, leika_id, 'live', 'demo seed' FROM bindings WHERE id = ANY($1) ON CONFLICT DO NOTHING`,
    [SERVICES.flatMap((s) => [`${DEMO_ARS}-${s.leikaId}`, `${DEMO_ARS_2}-${s.leikaId}`])],
  );
}
