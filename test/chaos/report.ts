// The chaos run's report as text: figures first, then every violated assertion.
import type { ChaosReport } from './run';

/** The report as text: figures first, then every violated assertion. */
export function summarise(r: ChaosReport): string {
  const f = r.findings;
  const phases = new Map<string, number>();
  for (const c of r.cases) phases.set(c.phase, (phases.get(c.phase) ?? 0) + 1);
  // 409: the case's state did not allow it (yet); anything else refused input the forms allow.
  const refusals = r.cases.flatMap((c) => c.refusals).filter((x) => !/ 409 /.test(x));
  const conflicts = r.cases.flatMap((c) => c.refusals).filter((x) => / 409 /.test(x)).length;
  const byLevel = [1, 2, 3, 4]
    .map((l) => `L${l} ${r.cases.filter((c) => c.plan.level === l).length}`)
    .join(', ');
  const byBundle = ['trade', 'street-use', 'civil-status']
    .map((b) => `${b} ${r.cases.filter((c) => c.plan.bundle === b).length}`)
    .join(', ');
  const kinds = new Map<string, number>();
  for (const kind of r.admin.incidentsSeen.values()) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  const incidentKinds = [...kinds].map(([k, n]) => `${k} x${n}`).join(', ');
  const lines = [
    `=== chaos run ${r.size}, seed ${r.seed}: ${r.violations.length === 0 ? 'PASSED' : 'FAILED'} ===`,
    `duration ${(r.durationMs / 1000).toFixed(0)} s (cases ${(r.casesMs / 1000).toFixed(0)} s); data ${r.dataDir}${r.violations.length === 0 ? ' (removed)' : ''}`,
    `cases ${r.cases.length}: ${byLevel}; ${byBundle}`,
    `  document requests ${r.cases.reduce((n, c) => n + c.requested, 0)}, supplements ${r.cases.reduce((n, c) => n + c.supplementRounds.length, 0)}, decisions approve ${r.cases.filter((c) => c.decided === 'approved').length} / reject ${r.cases.filter((c) => c.decided === 'rejected').length}, objections ${r.cases.filter((c) => c.objected).length}`,
    `  conflicts (409, state moved on): ${conflicts}; refused (4xx other than 409): ${refusals.length}${refusals.length ? ` e.g. ${refusals.slice(0, 3).join(' | ')}` : ''}`,
    `faults: ${r.faults.workerKills} worker SIGKILLs; ${r.faults.log.map((l) => `+${(l.at / 1000).toFixed(0)}s ${l.what}`).join('; ')}`,
    `admin: ${r.admin.parkedSeen.size} deliveries parked, ${r.admin.deliveryRetries} retried; incident API ${r.admin.incidentApi ? 'present' : 'absent'}, ${r.admin.incidentsSeen.size} incidents (${incidentKinds}), ${r.admin.incidentRetries} retries`,
    `API 5xx/network errors while parts restarted: ${Object.values(r.apiErrors).reduce((a, b) => a + b, 0)}`,
    `workflows Failed/Terminated/TimedOut: ${f.badWorkflows.length}`,
    `cases completed ${f.completedCases}, waiting ${f.waitingCases.length} (${[...new Set(f.waitingCases.map((w) => w.phase))].join(', ')}), lost ${f.lostCases.length}`,
    `final phases: ${[...phases].map(([p, n]) => `${p} ${n}`).join(', ')}`,
    `messages to Fachverfahren and DMS: ${f.receipts.expected} required, ${f.receipts.stored} stored; missing ${f.receipts.missing.length}, duplicates ${f.receipts.duplicates.length}, unexpected ${f.receipts.unexpected.length}`,
    `protocol: ${f.protocol.intact ? 'intact' : `BROKEN ${f.protocol.detail}`}`,
    ...f.waitingCases
      .slice(0, 10)
      .map((w) => `  waiting ${w.applicationId}: ${w.status}/${w.phase} – ${w.text}`),
    ...r.violations.slice(0, 40).map((v) => `  VIOLATION ${v}`),
  ];
  if (r.violations.length > 40) lines.push(`  ... and ${r.violations.length - 40} more`);
  return lines.join('\n');
}
