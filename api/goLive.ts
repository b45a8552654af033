// The go-live state machine (draft -> test -> pilot -> live): which step is possible, and why not.
import type { Pool } from '../db/pool';
import { RoutingError, resolveRoute } from '../db/routing';
import {
  GO_LIVE_STATES,
  configHash,
  getGoLive,
  goLiveHistory,
  setGoLiveState,
  type GoLiveRecord,
  type GoLiveState,
} from '../db/goLive';
import { appendProtocol } from '../db/protocol';

/** One precondition a transition misses: a stable code and what to do about it (German-free API text). */
export interface Unmet {
  code: string;
  message: string;
}

export interface GoLiveView extends GoLiveRecord {
  configHash: string | null;
  /** The last passing test plan ran against the current configuration. */
  passValid: boolean;
  /** Live, but the configuration changed since the last pass (or none was recorded): run the test plan again. */
  retestRequired: boolean;
  transitions: { to: GoLiveState; possible: boolean; unmet: Unmet[] }[];
}

const rank = (s: GoLiveState) => GO_LIVE_STATES.indexOf(s);

/** What blocks the transition; empty when it is possible. Steps back (to take a service offline) always are. */
export async function unmetPreconditions(
  pool: Pool,
  record: GoLiveRecord,
  hash: string | null,
  to: GoLiveState,
): Promise<Unmet[]> {
  if (to === record.state) return [{ code: 'same-state', message: `The service is already in state ${to}.` }];
  if (rank(to) < rank(record.state)) return [];
  const unmet: Unmet[] = [];
  if (rank(to) > rank(record.state) + 1) {
    const next = GO_LIVE_STATES[rank(record.state) + 1]!;
    unmet.push({
      code: 'state-order',
      message: `States cannot be skipped: go from ${record.state} to ${next} first (draft -> test -> pilot -> live).`,
    });
  }
  if (hash === null) {
    unmet.push({
      code: 'no-binding',
      message: `Municipality ${record.ars} has no binding for service ${record.leikaId}; create one first.`,
    });
    return unmet;
  }
  if (to === 'test') unmet.push(...(await configurationComplete(pool, record)));
  if (to === 'pilot' || to === 'live') unmet.push(...testPlanPassed(record, hash));
  return unmet;
}

/** The configuration must route and deliver: the route resolves, the office has a postal address, rules exist. */
async function configurationComplete(pool: Pool, record: GoLiveRecord): Promise<Unmet[]> {
  let route;
  try {
    route = await resolveRoute(pool, record.leikaId, record.ars);
  } catch (error) {
    if (error instanceof RoutingError) return [{ code: 'route', message: error.message }];
    throw error;
  }
  const unmet: Unmet[] = [];
  if (!route.officeAddress)
    unmet.push({
      code: 'office-address',
      message: `Office ${route.officeId} has no postal address; notices need one (PATCH /api/v1/admin/offices/${route.officeId}).`,
    });
  if (route.mail && !route.officeEmail)
    unmet.push({
      code: 'office-email',
      message: `Office ${route.officeId} has no e-mail address, which the mail system ${route.mail.systemId} sends to (PATCH /api/v1/admin/offices/${route.officeId}).`,
    });
  if (route.fachverfahren) {
    const rule = await pool.query(
      `SELECT 1 FROM rule_activations WHERE leika_id = $1 AND message_type = 'application' AND target_format = $2 LIMIT 1`,
      [record.leikaId, route.fachverfahren.messageFormat],
    );
    if (!rule.rowCount)
      unmet.push({
        code: 'no-rule',
        message: `No active integration rule delivers applications of ${record.leikaId} in format ${route.fachverfahren.messageFormat} to ${route.fachverfahren.productName}; activate one in the rule depot.`,
      });
  }
  return unmet;
}

function testPlanPassed(record: GoLiveRecord, hash: string): Unmet[] {
  if (!record.passedConfigHash) {
    const last =
      record.lastRunAccepted === false
        ? ` The last run (${record.lastRunAt}) failed: ${failedCases(record.lastReport)}.`
        : '';
    return [
      {
        code: 'test-plan-not-passed',
        message: `The test plan has not passed for this configuration; run it (POST .../test-run).${last}`,
      },
    ];
  }
  if (record.passedConfigHash !== hash)
    return [
      {
        code: 'configuration-changed',
        message: `The configuration changed after the test plan passed at ${record.passedAt}; run the test plan again.`,
      },
    ];
  if (record.lastRunAccepted === false && record.lastRunConfigHash === hash)
    return [
      {
        code: 'test-plan-failed',
        message: `The last run of the test plan against this configuration failed: ${failedCases(record.lastReport)}.`,
      },
    ];
  return [];
}

function failedCases(report: unknown): string {
  const cases = (report as { cases?: { name: string; passed: boolean }[] } | null)?.cases ?? [];
  const failed = cases.filter((c) => !c.passed).map((c) => `"${c.name}"`);
  return failed.length ? failed.join(', ') : 'no case ran';
}

/**
 * The record as it stands now. A pilot whose configuration changed since its test pass goes back to test
 * (recorded like any transition): only a configuration that passed may keep receiving pilot submissions.
 */
export async function currentGoLive(pool: Pool, ars: string, leikaId: string): Promise<GoLiveView> {
  let record = await getGoLive(pool, ars, leikaId);
  const hash = await configHash(pool, ars, leikaId);
  if (record.state === 'pilot' && hash !== null && record.passedConfigHash !== hash) {
    await transition(
      pool,
      record,
      'test',
      'system',
      'configuration changed after the test plan passed',
      hash,
    );
    record = await getGoLive(pool, ars, leikaId);
  }
  const transitions = [];
  for (const to of GO_LIVE_STATES.filter((s) => s !== record.state)) {
    const unmet = await unmetPreconditions(pool, record, hash, to);
    transitions.push({ to, possible: unmet.length === 0, unmet });
  }
  const passValid = hash !== null && record.passedConfigHash === hash;
  return {
    ...record,
    configHash: hash,
    passValid,
    retestRequired: record.state === 'live' && !passValid,
    transitions,
  };
}

/** Moves the state and writes the protocol entry (ids and states only); false if someone else moved it first. */
export async function transition(
  pool: Pool,
  record: GoLiveRecord,
  to: GoLiveState,
  actor: string,
  reason: string,
  hash: string | null,
): Promise<boolean> {
  const moved = await setGoLiveState(pool, record, record.state, to, actor, reason, hash);
  if (moved)
    await appendProtocol(pool, {
      step: 'admin',
      outcome: 'ok',
      ars: record.ars,
      leikaId: record.leikaId,
      detail: { action: 'go-live', from: record.state, to, configHash: hash },
    });
  return moved;
}

export { goLiveHistory };
