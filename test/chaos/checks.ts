// What the chaos run asserts at its end: no workflow Failed/Terminated/TimedOut (Temporal visibility), every
// case completed or waiting with a stated reason, every message received exactly once by the Fachverfahren
// and the DMS (counted from what the demo servers stored per idempotency key), the protocol intact.
import fs from 'node:fs';
import type { Client } from '@temporalio/client';
import type { ApiClient } from './api';
import type { CaseOutcome } from './caseActor';

export interface BadWorkflow {
  workflowId: string;
  type: string;
  status: string;
  failure: string;
}

export interface Findings {
  badWorkflows: BadWorkflow[];
  completedCases: number;
  waitingCases: { applicationId: string; status: string; phase: string; text: string }[];
  lostCases: { applicationId: string; why: string }[];
  receipts: {
    expected: number;
    stored: number;
    missing: string[];
    duplicates: string[];
    unexpected: string[];
  };
  protocol: { intact: boolean; detail: string };
  /** Incidents still open at the end, although every fault was undone and retried. */
  openIncidents: { id: string; step: string; errorType: string; message: string }[];
}

/** Lists workflows in a terminal bad state and reads why they ended from their history. */
async function badWorkflows(temporal: Client): Promise<BadWorkflow[]> {
  const found: BadWorkflow[] = [];
  for (const status of ['Failed', 'Terminated', 'TimedOut']) {
    for await (const wf of temporal.workflow.list({ query: `ExecutionStatus="${status}"` })) {
      let failure = '';
      try {
        const history = await temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
        const end = history.events?.at(-1);
        const cause =
          end?.workflowExecutionFailedEventAttributes?.failure ??
          end?.workflowExecutionTimedOutEventAttributes ??
          end?.workflowExecutionTerminatedEventAttributes;
        const chain: string[] = [];
        for (
          let f = cause as { message?: string | null; cause?: unknown } | undefined | null;
          f;
          f = f.cause as typeof f
        )
          if (f.message) chain.push(f.message);
        failure = chain.join(' <- ') || JSON.stringify(cause ?? {}).slice(0, 300);
      } catch (error) {
        failure = `history unavailable: ${String(error)}`;
      }
      found.push({ workflowId: wf.workflowId, type: wf.type, status, failure });
    }
  }
  return found;
}

/** Counts the stored receipts of one journal by idempotency key. */
function countKeys(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!fs.existsSync(file)) return counts;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const key = (JSON.parse(line) as { idempotencyKey: string | null }).idempotencyKey ?? '(no key)';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      continue;
    }
  }
  return counts;
}

const AFTER_NOTICE = new Set([
  'notice-delivered',
  'notice-by-post',
  'appeal-period',
  'final',
  'objection',
  'objection-decided',
  'archived',
]);

/** The messages each system must have received from a case: [journal, key, required]. */
function expectedMessages(c: CaseOutcome & { applicationId: string }): [string, string, boolean][] {
  if (c.plan.level < 2) return [];
  const id = c.applicationId;
  const out: [string, string, boolean][] = [];
  // Every level-2+ case has reached its targets once the office has it (in-review or later).
  const delivered =
    c.phase !== 'submitted' && c.phase !== 'received' && c.phase !== 'awaiting-payment' && c.phase !== 'paid';
  const messages: [string, boolean][] = [
    ['application/0', delivered],
    ...c.supplementRounds.map((r) => [`supplement/${r}`, true] as [string, boolean]),
    ...c.supplementRoundsUncertain.map((r) => [`supplement/${r}`, false] as [string, boolean]),
  ];
  if (c.plan.fachverfahren)
    for (const [m, req] of messages) out.push([c.plan.fachverfahren, `${id}/${m}/fachverfahren`, req]);
  for (const [m, req] of messages) out.push(['dms', `${id}/${m}/dms`, req]);
  out.push(['dms', `${id}/notice/0/dms`, AFTER_NOTICE.has(c.phase)]);
  out.push(['dms', `${id}/record/0/dms`, c.phase === 'archived']);
  out.push(['dms', `${id}/closing/0/dms`, c.phase === 'archived']);
  return out;
}

