// Given a real hub and a newly configured service, when an operator takes it live in the portal (chromium),
// then each page shows why a step is not possible, the test plan runs from the page, refused changes show
// the problem's text, the dashboard shows map, plots and usage with a CSV download, and axe finds nothing
// serious or critical on any of these pages.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eventually, startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import { launchChromium } from '../../bench/chromium';
import { expectAccessible, openTab, screenshot, settled, signIn, type PortalTab } from './portalPage';

const ARS = '146270020020'; // Diera-Zehren
const STREET_USE = '99086004000001';
const TRADE = '99050012104000';

// The browser does not care where Temporal and PostgreSQL run: once, in `npm test`, not again in test:external.
describe.skipIf(process.env.DREHSCHEIBE_EXPECT_EXTERNAL === '1')(
  'go-live and operator dashboard in the portal',
  () => {
    let hub: TestHub;
    let browser: Browser;
    let admin: PortalTab;
    const open = async (page: Page, hash: string) => {
      await page.goto(`${hub.apiUrl}/portal/${hash}`);
      await settled(page);
    };

    beforeAll(async () => {
      [hub, browser] = await Promise.all([startTestHub(), launchChromium()]);
      for (const [path, body] of [
        [
          '/api/v1/admin/offices',
          { id: 'dz-ordnungsamt', ars: ARS, name: 'Ordnungsamt Diera-Zehren', email: 'oa@dz.demo' },
        ],
        [
          '/api/v1/admin/bindings',
          {
            id: `${ARS}-${STREET_USE}`,
            ars: ARS,
            leikaId: STREET_USE,
            officeId: 'dz-ordnungsamt',
            level: 1,
            dmsSystemId: 'demo-eakte',
            mailSystemId: 'demo-mail',
          },
        ],
      ] as const) {
        const res = await hub.call('POST', path, { body });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      admin = await openTab(browser);
      await signIn(admin, hub.apiUrl, DEMO_TOKENS.admin);
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await hub?.stop();
    });

    it('shows a draft with the reasons the next step is not possible', async () => {
      const { page } = admin;
      await open(page, `#/freischaltung/${ARS}/${STREET_USE}`);
      await expect.poll(() => page.locator('main .kern-badge').first().textContent()).toBe('Entwurf');
      const step = page.locator('[data-step="test"]');
      await expect
        .poll(() => step.locator('li[data-code="office-address"]').textContent())
        .toContain('keine Postanschrift');
      expect(await step.getByRole('button', { name: 'In den Test überführen' }).isDisabled()).toBe(true);
      // Skipping is refused too, with its own reason.
      expect(await page.locator('[data-step="live"] li[data-code="state-order"]').count()).toBe(1);
      await expectAccessible(page, 'go-live-draft');
      await screenshot(page, 'go-live-draft');
    });

    it('shows the configuration and the problem text of a refused binding change', async () => {
      const { page } = admin;
      await open(page, `#/konfiguration?ars=${ARS}`);
      await expect
        .poll(() => page.getByRole('table', { name: 'Dienststellen der Kommune' }).textContent())
        .toContain('Ordnungsamt Diera-Zehren');
      await expectAccessible(page, 'configuration');
      await screenshot(page, 'configuration');
      await page.getByRole('link', { name: 'Ändern' }).first().click();
      await settled(page);
      // A binding that names an office and redirects at once contradicts itself: the hub refuses it.
      await page.getByLabel('Weiterleitung an Kommune (ARS)').fill(DEMO_ARS);
      await page.getByRole('button', { name: 'Speichern' }).click();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain('Änderung abgelehnt');
      expect((await alert.textContent())!.length).toBeGreaterThan('Änderung abgelehnt'.length + 10);
      await expectAccessible(page, 'binding-refused');
      await screenshot(page, 'binding-refused');
      const binding = await hub.call('GET', `/api/v1/admin/bindings/${ARS}-${STREET_USE}`);
      expect(binding.body.redirectArs).toBeNull();
    });

    it('goes from draft through test plan and pilot to live by the page’s buttons', async () => {
      const { page } = admin;
      expect(
        (
          await hub.call('PATCH', '/api/v1/admin/offices/dz-ordnungsamt', {
            body: { address: 'Meißner Straße 1, 01665 Diera-Zehren' },
          })
        ).status,
      ).toBe(200);
      await open(page, `#/freischaltung/${ARS}/${STREET_USE}`);
      await page.getByRole('button', { name: 'In den Test überführen' }).click();
      await expect.poll(() => page.locator('main .kern-badge').first().textContent()).toBe('Test');
      await expect
        .poll(() => page.locator('[data-step="pilot"] li[data-code="test-plan-not-passed"]').count())
        .toBe(1);
      await page.getByRole('button', { name: 'Testplan ausführen' }).click();
      await page.getByRole('table', { name: 'Ergebnis des letzten Testlaufs' }).waitFor({ timeout: 120_000 });
      await settled(page);
      expect(await page.locator('main dl').textContent()).toMatch(/Letzter Testlauf.*bestanden/);
      await expectAccessible(page, 'go-live-tested');
      await screenshot(page, 'go-live-tested');
      await page.getByRole('button', { name: 'Pilotbetrieb starten' }).click();
      await expect.poll(() => page.locator('main .kern-badge').first().textContent()).toBe('Pilotbetrieb');
      await page.getByRole('button', { name: 'Produktiv schalten' }).click();
      await expect.poll(() => page.locator('main .kern-badge').first().textContent()).toBe('Produktiv');
      const history = page.getByRole('table', { name: 'Übergänge, neueste zuerst' });
      await expect.poll(() => history.locator('tbody tr').count()).toBe(3);
      await screenshot(page, 'go-live-live');
    }, 180_000);

    it('shows the dashboard: service map by district, throughput plots, incidents, usage with CSV', async () => {
      // One real case of the now live service reaches the office, so throughput has a figure.
      const submitted = await hub.call('POST', '/api/v1/submissions', {
        token: DEMO_TOKENS.portal,
        body: {
          service: STREET_USE,
          municipality: ARS,
          applicant: { name: 'Max Mustermann', email: 'max@example.org' },
          notificationConsent: { electronic: true, email: true },
          formData: {
            location: { street: 'Dorfstraße 1', postalCode: '01665', city: 'Diera-Zehren' },
            from: '2027-03-01',
            to: '2027-03-02',
            purpose: 'Halteverbot für den Umzugswagen',
            lengthMetres: 15,
          },
        },
      });
      expect(submitted.status).toBe(202);
      await eventually(async () => {
        const t = await hub.call('GET', `/api/v1/admin/dashboard/throughput?municipality=${ARS}`);
        return t.body.summary.length > 0 ? t : undefined;
      }, 60_000);
      const { page } = admin;
      await open(page, '#/betrieb');
      const meissen = page.getByRole('table', { name: 'Meißen (14627)' });
      await expect.poll(() => meissen.textContent()).toContain('Diera-Zehren');
      expect(await page.locator('svg.portal-chart').count()).toBe(3);
      expect(await page.locator('#chart-0 desc').textContent()).toContain('Median');
      await expect
        .poll(() =>
          page.getByRole('table', { name: 'Durchlaufzeiten je Leistung und Kommune' }).textContent(),
        )
        .toContain(ARS);
      await expectAccessible(page, 'dashboard');
      await screenshot(page, 'dashboard');
      // Filter the map: only drafts, of which there are none now.
      await page.getByLabel('Zustand').selectOption('draft');
      await page.getByRole('button', { name: 'Filtern' }).click();
      await expect.poll(() => page.locator('main p').first().textContent()).toContain('0 Leistungen');
      // CSV download of the usage table.
      await open(page, '#/betrieb');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Nutzung als CSV herunterladen' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('nutzung.csv');
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('\uFEFFMonat;ARS;Kommune;Leistungsbündel;Umsetzungsstufe;Anträge');
      expect(csv).toContain(`;${ARS};Diera-Zehren;street-use;1;1`);
      // The one failed request the browser saw is the refused binding change above (422), nothing else.
      expect(admin.errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    }, 120_000);

    it('shows a municipal administrator its own municipality only', async () => {
      const tab = await openTab(browser);
      await signIn(tab, hub.apiUrl, DEMO_TOKENS.adminRadebeul);
      await open(tab.page, '#/betrieb');
      const text = (await tab.page.locator('main').textContent())!;
      expect(text).toContain('Radebeul');
      expect(text).not.toContain('Diera-Zehren');
      await expectAccessible(tab.page, 'dashboard-municipal');
      await open(tab.page, `#/freischaltung/${ARS}/${STREET_USE}`);
      await expect.poll(() => tab.page.getByRole('alert').textContent()).toContain('No binding');
      await open(tab.page, '#/konfiguration');
      await expect.poll(() => tab.page.locator('main h1').textContent()).toContain('Radebeul');
      await expectAccessible(tab.page, 'configuration-municipal');
      await tab.page.context().close();
    });

    it('shows rule versions with a diff and a test run, and process models with their report', async () => {
      const { page } = admin;
      await open(page, `#/regeln/${TRADE}`);
      await page.getByRole('button', { name: 'Vergleichen' }).click();
      await expect
        .poll(() => page.locator('main [role="status"]').first().textContent())
        .toMatch(/Zeilen|gleich/);
      await page.getByRole('button', { name: 'Testlauf starten' }).click();
      await expect.poll(() => page.locator('main .kern-alert').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'rules');
      await screenshot(page, 'rules');
      await open(page, `#/prozessmodelle/${TRADE}`);
      await expectAccessible(page, 'process-models');
      await screenshot(page, 'process-models');
    }, 60_000);
  },
);
