// Given a real hub with the demo organisation, when a caseworker and an applicant use the portal in chromium,
// then a case runs from submission through a document request, a supplement upload, the decision and the
// retrieval of the notice; the inbox is operable by keyboard alone; the diagram marks the current element;
// case data is shown as text, never as markup; every page passes axe.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, FAST_TIMING, startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';
import {
  submit,
  tradeSubmission,
  waitForPhase,
  waitForTask,
  TRADE_REGISTRATION,
} from '../lifecycle/caseDriver';
import { launchChromium } from '../../bench/chromium';
import {
  ARTIFACTS,
  expectAccessible,
  openTab,
  screenshot,
  settled,
  signIn,
  visit,
  type PortalTab,
} from './portalPage';

// Markup in case data: if any page parsed it, an <img> would appear and its handler would set a flag.
const XSS = '<img src=x onerror="window.__xss=1">Feinkost <b>Mustermann</b>';

// The browser does not care where Temporal and PostgreSQL run: once, in `npm test`, not again in test:external.
describe.skipIf(process.env.DREHSCHEIBE_EXPECT_EXTERNAL === '1')(
  'the caseworker inbox and the applicant page in a real browser',
  () => {
    let hub: TestHub;
    let browser: Browser;
    let caseworker: PortalTab;
    beforeAll(async () => {
      [hub, browser] = await Promise.all([
        // The notice waits in the mailbox long enough for the applicant to open it in the browser.
        startTestHub({
          config: { caseTiming: { ...FAST_TIMING, noticeRetrievalWindow: 120_000, appealPeriod: 120_000 } },
        }),
        launchChromium(),
      ]);
      caseworker = await openTab(browser);
      await signIn(caseworker, hub.apiUrl, DEMO_TOKENS.caseworker);
    });
    afterAll(async () => {
      await browser?.close();
      await hub?.stop();
    });

    it('runs a case: document request, supplement upload, decision, notice retrieval', async () => {
      const base = tradeSubmission();
      const c = await submit(hub, { ...base, formData: { ...(base.formData as object), businessName: XSS } });
      const review = await waitForTask(hub, c, 'review');
      const page = caseworker.page;

      // The inbox lists the task; the task page shows the case with the markup as plain text.
      await visit(page, hub.apiUrl, `#/aufgaben`);
      await expect.poll(() => page.locator('tbody').textContent()).toContain(c.applicationId);
      await expectAccessible(page, 'inbox');
      await screenshot(page, 'inbox');
      await visit(page, hub.apiUrl, `#/aufgaben/${encodeURIComponent(review.id)}`);
      expect(await page.getByText(XSS, { exact: true }).count()).toBe(1);
      expect(await page.locator('main img').count()).toBe(0);
      expect(await page.locator('main b').count()).toBe(0);
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      await expectAccessible(page, 'task');
      await screenshot(page, 'task');

      // Document request with a deadline.
      await page
        .getByLabel('Welche Unterlagen fehlen?')
        .fill('Bitte den Mietvertrag der Geschäftsräume nachreichen.');
      await page.getByRole('button', { name: 'Unterlagen nachfordern' }).click();
      await page.getByText('Die Unterlagen sind angefordert.').waitFor();
      await waitForPhase(hub, c, 'ACTION_REQUIRED', 'awaiting-documents');

      // The applicant uploads the supplement on their page.
      const applicant = await openTab(browser);
      await signIn(applicant, hub.apiUrl, c.accessToken);
      const ap = applicant.page;
      await ap.getByRole('heading', { name: 'Angeforderte Unterlagen' }).waitFor();
      await expect.poll(() => ap.locator('main').textContent()).toContain('Mietvertrag der Geschäftsräume');
      await expectAccessible(ap, 'applicant-request');
      await screenshot(ap, 'applicant-request');
      await ap.getByLabel('Dateien auswählen').setInputFiles({
        name: 'Mietvertrag.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 Mietvertrag'),
      });
      await ap.getByRole('button', { name: 'Unterlagen nachreichen' }).click();
      await ap.getByText('Ihre Unterlagen sind eingereicht.').waitFor();
      await waitForPhase(hub, c, 'PROCESSING', 'supplement-received');

      // The caseworker sees the supplement among the documents and decides with the task's form.
      const next = await waitForTask(hub, c, 'review');
      await visit(page, hub.apiUrl, `#/aufgaben/${encodeURIComponent(next.id)}`);
      await expect
        .poll(() => page.locator('#case-documents').locator('..').textContent())
        .toContain('Mietvertrag.pdf');
      await page.locator('#task-form').getByLabel('Entscheidung').selectOption('approved');
      await page
        .locator('#task-form')
        .getByLabel('Begründung (optional)')
        .fill('Alle Voraussetzungen liegen vor.');
      await page.getByRole('button', { name: 'Aufgabe abschließen' }).click();
      await page.getByText('Die Aufgabe ist abgeschlossen.').waitFor();
      await waitForPhase(hub, c, 'COMPLETED', 'notice-delivered');

      // The applicant opens the notice from the mailbox: that is the retrieval (§41 (2a) VwVfG).
      await ap.reload();
      await settled(ap);
      const noticeRow = ap.locator('li', { hasText: 'Bescheid:' }).first();
      await noticeRow.waitFor();
      // Listing the mailbox is not the retrieval; opening the notice document is.
      await expect.poll(() => noticeRow.textContent()).toContain('Noch nicht abgerufen');
      const before = await hub.call('GET', `/api/v1/applications/${c.applicationId}/messages`);
      expect(before.body.items.find((m: any) => m.kind === 'notice').retrievedAt).toBeNull();
      const popup = ap.context().waitForEvent('page');
      await noticeRow
        .getByRole('button', { name: /\.pdf ansehen$/ })
        .first()
        .click();
      expect((await popup).url()).toMatch(/^blob:/);
      const retrieved = await eventually(
        async () => {
          const res = await hub.call('GET', `/api/v1/applications/${c.applicationId}/messages`);
          const notice = res.body.items.find((m: any) => m.kind === 'notice');
          return notice?.retrievedAt ? notice : undefined;
        },
        20_000,
        'notice retrieved',
      );
      expect(retrieved.documents.length).toBeGreaterThan(0);
      await ap.reload();
      await settled(ap);
      await expect.poll(() => ap.locator('main').textContent()).toContain('Abgerufen am');
      await ap.getByRole('heading', { name: 'Widerspruch' }).waitFor();
      await expectAccessible(ap, 'applicant-notice');
      await screenshot(ap, 'applicant-notice');
      // The objection within the appeal period, from the same page.
      await ap
        .locator('#objection-form')
        .getByLabel('Begründung des Widerspruchs')
        .fill('Ich widerspreche der Auflage.');
      await ap.getByRole('button', { name: 'Widerspruch einlegen' }).click();
      await ap.getByText('Ihr Widerspruch ist eingegangen.').waitFor();
      await waitForPhase(hub, c, 'PROCESSING', 'objection');
      expect(applicant.errors).toEqual([]);
      expect(caseworker.errors).toEqual([]);
    });

    it('is operable by keyboard alone: filter, sort and open a task', async () => {
      const c = await submit(hub, tradeSubmission());
      await waitForTask(hub, c, 'review');
      const tab = await openTab(browser);
      await signIn(tab, hub.apiUrl, DEMO_TOKENS.caseworker);
      const { page } = tab;
      await settled(page);
      const focused = () =>
        page.evaluate('document.activeElement?.id || document.activeElement?.textContent');
      // Tab to the search field, type the case number, submit with Enter.
      for (let i = 0; i < 15 && (await focused()) !== 'inbox-q'; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe('inbox-q');
      await page.keyboard.type(c.applicationId);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#inbox-count').textContent()).toMatch(/^1 Aufgaben/);
      // Sort by a column header and open the task, keys only.
      for (let i = 0; i < 20 && !String(await focused()).startsWith('Frist'); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('th[aria-sort]').textContent()).toContain('Frist');
      const focusedHref = () => page.evaluate<string>('document.activeElement?.getAttribute("href") || ""');
      for (let i = 0; i < 30 && !(await focusedHref()).startsWith('#/aufgaben/'); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('#task-form').waitFor();
      // The new page's heading has the focus, so a screen reader announces it.
      expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
      await tab.page.context().close();
    });

    it('shows the BPMN process with the current element marked, only to the handling office', async () => {
      const xml = fs.readFileSync('bpmn/trade-default.bpmn', 'utf8');
      const imported = await hub.call('POST', '/api/v1/admin/process-models', {
        body: {
          leikaId: TRADE_REGISTRATION,
          ars: DEMO_ARS,
          files: [{ filename: 'trade-default.bpmn', xml }],
        },
      });
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      const id = imported.body.model?.id ?? imported.body.id;
      expect(
        (await hub.call('POST', `/api/v1/admin/process-models/${id}/activate`, { body: { ars: DEMO_ARS } }))
          .status,
      ).toBe(200);
      const c = await submit(hub, tradeSubmission());
      const task = await eventually(
        async () => {
          const res = await hub.call('GET', `/api/v1/tasks?applicationId=${c.applicationId}`, {
            token: DEMO_TOKENS.caseworker,
          });
          return res.body.items.find((t: any) => t.elementId === 'Task_Review');
        },
        30_000,
        'review task of the BPMN process',
      );

      const view = await hub.call('GET', `/api/v1/applications/${c.applicationId}/process`, {
        token: DEMO_TOKENS.caseworker,
      });
      expect(view.status).toBe(200);
      expect(view.body.active).toContain('Task_Review');
      expect(view.body.completed.length).toBeGreaterThan(0);
      expect(view.body.xml).toContain('Task_Review');
      // Another office, a participating office and the applicant do not see the process.
      for (const token of [DEMO_TOKENS.caseworkerCoswig, DEMO_TOKENS.caseworkerBauamt, c.accessToken])
        expect(
          (await hub.call('GET', `/api/v1/applications/${c.applicationId}/process`, { token })).status,
        ).toBeGreaterThanOrEqual(403);

      const page = caseworker.page;
      await visit(page, hub.apiUrl, `#/aufgaben/${encodeURIComponent(task.id)}`);
      await page.locator('#process-diagram[data-ready]').waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-element-id="Task_Review"]').getAttribute('class')).toContain(
        'portal-active',
      );
      for (const done of view.body.completed)
        expect(await page.locator(`[data-element-id="${done}"]`).first().getAttribute('class')).toContain(
          'portal-completed',
        );
      await expect.poll(() => page.locator('#process-summary').textContent()).toMatch(/^Aktuell: /);
      await expectAccessible(page, 'task-diagram');
      await screenshot(page, 'task-diagram');
      await page
        .locator('#process-heading')
        .locator('..')
        .screenshot({ path: `${ARTIFACTS}/diagram.png` });
      expect(caseworker.errors).toEqual([]);
    });
  },
);