/** Runs every end-of-run check. */
export async function check(
  temporal: Client,
  api: ApiClient,
  cases: CaseOutcome[],
  journals: Record<'gewerbepro' | 'amtsdesk' | 'dms', string>,
): Promise<Findings> {
  const counts = {
    gewerbepro: countKeys(journals.gewerbepro),
    amtsdesk: countKeys(journals.amtsdesk),
    dms: countKeys(journals.dms),
  } as Record<string, Map<string, number>>;

  const findings: Findings = {
    badWorkflows: await badWorkflows(temporal),
    completedCases: 0,
    waitingCases: [],
    lostCases: [],
    receipts: { expected: 0, stored: 0, missing: [], duplicates: [], unexpected: [] },
    protocol: { intact: false, detail: '' },
    openIncidents: [],
  };

  const known = new Set<string>();
  for (const c of cases) {
    if (!c.applicationId) continue;
    const id = c.applicationId;
    let workflowStatus = 'unknown';
    try {
      workflowStatus = (await temporal.workflow.getHandle(id).describe()).status.name;
    } catch (error) {
      findings.lostCases.push({ applicationId: id, why: `no workflow: ${String(error)}` });
      continue;
    }
    const s = await api.call('GET', `/api/v1/applications/${id}/status`);
    if (s.status === 200) Object.assign(c, { phase: s.body.phase, status: s.body.status, text: s.body.text });
    if (workflowStatus === 'COMPLETED') findings.completedCases += 1;
    else if (workflowStatus === 'RUNNING' && s.status === 200 && c.phase && c.text)
      findings.waitingCases.push({ applicationId: id, status: c.status, phase: c.phase, text: c.text });
    else
      findings.lostCases.push({
        applicationId: id,
        why: `workflow ${workflowStatus}, status answer ${s.status}`,
      });

    for (const [journal, key, required] of expectedMessages(c as CaseOutcome & { applicationId: string })) {
      known.add(`${journal} ${key}`);
      const n = counts[journal]!.get(key) ?? 0;
      if (required) findings.receipts.expected += 1;
      if (n > 1) findings.receipts.duplicates.push(`${journal} ${key} x${n}`);
      if (n === 0 && required) findings.receipts.missing.push(`${journal} ${key}`);
    }
  }
  const ids = new Set(cases.map((c) => c.applicationId).filter(Boolean));
  for (const [journal, keys] of Object.entries(counts)) {
    for (const [key, n] of keys) {
      findings.receipts.stored += n;
      if (ids.has(key.split('/')[0]) && !known.has(`${journal} ${key}`))
        findings.receipts.unexpected.push(`${journal} ${key} x${n}`);
    }
  }

  const incidents = await api.call('GET', '/api/v1/admin/incidents?state=open');
  findings.openIncidents = ((incidents.status === 200 ? incidents.body.items : []) as any[]).map((i) => ({
    id: i.id,
    step: i.step,
    errorType: i.errorType ?? i.error_type ?? '',
    message: String(i.message ?? '').slice(0, 200),
  }));

  const verify = await api.call('GET', '/api/v1/admin/protocol/verify');
  findings.protocol = {
    intact: verify.status === 200 && verify.body?.intact === true,
    detail: JSON.stringify(verify.body).slice(0, 300),
  };
  return findings;
}

/** The assertions; each failed one is a line of the returned list. */
export function violations(
  f: Findings,
  cases: CaseOutcome[],
  faultsFailed: string[],
  misconfigurationIncidents: number,
): string[] {
  const out: string[] = [...faultsFailed];
  if (misconfigurationIncidents === 0)
    out.push(
      'the misconfigured office met no case: no incident to retry (try another seed or a larger size)',
    );
  for (const w of f.badWorkflows)
    out.push(`workflow ${w.workflowId} (${w.type}) ended ${w.status}: ${w.failure}`);
  for (const c of f.lostCases) out.push(`case ${c.applicationId} lost: ${c.why}`);
  for (const c of cases.filter((c) => !c.applicationId))
    out.push(`case #${c.index} was refused at intake: ${c.refusals.join('; ')}`);
  for (const m of f.receipts.missing) out.push(`message never received: ${m}`);
  for (const m of f.receipts.duplicates) out.push(`message received more than once: ${m}`);
  for (const m of f.receipts.unexpected) out.push(`message nobody expected: ${m}`);
  for (const i of f.openIncidents)
    out.push(
      `incident still open after every fault was undone: ${i.id} at ${i.step}: ${i.errorType} ${i.message}`,
    );
  if (!f.protocol.intact) out.push(`protocol verification failed: ${f.protocol.detail}`);
  return out;
}
