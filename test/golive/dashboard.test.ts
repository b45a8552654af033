// Given cases with known milestone times in the read model, when the dashboard and /metrics report them,
// then p50/p90, weekly series, histogram buckets and monthly usage match hand-computed figures, test
// submissions count nowhere, and a municipal administrator sees only its own municipality.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';

const DRESDEN = '146120000000';
const TRADE = '99050012104000';
const STREET_USE = '99086004000001';
let seq = 0;

/** A case as the workflow would have left it: the application and its status history at given times. */
async function seedCase(
  hub: TestHub,
  c: {
    ars: string;
    leikaId: string;
    submitted: string;
    officeAfterS?: number;
    noticeAfterS?: number;
    finalAfterS?: number;
    test?: boolean;
    level?: number;
  },
): Promise<void> {
  const id = `A-SEED-${String(++seq).padStart(6, '0')}`;
  await hub.pool.query(
    `INSERT INTO applications (id, leika_id, ars, applicant, access_token_hash, request_hash, created_at, test, route)
     VALUES ($1, $2, $3, '{}', $1, $1, $4, $5, $6)`,
    [id, c.leikaId, c.ars, c.submitted, c.test ?? false, c.level ? JSON.stringify({ level: c.level }) : null],
  );
  const at = (s: number) => new Date(Date.parse(c.submitted) + s * 1000).toISOString();
  const phases: [string, number | undefined][] = [
    ['received', 0],
    ['in-review', c.officeAfterS],
    [
      'notice-delivered',
      c.officeAfterS !== undefined && c.noticeAfterS !== undefined
        ? c.officeAfterS + c.noticeAfterS
        : undefined,
    ],
    [
      'final',
      c.officeAfterS !== undefined && c.noticeAfterS !== undefined && c.finalAfterS !== undefined
        ? c.officeAfterS + c.noticeAfterS + c.finalAfterS
        : undefined,
    ],
  ];
  for (const [phase, s] of phases) {
    if (s === undefined) continue;
    await hub.pool.query(
      `INSERT INTO status_history (application_id, status, phase, status_text, at) VALUES ($1, 'PROCESSING', $2, '', $3)`,
      [id, phase, at(s)],
    );
  }
  // The milestones saveStatus keeps (migration 0017), at the same times as the history; a test submission gets
  // none (test/db/throughputReadModel.test.ts proves that of saveStatus and of the migration).
  const when = (phase: string) => {
    const s = phases.find(([p]) => p === phase)![1];
    return s === undefined ? null : at(s);
  };
  if (!c.test && c.officeAfterS !== undefined)
    await hub.pool.query(
      `INSERT INTO case_milestones (application_id, leika_id, ars, submitted_at, office_at, notice_at, final_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, c.leikaId, c.ars, c.submitted, when('in-review'), when('notice-delivered'), when('final')],
    );
}

describe('operator dashboard figures', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ parts: { api: true, worker: false } });
    // Dresden trade: 10 cases in two weeks, submission -> office 60, 120, ..., 600 s.
    for (let i = 1; i <= 10; i++)
      await seedCase(hub, {
        ars: DRESDEN,
        leikaId: TRADE,
        submitted: i <= 5 ? `2026-03-0${i + 1}T10:00:00Z` : `2026-03-${i + 4}T10:00:00Z`,
        officeAfterS: i * 60,
        noticeAfterS: i <= 4 ? 86_400 * i : undefined,
        finalAfterS: i <= 2 ? 3_000_000 : undefined,
        level: 2,
      });
    // Test submissions with absurd times: they must change no figure.
    for (let i = 0; i < 3; i++)
      await seedCase(hub, {
        ars: DRESDEN,
        leikaId: TRADE,
        submitted: '2026-03-03T10:00:00Z',
        officeAfterS: 9_999_999,
        test: true,
        level: 2,
      });
    // Radebeul street use in April (level 1), one not yet at the office.
    await seedCase(hub, {
      ars: DEMO_ARS,
      leikaId: STREET_USE,
      submitted: '2026-04-30T21:30:00Z',
      officeAfterS: 30,
      level: 1,
    });
    await seedCase(hub, { ars: DEMO_ARS, leikaId: STREET_USE, submitted: '2026-04-10T08:00:00Z', level: 1 });
  });
  afterAll(async () => hub?.stop());

  it('reports p50/p90 per service, municipality and stage, without test submissions', async () => {
    const res = await hub.call('GET', `/api/v1/admin/dashboard/throughput?municipality=${DRESDEN}`);
    expect(res.status).toBe(200);
    const row = (stage: string) => res.body.summary.find((r: any) => r.stage === stage);
    // percentile_cont over 60..600: p50 = 330, p90 = 546.
    expect(row('submission-office')).toMatchObject({
      leikaId: TRADE,
      ars: DRESDEN,
      count: 10,
      p50Seconds: 330,
      p90Seconds: 546,
    });
    // 1..4 days: p50 2.5 days, p90 3.7 days.
    expect(row('office-notice')).toMatchObject({ count: 4, p50Seconds: 216_000, p90Seconds: 319_680 });
    expect(row('notice-final')).toMatchObject({ count: 2, p50Seconds: 3_000_000 });
  });

  it('gives a weekly series per stage by the week the stage ended', async () => {
    const res = await hub.call(
      'GET',
      `/api/v1/admin/dashboard/throughput?municipality=${DRESDEN}&service=${TRADE}`,
    );
    const office = res.body.weekly.filter((p: any) => p.stage === 'submission-office');
    // Mar 2-6 2026 is the week of Monday Mar 2; Mar 10-14 of Monday Mar 9.
    expect(office.map((p: any) => [p.week, p.count, p.p50Seconds])).toEqual([
      ['2026-03-02', 5, 180],
      ['2026-03-09', 5, 480],
    ]);
  });

  it('exposes the same throughput times as Prometheus histograms on /metrics', async () => {
    const text = (await hub.call('GET', '/metrics')).body as string;
    const line = (le: string) =>
      text
        .split('\n')
        .find((l) =>
          l.startsWith(
            `drehscheibe_throughput_seconds_bucket{stage="submission-office",service="${TRADE}",municipality="${DRESDEN}",le="${le}"}`,
          ),
        );
    expect(text).toContain('# TYPE drehscheibe_throughput_seconds histogram');
    expect(line('60')).toMatch(/ 1$/); // 60 s is within le=60
    expect(line('300')).toMatch(/ 5$/);
    expect(line('900')).toMatch(/ 10$/);
    expect(line('+Inf')).toMatch(/ 10$/);
    expect(text).toMatch(
      new RegExp(
        `drehscheibe_throughput_seconds_sum\\{stage="submission-office",service="${TRADE}",municipality="${DRESDEN}"\\} 3300\\n`,
      ),
    );
  });

  it('counts real applications per month, municipality, bundle and level, in German months', async () => {
    const res = await hub.call('GET', '/api/v1/admin/dashboard/usage?from=2026-03&to=2026-05');
    expect(res.body.items).toEqual([
      {
        month: '2026-03',
        ars: DRESDEN,
        municipality: 'Dresden, Stadt',
        bundle: 'trade',
        level: 2,
        applications: 10,
      },
      // 2026-04-30 21:30 UTC is 23:30 in Berlin: still April.
      {
        month: '2026-04',
        ars: DEMO_ARS,
        municipality: 'Radebeul, Stadt',
        bundle: 'street-use',
        level: 1,
        applications: 2,
      },
    ]);
  });

  it('exports usage as CSV for German spreadsheets', async () => {
    const res = await fetch(`${hub.apiUrl}/api/v1/admin/dashboard/usage/csv?from=2026-03&to=2026-04`, {
      headers: { authorization: `Bearer ${DEMO_TOKENS.admin}` },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('nutzung.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')).toEqual([
      'Monat;ARS;Kommune;Leistungsbündel;Umsetzungsstufe;Anträge',
      `2026-03;${DRESDEN};Dresden, Stadt;trade;2;10`,
      `2026-04;${DEMO_ARS};Radebeul, Stadt;street-use;1;2`,
      '',
    ]);
  });

  it('shows a municipal administrator its own municipality only', async () => {
    const token = DEMO_TOKENS.adminRadebeul;
    const usage = await hub.call('GET', '/api/v1/admin/dashboard/usage', { token });
    expect(usage.body.items.map((r: any) => r.ars)).toEqual([DEMO_ARS]);
    const asked = await hub.call('GET', `/api/v1/admin/dashboard/throughput?municipality=${DRESDEN}`, {
      token,
    });
    expect(asked.body.summary).toEqual([]);
    const map = await hub.call('GET', '/api/v1/admin/dashboard/service-map', { token });
    expect(map.body.districts.map((d: any) => d.district)).toEqual(['14627']);
    expect(map.body.districts[0].municipalities.map((m: any) => m.ars)).toEqual([DEMO_ARS]);
    expect((await hub.call('GET', '/metrics', { token })).status).toBe(403);
  });

  it('groups the service map by district and filters it', async () => {
    const map = await hub.call('GET', '/api/v1/admin/dashboard/service-map');
    const meissen = map.body.districts.find((d: any) => d.district === '14627');
    expect(meissen.name).toBe('Meißen');
    expect(meissen.municipalities.map((m: any) => m.ars).sort()).toEqual(['146270010010', DEMO_ARS]);
    const radebeul = meissen.municipalities.find((m: any) => m.ars === DEMO_ARS);
    expect(radebeul.services.find((s: any) => s.leikaId === TRADE)).toMatchObject({
      level: 2,
      state: 'live',
    });
    const coswigCivil = meissen.municipalities
      .find((m: any) => m.ars === '146270010010')
      .services.find((s: any) => s.bundle === 'civil-status');
    expect(coswigCivil).toMatchObject({ level: null, redirectArs: DEMO_ARS });
    const level2 = await hub.call('GET', '/api/v1/admin/dashboard/service-map?level=2&bundle=trade');
    const all = level2.body.districts.flatMap((d: any) => d.municipalities.flatMap((m: any) => m.services));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((s: any) => s.level === 2 && s.bundle === 'trade')).toBe(true);
    expect((await hub.call('GET', '/api/v1/admin/dashboard/service-map?state=draft')).body.total).toBe(0);
  });
});
