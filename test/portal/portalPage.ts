// Helpers for driving the portal in chromium: sign in with a token, run axe-core, keep screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Screenshots of every test run (gitignored), kept as CI artifacts. */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/portal');

export interface PortalTab {
  page: Page;
  /** Console errors (CSP violations among them) and uncaught page errors seen so far. */
  errors: string[];
}

/** A new tab in its own context (own sessionStorage) that collects console errors. */
export async function openTab(browser: Browser): Promise<PortalTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/** Waits until the current page has rendered (a heading, no loading state). */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.locator('main[aria-busy]').waitFor({ state: 'detached' });
}

/** Opens a portal page by its hash path and waits until it is rendered (reloading: a same-hash goto is no navigation). */
export async function visit(page: Page, baseUrl: string, hash: string): Promise<void> {
  await page.goto(`${baseUrl}/portal/${hash}`);
  await page.reload();
  await settled(page);
}

/** Opens the portal and signs in with a token; waits until the start page of the role is rendered. */
export async function signIn(tab: PortalTab, baseUrl: string, token: string): Promise<void> {
  const { page } = tab;
  await page.goto(`${baseUrl}/portal/`);
  await page.getByLabel('Zugangsschlüssel (Token)').fill(token);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
  await settled(page);
}

/** axe-core on the current page: no serious or critical violation of the WCAG 2.1 A/AA rules. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays in force.
  if (!(await page.evaluate('typeof axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations: { id: string; impact: string; nodes: string[] }[] = await page.evaluate(async () => {
    const g = globalThis as any;
    const r = await g.axe.run(g.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact as string,
      nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  });
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe, `axe on ${name}`).toEqual([]);
}

/** Saves a full-page screenshot under test-artifacts/portal/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
