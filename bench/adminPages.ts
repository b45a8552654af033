// How fast the administration pages (configuration, go-live, dashboard) are usable in chromium on the demo data
// plus a year of seeded cases, against a baseline measured in the same run: the same API calls from Node.
// Usage: npx tsx bench/adminPages.ts [runs=7] [cases=2000]
import type { Page } from 'playwright-core';
import { DEMO_ARS, DEMO_TOKENS } from '../demo/seed';
import { startBenchHub } from './benchHub';
import { launchChromium } from './chromium';
import { figure } from './figure';

const [runs = 7, cases = 2000] = process.argv.slice(2).map(Number);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const TRADE = '99050012104000';

// The hub as `npm start` runs it (bench/benchHub.ts); the pages only read, so its worker stops.
const hub = await startBenchHub();
await hub.stopWorker();
const api = hub.apiUrl;

// A year of finished cases in the read model (what throughput and usage read): one per ~4 hours, with the
// milestones saveStatus would have kept (migration 0017).
await hub.pool.query(
  `WITH c AS (
     SELECT 'A-BENCH-' || g AS id, now() - (g * interval '4 hours') AS at, g FROM generate_series(1, $1) g),
   a AS (
     INSERT INTO applications (id, leika_id, ars, applicant, access_token_hash, request_hash, created_at, route)
     SELECT id, $2, $3, '{}', id, id, at, '{"level": 2}' FROM c RETURNING id, created_at),
   m AS (
     INSERT INTO case_milestones (application_id, leika_id, ars, submitted_at, office_at, notice_at, final_at)
     SELECT id, $2, $3, created_at, created_at + interval '5 minutes', created_at + interval '2000 minutes',
            created_at + interval '50000 minutes' FROM a)
   INSERT INTO status_history (application_id, status, phase, status_text, at)
   SELECT id, 'PROCESSING', p.phase, '', created_at + p.after * interval '1 minute'
     FROM a, (VALUES ('in-review', 5), ('notice-delivered', 2000), ('final', 50000)) p(phase, after)`,
  [cases, TRADE, DEMO_ARS],
);

async function call(pathname: string): Promise<unknown> {
  const res = await fetch(`${api}${pathname}`, { headers: { authorization: `Bearer ${DEMO_TOKENS.admin}` } });
  if (!res.ok) throw new Error(`${pathname}: ${res.status}`);
  return res.text();
}

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page: Page = await context.newPage();
await page.goto(`${api}/portal/`);
await page.evaluate(`sessionStorage.setItem('drehscheibe.token', ${JSON.stringify(DEMO_TOKENS.admin)})`);

/** From the start of a full load until the page's content is rendered and its loading state is gone. */
async function usable(hash: string): Promise<number> {
  await page.goto('about:blank');
  const start = performance.now();
  await page.goto(`${api}/portal/${hash}`);
  await page.locator('main h1').first().waitFor();
  await page.locator('main[aria-busy]').waitFor({ state: 'detached' });
  return performance.now() - start;
}

const pages: [string, string, string[]][] = [
  [
    'configuration (Radebeul)',
    `#/konfiguration?ars=${DEMO_ARS}`,
    [
      '/api/v1/admin/municipalities',
      `/api/v1/admin/offices?ars=${DEMO_ARS}`,
      `/api/v1/admin/bindings?ars=${DEMO_ARS}`,
      '/api/v1/admin/systems',
      '/api/v1/admin/services',
      `/api/v1/admin/go-live?municipality=${DEMO_ARS}`,
    ],
  ],
  [
    'go-live of one service',
    `#/freischaltung/${DEMO_ARS}/${TRADE}`,
    [`/api/v1/admin/go-live/${DEMO_ARS}/${TRADE}`],
  ],
  [
    `dashboard (${cases} cases)`,
    '#/betrieb',
    [
      '/api/v1/admin/dashboard/service-map',
      '/api/v1/admin/dashboard/service-map?',
      '/api/v1/admin/dashboard/throughput?',
      '/api/v1/admin/incidents?state=open&limit=100',
      '/api/v1/admin/deliveries?status=parked',
      '/api/v1/admin/dashboard/usage',
    ],
  ],
];

console.log(
  `\nadministration pages usable (median of ${runs}); baseline: the page's API calls from Node, same run\n`,
);
console.log('| page | full load | API calls alone | ratio |');
console.log('|---|---|---|---|');
for (const [name, hash, calls] of pages) {
  await usable(hash); // warm-up: bundle build, caches
  const load: number[] = [];
  const apiMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    load.push(await usable(hash));
    const t = performance.now();
    await Promise.all(calls.map(call));
    apiMs.push(performance.now() - t);
  }
  console.log(
    `| ${name} | ${median(load).toFixed(0)} ms | ${median(apiMs).toFixed(1)} ms | ${(median(load) / median(apiMs)).toFixed(1)} |`,
  );
  figure({
    benchmark: `portal page usable: ${name}`,
    ours: `${median(load).toFixed(0)} ms`,
    baseline: `its API calls from Node ${median(apiMs).toFixed(1)} ms`,
    ratio: median(apiMs) / median(load),
    goal: `≤ 1 s: ${median(load) <= 1000 ? 'met' : 'missed'}`,
  });
}
const t = performance.now();
await call('/metrics');
console.log(
  `\n/metrics with the throughput histogram over ${cases} cases: ${(performance.now() - t).toFixed(0)} ms`,
);

await browser.close();
await hub.stop();
