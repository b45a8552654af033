import { defineConfig } from 'vitest/config';

// Temporal workers crash inside worker threads, so tests run in forked processes. Engine unit tests
// (test/bpmn-engine, fake effects and a manual clock) need no servers, so they skip the global setup.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/bpmn-engine/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bpmn-engine/**'],
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
    ],
  },
});
