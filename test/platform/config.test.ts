import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_TIMING, loadConfig } from '../../platform/config';
import { LEGAL_TIMING } from '../../workflows/caseTypes';

describe('configuration from the environment', () => {
  it('defaults to embedded servers, demo mode and legal deadlines', () => {
    const config = loadConfig({}, '/srv/hub');
    expect(config).toMatchObject({
      mode: 'demo',
      port: 3000,
      temporalAddress: undefined,
      databaseUrl: undefined,
      dataDir: '/srv/hub/.data',
    });
    expect(config.caseTiming).toEqual(LEGAL_TIMING);
  });

  it('takes external servers and demo deadlines when set', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      DATABASE_URL: 'postgresql://u:p@db/hub',
      CASE_TIMING: 'demo',
    });
    expect(config.temporalAddress).toBe('temporal.example:7233');
    expect(config.databaseUrl).toBe('postgresql://u:p@db/hub');
    expect(config.caseTiming).toEqual(DEMO_TIMING);
  });

  it('refuses invalid values with a message that says what to fix', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ DREHSCHEIBE_MODE: 'prod' })).toThrow(/one of production, demo/);
    expect(() => loadConfig({ DREHSCHEIBE_MODE: 'production' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ DREHSCHEIBE_MODE: 'production', CALLBACK_SECRET: 's'.repeat(32), ADMIN_TOKEN: 'short' }),
    ).toThrow(/ADMIN_TOKEN must be at least 24/);
  });

  it('reads the limits of the rule threads, with defaults that stop runaways within seconds', () => {
    expect(loadConfig({}).ruleThreads).toEqual({
      threads: 2,
      timeoutMs: 3000,
      compileTimeoutMs: 30_000,
      memoryMb: 256,
    });
    expect(loadConfig({ RULE_TIMEOUT_MS: '800', RULE_THREADS: '4' }).ruleThreads).toMatchObject({
      threads: 4,
      timeoutMs: 800,
    });
    expect(() => loadConfig({ RULE_TIMEOUT_MS: '0' })).toThrow(
      /RULE_TIMEOUT_MS must be an integer between 1/,
    );
    expect(() => loadConfig({ RULE_MEMORY_MB: 'lots' })).toThrow(/RULE_MEMORY_MB/);
  });

  it('keeps the SDK default workflow cache unless WORKER_CACHE_SIZE sets one, and refuses nonsense', () => {
    expect(loadConfig({}).workerCacheSize).toBeUndefined();
    expect(loadConfig({ WORKER_CACHE_SIZE: '5000' }).workerCacheSize).toBe(5000);
    expect(() => loadConfig({ WORKER_CACHE_SIZE: '0' })).toThrow(/WORKER_CACHE_SIZE must be an integer/);
    expect(() => loadConfig({ WORKER_CACHE_SIZE: '-3' })).toThrow(/WORKER_CACHE_SIZE/);
  });
});
