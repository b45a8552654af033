// The demo municipality's participating receivers of trade notifications (§14 GewO) and its Gewerbeamt's author
// identity. Ids are fictive in the samples' formats; endpoints follow the running demo receivers server.
import type { Pool } from '../db/pool';
import type { DemoOrganisation } from './organisation';

const WEITERE = 'urn:xoev-de:xgewerbeanzeige:codeliste:weiterekommunikationspartner';

/** Radebeul's receivers: statistics office, both chambers, tax office, foreigners' authority. */
export const DEMO_TRADE_RECEIVERS = [
  {
    id: 'radebeul-statistik',
    kind: 'statistics-office',
    name: 'Statistisches Landesamt Sachsen (Demo)',
    prefix: 'xga',
    readerId: '140000000000',
    listUri: WEITERE,
    listVersion: '2018-10-11',
  },
  {
    id: 'radebeul-ihk',
    kind: 'chamber-ihk',
    name: 'IHK Dresden (Demo)',
    prefix: 'xga',
    readerId: '000140001',
    listUri: WEITERE,
    listVersion: '2018-10-11',
  },
  {
    id: 'radebeul-hwk',
    kind: 'chamber-hwk',
    name: 'Handwerkskammer Dresden (Demo)',
    prefix: 'xga',
    readerId: '000140002',
    listUri: WEITERE,
    listVersion: '2018-10-11',
  },
  {
    id: 'radebeul-finanzamt',
    kind: 'tax-office',
    name: 'Finanzamt Meißen (Demo)',
    prefix: 'xga',
    readerId: '000140003',
    listUri: WEITERE,
    listVersion: '2018-10-11',
  },
  {
    id: 'radebeul-abh',
    kind: 'foreigners-authority',
    name: 'Ausländerbehörde Landkreis Meißen (Demo)',
    prefix: 'azr',
    readerId: '000140',
    listUri: 'urn:de:xauslaender:codelist:abhkennung',
    listVersion: '14',
  },
] as const;

/** Idempotent; endpoints and credentials follow the running demo organisation. */
export async function seedTradeReceivers(
  pool: Pool,
  org: DemoOrganisation,
  ars: string,
  officeId: string,
): Promise<void> {
  for (const r of DEMO_TRADE_RECEIVERS) {
    await pool.query(
      `INSERT INTO trade_receivers (id, ars, kind, name, reader_prefix, reader_id, reader_list_uri, reader_list_version, email, endpoint, credentials)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET endpoint = EXCLUDED.endpoint, credentials = EXCLUDED.credentials`,
      [
        r.id,
        ars,
        r.kind,
        r.name,
        r.prefix,
        r.readerId,
        r.listUri,
        r.listVersion,
        `${r.id}@gewerbemeldung.demo`,
        `${org.urls.tradeReceivers}/receivers/${r.id}`,
        JSON.stringify({ bearerToken: org.credentials.tradeReceivers }),
      ],
    );
  }
  await pool.query(
    `INSERT INTO trade_authors (office_id, ars, phone) VALUES ($1, $2, $3) ON CONFLICT (office_id) DO NOTHING`,
    [officeId, ars, '0351 8311-0'],
  );
}
