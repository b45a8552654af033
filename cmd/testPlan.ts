// `npm run test-plan -- <LeiKa key | all> [ARS]`: runs test plans against a running hub (npm start) and
// prints the acceptance report. DREHSCHEIBE_API_URL and DREHSCHEIBE_TOKEN override the demo defaults.
import { SERVICES } from '../db/seed/services';
import { DEMO_TOKENS } from '../demo/seed';
import type { AcceptanceReport } from '../demo/testPlanRunner';

const [which = 'all', municipality] = process.argv.slice(2);
const api = process.env.DREHSCHEIBE_API_URL ?? 'http://127.0.0.1:3000';
const token = process.env.DREHSCHEIBE_TOKEN ?? DEMO_TOKENS.admin;
const services = which === 'all' ? SERVICES.map((s) => s.leikaId) : [which];

let failed = 0;
for (const service of services) {
  const res = await fetch(`${api}/api/v1/admin/test-plans/${service}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(municipality ? { municipality } : {}),
  });
  if (!res.ok) {
    process.stdout.write(`${service}: ${res.status} ${await res.text()}\n`);
    failed++;
    continue;
  }
  const report = (await res.json()) as AcceptanceReport;
  const name = SERVICES.find((s) => s.leikaId === service)?.name ?? service;
  process.stdout.write(
    `\n${report.accepted ? 'ACCEPTED' : 'NOT ACCEPTED'}  ${name} (${service}) in ${report.municipality}: ${report.passed} passed, ${report.failed} failed\n`,
  );
  for (const c of report.cases)
    process.stdout.write(
      `  ${c.passed ? 'ok  ' : 'FAIL'} ${c.name}\n       expected ${c.expected}; got ${c.actual}\n`,
    );
  if (!report.accepted) failed++;
}
process.exit(failed ? 1 : 0);
