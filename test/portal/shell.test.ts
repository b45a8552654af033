// Given a real hub, when each role signs in to the portal in chromium, then it sees its navigation, the page
// passes axe, the headers forbid everything but this origin, and case data cannot inject markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { launchChromium } from '../../bench/chromium';
import { expectAccessible, openTab, screenshot, settled, signIn } from './portalPage';

// The browser does not care where Temporal and PostgreSQL run: once, in `npm test`, not again in test:external.
describe.skipIf(process.env.DREHSCHEIBE_EXPECT_EXTERNAL === '1')('the portal shell', () => {
  let hub: TestHub;
  let browser: Browser;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([
      startTestHub({ parts: { api: true, worker: false }, demo: false }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('is served under /portal with a CSP that allows only this origin and no inline script', async () => {
    const res = await fetch(`${hub.apiUrl}/portal/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('lang="de"');
    // Every script is a file of this origin.
    expect(html.match(/<script[^>]*>/g)!.every((s) => /src="[^":]+"/.test(s))).toBe(true);
    expect((await fetch(`${hub.apiUrl}/portal/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${hub.apiUrl}/portal`, { redirect: 'manual' })).status).toBe(301);
  });

  it('answers "who am I" with the scope of the token only', async () => {
    const me = await hub.call('GET', '/api/v1/me', { token: DEMO_TOKENS.caseworker });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('caseworker');
    expect(me.body.offices.map((o: any) => o.id)).toEqual(['radebeul-ordnungsamt']);
    expect((await hub.call('GET', '/api/v1/me', { token: 'wrong' })).status).toBe(401);
  });

  const roles = [
    { token: DEMO_TOKENS.caseworker, role: 'Sachbearbeitung', shot: 'shell-caseworker' },
    { token: DEMO_TOKENS.admin, role: 'Betrieb (Administration)', shot: 'shell-admin' },
    { token: DEMO_TOKENS.adminRadebeul, role: 'Kommunale Administration', shot: 'shell-municipal-admin' },
    { token: DEMO_TOKENS.portal, role: 'Antragsportal', shot: 'shell-portal' },
  ];
  for (const r of roles) {
    it(`signs in as ${r.role} and shows that role`, async () => {
      const tab = await openTab(browser);
      await signIn(tab, hub.apiUrl, r.token);
      await expect.poll(() => tab.page.locator('#who').textContent()).toContain(r.role);
      await tab.page.goto(`${hub.apiUrl}/portal/#/`);
      await settled(tab.page);
      await expectAccessible(tab.page, r.shot);
      await screenshot(tab.page, r.shot);
      expect(tab.errors).toEqual([]);
      await tab.page.context().close();
    });
  }

  it('lets the browser refuse an inline script even if one got into the page', async () => {
    const tab = await openTab(browser);
    await signIn(tab, hub.apiUrl, DEMO_TOKENS.caseworker);
    await tab.page.evaluate(
      `{ const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); }`,
    );
    expect(await tab.page.evaluate('window.__inline')).toBeUndefined();
    expect(tab.errors.join('\n')).toMatch(/Content Security Policy/);
    await tab.page.context().close();
  });

  it('refuses an unknown token with a German message and passes axe on the sign-in page', async () => {
    const tab = await openTab(browser);
    await tab.page.goto(`${hub.apiUrl}/portal/`);
    await expectAccessible(tab.page, 'sign-in');
    await screenshot(tab.page, 'sign-in');
    await tab.page.getByLabel('Zugangsschlüssel (Token)').fill('falsch');
    await tab.page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => tab.page.getByRole('alert').textContent()).toContain('unbekannt oder widerrufen');
    expect(await tab.page.evaluate('sessionStorage.length')).toBe(0);
    await tab.page.context().close();
  });
});
