// Runs a service's test plan through the public API and the real pipeline, and reports acceptance.
import type { Client } from '@temporalio/client';
import type { Pool } from '../db/pool';
import { testPlan } from './testPlans';

export interface TestCaseResult {
  name: string;
  expected: string;
  actual: string;
  passed: boolean;
  applicationId?: string;
}

export interface AcceptanceReport {
  service: string;
  municipality: string;
  passed: number;
  failed: number;
  accepted: boolean;
  cases: TestCaseResult[];
}

/** Waits until every delivery of the application succeeded (or one was parked). */
async function deliveryOutcome(pool: Pool, applicationId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await pool.query(`SELECT phase FROM application_status WHERE application_id = $1`, [
      applicationId,
    ]);
    const parked = await pool.query(
      `SELECT id, last_error FROM deliveries WHERE application_id = $1 AND status = 'parked'`,
      [applicationId],
    );
    if (parked.rows[0]) return `delivery parked: ${parked.rows[0].last_error}`;
    // A case paused at an incident (e.g. an office without e-mail address) never reaches the office.
    const incident = await pool.query(
      `SELECT step, message FROM incidents WHERE application_id = $1 AND state = 'open' LIMIT 1`,
      [applicationId],
    );
    if (incident.rows[0]) return `incident at ${incident.rows[0].step}: ${incident.rows[0].message}`;
    if (['in-review', 'participation'].includes(status.rows[0]?.phase)) {
      const delivered = await pool.query(
        `SELECT target FROM deliveries WHERE application_id = $1 AND status = 'delivered' ORDER BY target`,
        [applicationId],
      );
      return `accepted, delivered to ${delivered.rows.map((r) => r.target).join(' and ') || 'the office'}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'accepted, but not delivered in time';
}

export async function runTestPlan(
  deps: { pool: Pool; temporal: Client; apiUrl: string; portalToken: string },
  leikaId: string,
  ars: string,
): Promise<AcceptanceReport | undefined> {
  const plan = testPlan(leikaId, ars);
  if (!plan) return undefined;
  const cases: TestCaseResult[] = [];
  for (const message of plan) {
    const res = await fetch(`${deps.apiUrl}/api/v1/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deps.portalToken}`, 'content-type': 'application/json' },
      // Test submissions: taken before the service is live and counted in no usage figure.
      body: JSON.stringify({ ...message.body, test: true }),
    });
    const body = (await res.json()) as { applicationId?: string; type?: string; detail?: string };
    const expected = message.expect.accepted
      ? 'accepted and delivered'
      : `refused (${message.expect.problem})`;
    if (res.status === 202 && body.applicationId) {
      const actual = await deliveryOutcome(deps.pool, body.applicationId, 30_000);
      // Test applications must not linger in the office's task list.
      await deps.temporal.workflow
        .getHandle(body.applicationId)
        .terminate('test plan finished')
        .catch(() => {});
      await deps.pool.query(
        `UPDATE tasks SET status = 'cancelled', closed_at = now() WHERE application_id = $1 AND status = 'open'`,
        [body.applicationId],
      );
      cases.push({
        name: message.name,
        expected,
        actual,
        passed: message.expect.accepted && actual.startsWith('accepted, delivered'),
        applicationId: body.applicationId,
      });
    } else {
      const code = body.type?.split(':').pop() ?? String(res.status);
      cases.push({
        name: message.name,
        expected,
        actual: `refused (${code}): ${body.detail ?? ''}`,
        passed: !message.expect.accepted && code === message.expect.problem,
      });
    }
  }
  const passed = cases.filter((c) => c.passed).length;
  return {
    service: leikaId,
    municipality: ars,
    passed,
    failed: cases.length - passed,
    accepted: passed === cases.length,
    cases,
  };
}
