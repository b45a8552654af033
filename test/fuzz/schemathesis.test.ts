// Property-based fuzzing of the whole OpenAPI (Schemathesis) against a throwaway hub this test starts itself:
// no server errors, every answer conforms to the document (status, content type, schema, headers).
// Its stateful phase deletes and changes configuration: never point it at a hub that matters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { ensureSchemathesis, runSchemathesis, summariseReport } from '../support/schemathesis';
import { DEMO_TOKENS } from '../../demo/seed';

const FULL = process.env.FUZZ === 'full';
/** CI: a few minutes in all; `npm run fuzz` runs the full size. */
const BUDGET = FULL
  ? { maxExamples: 200, adminSeconds: 900, portalSeconds: 300 }
  : { maxExamples: 25, adminSeconds: 100, portalSeconds: 40 };
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
].join(',');

// The fuzz run brings its own throwaway hub and runs once, in `npm test`; under test:external it shared the
// servers with the whole parallel suite and 5 of 3,658 admin requests waited past 30 s (an open finding,
// see docs/security.md), which is not what this test is about.
describe.skipIf(process.env.DREHSCHEIBE_EXPECT_EXTERNAL === '1')('fuzzing the API with Schemathesis', () => {
  let hub: TestHub;
  let bin: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-fuzz-'));
  beforeAll(async () => {
    bin = ensureSchemathesis();
    hub = await startTestHub();
  }, 600_000);
  afterAll(async () => hub?.stop());

  async function fuzz(name: string, token: string, seconds: number, filter: string[]) {
    const reportDir = path.join(dir, name);
    const result = await runSchemathesis(
      bin,
      [
        `${hub.apiUrl}/api/v1/openapi.json`,
        '--url',
        hub.apiUrl,
        '-H',
        `Authorization: Bearer ${token}`,
        '--checks',
        CHECKS,
        '--max-examples',
        String(BUDGET.maxExamples),
        '--max-time',
        String(seconds),
        '--workers',
        '2',
        '--seed',
        process.env.FUZZ_SEED ?? '20261129',
        '--request-timeout',
        '30',
        '--suppress-health-check',
        'all',
        '--report',
        'junit,ndjson',
        '--report-dir',
        reportDir,
        ...filter,
      ],
      path.join(dir, `${name}.log`),
    );
    const summary = summariseReport(reportDir);
    process.stdout.write(
      `[fuzz ${name}] ${summary.requests} requests in ${result.seconds.toFixed(0)} s, ${summary.serverErrors} server errors, ` +
        `failed checks ${JSON.stringify(summary.failedChecks)}, ${summary.passedChecks} checks passed, ` +
        `statuses ${JSON.stringify(summary.statuses)}; exit ${result.exitCode}; log ${path.join(dir, `${name}.log`)}\n`,
    );
    return { ...result, ...summary };
  }

  /**
   * Schemathesis exits 1 on a finding and on an error of its own. One of its own is known here: CPython 3.11's
   * `ast.parse` may raise "AST constructor recursion depth mismatch" while Hypothesis describes a lambda for its
   * report (seen once in 9,000 requests). The run had checked every request (server errors and failed checks are
   * asserted from the reports above), so that one error, alone, is tolerated.
   */
  function exitedClean(run: { exitCode: number | null; output: string }): boolean {
    if (run.exitCode === 0) return true;
    const errors = run.output.slice(run.output.lastIndexOf('Errors:')).match(/🚫 [^\n]*: \d+/g) ?? [];
    return (
      /AST constructor recursion depth mismatch/.test(run.output) &&
      errors.length === 1 &&
      errors[0] === '🚫 Runtime Error: 1'
    );
  }

  it(
    'finds no server error and no answer outside the OpenAPI document (admin token, all operations)',
    async () => {
      const run = await fuzz('admin', DEMO_TOKENS.admin, BUDGET.adminSeconds, ['--exclude-tag', 'intake']);
      expect(run.requests).toBeGreaterThan(300);
      expect(run.serverErrors, run.output.slice(-6000)).toBe(0);
      expect(run.failedChecks, run.output.slice(-6000)).toEqual({});
      expect(exitedClean(run), run.output.slice(-6000)).toBe(true);
    },
    (BUDGET.adminSeconds + 120) * 1000,
  );

  it(
    'finds no server error and no answer outside the document (portal token, intake)',
    async () => {
      const run = await fuzz('portal', DEMO_TOKENS.portal, BUDGET.portalSeconds, ['--include-tag', 'intake']);
      expect(run.requests).toBeGreaterThan(50);
      expect(run.serverErrors, run.output.slice(-6000)).toBe(0);
      expect(run.failedChecks, run.output.slice(-6000)).toEqual({});
      expect(exitedClean(run), run.output.slice(-6000)).toBe(true);
    },
    (BUDGET.portalSeconds + 120) * 1000,
  );
});
