// The chaos run: a throwaway hub, cases drawn from a seeded PRNG, faults at random moments, then the checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TOKENS } from '../../demo/seed';
import { runAdmin, type AdminLog } from './admin';
import { createApiClient } from './api';
import { runCase, type CaseOutcome } from './caseActor';
import { check, violations, type Findings } from './checks';
import { runFaults, type FaultState } from './faults';
import { startChaosHub } from './hub';
import { bindingPatch, bindingPlans } from './plan';
import { createRandom } from './prng';
import { stopAllParts, stopPartsOnExit } from './processes';
import type { ChaosSize } from './sizes';

export interface ChaosReport {
  seed: number;
  size: ChaosSize['name'];
  dataDir: string;
  durationMs: number;
  casesMs: number;
  cases: CaseOutcome[];
  faults: FaultState;
  admin: AdminLog;
  apiErrors: Record<string, number>;
  findings: Findings;
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the chaos run of `size` with `seed`; never throws for a finding, only for a broken harness. */
export async function runChaos(
  size: ChaosSize,
  seed: number,
  say: (m: string) => void,
): Promise<ChaosReport> {
  const started = Date.now();
  const random = createRandom(seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `drehscheibe-chaos-${seed}-`));
  // PostgreSQL runs as the 'postgres' user when we are root; it must reach its data directory.
  fs.chmodSync(dataDir, 0o755);
  say(`chaos run: size ${size.name}, seed ${seed}, ${size.cases} cases; logs and state in ${dataDir}`);
  stopPartsOnExit();
  const hub = await startChaosHub(dataDir, size.caseTiming, size.workers, say).catch(
    async (error: unknown) => {
      await stopAllParts();
      throw error;
    },
  );
  let report: ChaosReport;
  try {
    const api = createApiClient(hub.apiUrl, DEMO_TOKENS.admin);
    const plans = bindingPlans();
    for (const plan of plans) {
      const patch = bindingPatch(plan);
      if (!patch) continue;
      const r = await api.call('PATCH', `/api/v1/admin/bindings/${plan.ars}-${plan.leikaId}`, {
        body: patch,
      });
      if (r.status !== 200)
        throw new Error(`binding ${plan.ars}-${plan.leikaId}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    say(`bindings: ${plans.length} (levels ${[...new Set(plans.map((p) => p.level))].sort().join(', ')})`);

    const casesStart = Date.now();
    const stopAt = casesStart + size.caseTimeLimitMs;
    const faults: FaultState = {
      failed: [],
      fachverfahrenDown: false,
      misconfigured: false,
      fixed: false,
      log: [],
      workerKills: 0,
    };
    const admin: AdminLog = {
      deliveryRetries: 0,
      incidentRetries: 0,
      incidentsSeen: new Map(),
      parkedSeen: new Set(),
      incidentApi: undefined,
    };
    let casesOver = false;
    const adminRun = runAdmin(api, faults, admin, () => casesOver);
    const faultRun = runFaults(hub, api, size, random.fork(1_000_000), faults, say);
    const outcomes: CaseOutcome[] = [];
    let finished = 0;
    const progress = setInterval(() => {
      const phases = new Map<string, number>();
      for (const c of outcomes) phases.set(c.phase, (phases.get(c.phase) ?? 0) + 1);
      say(
        `+${((Date.now() - casesStart) / 1000).toFixed(0)} s: ${finished}/${size.cases} archived; ${[...phases].map(([p, n]) => `${p} ${n}`).join(', ')}`,
      );
    }, 15_000);
    const runs = Array.from({ length: size.cases }, async (_, index) => {
      const caseRandom = random.fork(index);
      await sleep(caseRandom.int(0, size.submitOverMs));
      const plan = caseRandom.pick(plans);
      const outcome = await runCase({
        api,
        random: caseRandom,
        plan,
        index,
        runId: `chaos-${seed}-${started}`,
        requestDeadlineMs: size.requestDeadlineMs,
        pollMs: size.pollMs,
        stopAt,
        onStart: (o) => outcomes.push(o),
      });
      if (outcome.done) finished += 1;
      return outcome;
    });
    const cases = await Promise.all(runs);
    await faultRun;
    casesOver = true;
    await adminRun;
    clearInterval(progress);
    const casesMs = Date.now() - casesStart;
    say(`cases over after ${(casesMs / 1000).toFixed(0)} s; checking`);
    await sleep(2_000); // visibility is eventually consistent
    const findings = await check(hub.temporal, api, cases, hub.journals);
    report = {
      seed,
      size: size.name,
      dataDir,
      durationMs: Date.now() - started,
      casesMs,
      cases,
      faults,
      admin,
      apiErrors: Object.fromEntries(api.errors),
      findings,
      violations: violations(
        findings,
        cases,
        faults.failed,
        [...admin.incidentsSeen.values()].filter((kind) => kind.startsWith('notice ')).length,
      ),
    };
  } finally {
    await hub.stop().catch(async (error: unknown) => {
      say(`stopping the hub: ${String(error)}`);
      await stopAllParts();
    });
  }
  // A passed run leaves nothing behind; a failed one keeps its logs, journals and database for a look.
  if (report.violations.length === 0) fs.rmSync(dataDir, { recursive: true, force: true });
  return report;
}
