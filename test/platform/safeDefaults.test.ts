// Given a hub started without further settings, when reached from another address, then it does not answer;
// given production mode, when the database still holds demo tokens or the demo secret is configured, then they are refused.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_CALLBACK_SECRET, loadConfig } from '../../platform/config';
import { startTestHub } from '../support/testHub';
import { ensureToken } from '../../db/tokens';
import { DEMO_TOKENS } from '../../demo/seed';

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('safe defaults', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', async () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ HOST: 'a b' })).toThrow(/HOST must be/);

    const loopbackOnly = await startTestHub({ demo: false, parts: { api: true, worker: false } });
    const open = await startTestHub({
      demo: false,
      parts: { api: true, worker: false },
      config: { host: '0.0.0.0' },
    });
    try {
      const port = (url: string) => Number(new URL(url).port);
      // 127.0.0.2 is this machine too, but not the address the default binds to.
      expect(await connects('127.0.0.1', port(loopbackOnly.apiUrl))).toBe(true);
      expect(await connects('127.0.0.2', port(loopbackOnly.apiUrl))).toBe(false);
      expect(await connects('127.0.0.2', port(open.apiUrl))).toBe(true);
    } finally {
      await loopbackOnly.stop();
      await open.stop();
    }
  });

  it('refuses the demo callback secret, and short ones, in production mode', () => {
    const production = { DREHSCHEIBE_MODE: 'production' };
    expect(() => loadConfig({ ...production, CALLBACK_SECRET: DEMO_CALLBACK_SECRET })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, CALLBACK_SECRET: 'too-short' })).toThrow(/at least 32/);
    const ok = loadConfig({ ...production, CALLBACK_SECRET: 'x'.repeat(32) });
    expect(ok.integrations.callbackSecret).toBe('x'.repeat(32));
    expect(loadConfig({}).integrations.callbackSecret).toBe(DEMO_CALLBACK_SECRET);
  });

  it('removes demo tokens a database still holds when a hub starts in production mode', async () => {
    const demoHub = await startTestHub({ demo: false, parts: { api: true, worker: false } });
    const databaseUrl = demoHub.databaseUrl;
    expect((await demoHub.call('GET', '/api/v1/admin/services', { token: DEMO_TOKENS.admin })).status).toBe(
      200,
    );
    await demoHub.stop();

    const admin = 'production-admin-token-0123456789';
    const production = await startTestHub({
      demo: false,
      seedTokens: false,
      databaseUrl,
      parts: { api: true, worker: false },
      config: { mode: 'production', adminToken: admin },
    });
    try {
      for (const token of Object.values(DEMO_TOKENS))
        expect((await production.call('GET', '/api/v1/admin/services', { token })).status).toBe(401);
      expect((await production.call('GET', '/api/v1/admin/services', { token: admin })).status).toBe(200);
      // A token issued by an operator with the same grant is not affected.
      await ensureToken(production.pool, 'operator-issued-token-0123456789', {
        role: 'portal',
        label: 'Portal',
      });
      const portal = await production.call('GET', '/api/v1/tasks', {
        token: 'operator-issued-token-0123456789',
      });
      expect(portal.status).toBe(403);
    } finally {
      await production.stop();
    }
  });
});
