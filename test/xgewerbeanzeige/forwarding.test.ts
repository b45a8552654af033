// Given Radebeul's participating receivers (demo organisation), when a trade registration reaches the Gewerbeamt,
// then each receiver §14 GewO names gets its official XGewerbeanzeige 2.2 message over HTTP, the foreigners'
// authority only for an operator without EU citizenship; a receiver that is down parks its delivery, never the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { DEMO_TRADE_RECEIVERS } from '../../demo/tradeReceiverSeed';
import { checkOfficialMessage } from '../../rules/xgewerbeanzeige/officialCheck';
import { status, submit, tradeSubmission, waitForPhase } from '../lifecycle/caseDriver';
import { fullTradeForm } from './fixtures';

const ALL = DEMO_TRADE_RECEIVERS.map((r) => r.id);
const WITHOUT_ABH = ALL.filter((id) => id !== 'radebeul-abh');

function radebeulForm(nationalityCodes: string[]) {
  const form = fullTradeForm();
  form.businessAddress = { street: 'Meißner Straße 12', postalCode: '01445', city: 'Radebeul' };
  (form.operator as Record<string, unknown>).nationalityCodes = nationalityCodes;
  return form;
}

describe('forwarding trade notifications to the receivers of §14 GewO', () => {
  let hub: TestHub;
  const arrived = (applicationId: string) =>
    hub
      .demo!.servers.tradeReceivers.received()
      .filter((m) => m.idempotencyKey.startsWith(`${applicationId}/`));
  const outage = (on: boolean) =>
    fetch(`${hub.demo!.urls.tradeReceivers}/_control/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ on }),
    });

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.stop());

  it('a non-EU operator reaches statistics office, chambers, tax office and foreigners authority', async () => {
    const c = await submit(hub, tradeSubmission({ formData: radebeulForm(['332']) }));
    const messages = await eventually(() => {
      const got = arrived(c.applicationId);
      if (got.length < ALL.length) throw new Error(`only ${got.length} of ${ALL.length} arrived`);
      return got;
    }, 90_000);
    expect(messages.map((m) => m.receiverId).sort()).toEqual([...ALL].sort());
    const typeOf = Object.fromEntries(messages.map((m) => [m.receiverId, m.messageType]));
    expect(typeOf).toEqual({
      'radebeul-statistik': '0100',
      'radebeul-ihk': '0300',
      'radebeul-hwk': '0300',
      'radebeul-finanzamt': '0300',
      'radebeul-abh': '0500',
    });
    const abh = messages.find((m) => m.receiverId === 'radebeul-abh')!;
    expect(checkOfficialMessage(abh.xml).errors).toEqual([]);
    // Author: the Gewerbeamt by prefix MELDID and Radebeul's AGS (from ARS 146270210210); reader: as configured.
    expect(abh.xml).toMatch(/<code>MELDID<\/code>[\s\S]*<code>14627210<\/code>/);
    expect(abh.xml).toMatch(/listURI="urn:de:xauslaender:codelist:abhkennung"[^>]*>\s*<code>000140<\/code>/);
    expect(abh.idempotencyKey).toBe(`${c.applicationId}/application/0/receiver-radebeul-abh`);
    // The Gewerbeamt's own Fachverfahren keeps its product format.
    const inbox = (await (await fetch(`${hub.demo!.urls.fachverfahrenXml}/inbox`)).json()) as {
      receipts: { idempotencyKey: string; body: string }[];
    };
    const own = inbox.receipts.find((r) => r.idempotencyKey.startsWith(c.applicationId))!;
    expect(own.body).toContain('urn:drehscheibe:xgewerbeanzeige:1');
  });

  it('an EU operator (also with a second, non-EU nationality) does not reach the foreigners authority', async () => {
    const french = await submit(hub, tradeSubmission({ formData: radebeulForm(['129']) }));
    const dual = await submit(hub, tradeSubmission({ formData: radebeulForm(['332', '000']) }));
    for (const c of [french, dual]) {
      await eventually(() => {
        if (arrived(c.applicationId).length < WITHOUT_ABH.length) throw new Error('not yet');
        return true;
      }, 90_000);
      const route = await hub.pool.query(
        `SELECT detail FROM protocol WHERE application_id = $1 AND step = 'route' AND detail ? 'xgewerbeanzeige'`,
        [c.applicationId],
      );
      expect(route.rows[0].detail.xgewerbeanzeige).toMatchObject({ forwarded: true, euCitizen: true });
      expect(route.rows[0].detail.xgewerbeanzeige.receivers.join()).not.toMatch(/radebeul-abh/);
      expect(
        arrived(c.applicationId)
          .map((m) => m.receiverId)
          .sort(),
      ).toEqual([...WITHOUT_ABH].sort());
    }
  });

  it('refuses unknown codes before a case starts, with a problem that names the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [radebeulForm(['999']), /nationalityCodes: "999" is not a Destatis nationality key/],
      [{ ...radebeulForm(['000']), legalFormCode: '171' }, /legalFormCode "171" is not a legal-form code/],
      [
        { ...radebeulForm(['000']), operator: { ...(radebeulForm(['000']).operator as object), sex: '9' } },
        /operator.sex "9" is not a gender code/,
      ],
      [{ ...radebeulForm(['000']), legalFormCode: 'GmbH' }, /legalFormCode/],
      [{ ...radebeulForm(['000']), businessKind: { industry: 'ja' } }, /businessKind/],
    ];
    for (const [formData, detail] of cases) {
      const res = await hub.call('POST', '/api/v1/submissions', {
        token: DEMO_TOKENS.portal,
        body: tradeSubmission({ formData }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
    }
  });

  it('configures receivers and author ids per municipality, validated, with problems that say what to fix', async () => {
    const bogus = await hub.call('POST', '/api/v1/admin/trade-receivers', {
      body: {
        id: 'x-bogus',
        ars: DEMO_ARS,
        kind: 'kammer',
        name: 'X',
        readerPrefix: 'xga',
        readerId: '1',
        endpoint: 'ftp://x',
      },
    });
    expect(bogus.status).toBe(422);
    expect(bogus.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bogus.body.detail).toMatch(/kind/);
    const listed = await hub.call('GET', '/api/v1/admin/trade-receivers', {
      token: DEMO_TOKENS.adminRadebeul,
    });
    expect(listed.body.items.map((r: { id: string }) => r.id).sort()).toEqual([...ALL].sort());
    expect(listed.body.items[0]).toMatchObject({ credentialsSet: true });
    expect(JSON.stringify(listed.body)).not.toContain('demo-gewerbemeldung-key');
    // Radebeul's administrator cannot give Coswig's office an author id, not even under Radebeul's key.
    const foreign = await hub.call('POST', '/api/v1/admin/trade-authors', {
      token: DEMO_TOKENS.adminRadebeul,
      body: { officeId: 'coswig-buergeramt', ars: DEMO_ARS, authorId: '99999999' },
    });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.status).toBeLessThan(500);
    expect(foreign.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const row = await hub.pool.query(`SELECT 1 FROM trade_authors WHERE office_id = 'coswig-buergeramt'`);
    expect(row.rows).toHaveLength(0);
  });

  it('a receiver that is down parks its delivery; the case goes on, and a retry delivers it', async () => {
    expect((await outage(true)).ok).toBe(true);
    try {
      const c = await submit(hub, tradeSubmission({ formData: radebeulForm(['163']) }));
      const parked = await eventually(async () => {
        const r = await hub.pool.query(
          `SELECT id FROM deliveries WHERE application_id = $1 AND target LIKE 'receiver-%' AND status = 'parked'`,
          [c.applicationId],
        );
        if (r.rows.length < ALL.length) throw new Error(`${r.rows.length} parked`);
        return r.rows.map((row) => row.id as string);
      }, 90_000);
      await waitForPhase(hub, c, 'PROCESSING', 'in-review');
      expect((await status(hub, c)).status).toBe('PROCESSING');
      const described = await hub.temporal.workflow.getHandle(c.applicationId).describe();
      expect(described.status.name).toBe('RUNNING');
      expect(arrived(c.applicationId)).toEqual([]);

      expect((await outage(false)).ok).toBe(true);
      for (const id of parked) {
        const retry = await hub.call('POST', `/api/v1/admin/deliveries/${encodeURIComponent(id)}/retry`);
        expect(retry.status, JSON.stringify(retry.body)).toBe(202);
      }
      await eventually(() => {
        if (arrived(c.applicationId).length < ALL.length) throw new Error('not yet');
        return true;
      }, 90_000);
    } finally {
      await outage(false);
    }
  });
});
