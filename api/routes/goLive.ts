// Go-live per municipality x service: state, the reasons a step is not possible, transitions, test plan runs.
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { scopeOf } from '../municipalScope';
import type { Principal } from '../auth';
import { currentGoLive, goLiveHistory, transition, unmetPreconditions } from '../goLive';
import { GO_LIVE_STATES, configHash, listGoLive, recordTestRun, type GoLiveState } from '../../db/goLive';
import { ensureToken, hashToken } from '../../db/tokens';
import { newToken } from '../auth';
import { runTestPlan } from '../../demo/testPlanRunner';
import { MUNICIPALITY_QUERY, SERVICE_QUERY, listedMunicipality } from './adminFilters';

const BASE = '/api/v1/admin/go-live';

export function goLiveRoutes({ pool, temporal, config }: AppDeps) {
  /** Test plan runs under way in this process, by ars-leikaId. */
  const running = new Set<string>();
  const runAndRecord = async (ars: string, leikaId: string, hash: string, actor: string) => {
    // A token of its own, removed afterwards: the run needs a portal identity in every mode.
    const token = newToken();
    await ensureToken(pool, token, { role: 'portal', label: `test plan ${ars}-${leikaId}` });
    let report;
    try {
      report = await runTestPlan(
        { pool, temporal, apiUrl: config.integrations.publicApiUrl, portalToken: token },
        leikaId,
        ars,
      );
    } finally {
      await pool.query('DELETE FROM api_tokens WHERE token_hash = $1', [hashToken(token)]);
    }
    const changed = (await configHash(pool, ars, leikaId)) !== hash;
    const result = report
      ? { ...report, accepted: report.accepted && !changed, configurationChangedDuringRun: changed }
      : {
          service: leikaId,
          municipality: ars,
          passed: 0,
          failed: 0,
          accepted: false,
          cases: [],
          noTestPlan: true,
        };
    await recordTestRun(
      pool,
      { ars, leikaId },
      { accepted: result.accepted, configHash: hash, report: result },
      actor,
    );
  };
  /** The binding's record as the caller may see it: another municipality's is "not found". */
  const visible = async (principal: Principal, ars: string, leikaId: string) => {
    const scope = scopeOf(principal);
    const binding = await pool.query('SELECT 1 FROM bindings WHERE ars = $1 AND leika_id = $2', [
      ars,
      leikaId,
    ]);
    if ((scope !== undefined && scope !== ars) || !binding.rowCount)
      throw new Problem(
        'not-found',
        `No binding of service ${leikaId} in municipality ${ars}; see GET /api/v1/admin/bindings.`,
      );
    return currentGoLive(pool, ars, leikaId);
  };
  return [
    route({
      method: 'get',
      path: BASE,
      tag: 'go-live',
      roles: ['admin', 'municipal-admin'],
      summary: "Go-live state of every binding (a municipal administrator's: its municipality's)",
      query: {
        municipality: MUNICIPALITY_QUERY,
        service: SERVICE_QUERY,
        state: { type: 'string', description: 'draft, test, pilot, live', enum: [...GO_LIVE_STATES] },
      },
      responses: { 200: { description: 'Records' } },
      handler: async ({ query, principal }) => {
        const items = await listGoLive(pool, {
          ars: listedMunicipality(principal, query),
          leikaId: query.service,
          state: query.state,
        });
        return { body: { items } };
      },
    }),
    route({
      method: 'get',
      path: `${BASE}/:ars/:serviceId`,
      tag: 'go-live',
      roles: ['admin', 'municipal-admin'],
      summary: 'Go-live of one service in one municipality: state, each possible step or why not, history',
      responses: { 200: { description: 'Record with transitions and history' } },
      handler: async ({ params, principal }) => {
        const view = await visible(principal, params.ars!, params.serviceId!);
        const history = await goLiveHistory(pool, view.ars, view.leikaId);
        const names = await pool.query(
          `SELECT (SELECT name FROM services WHERE leika_id = $1) AS service,
                  (SELECT name FROM municipalities WHERE ars = $2) AS municipality`,
          [view.leikaId, view.ars],
        );
        return {
          body: {
            ...view,
            serviceName: names.rows[0].service,
            municipalityName: names.rows[0].municipality,
            running: running.has(`${view.ars}-${view.leikaId}`),
            history,
          },
        };
      },
    }),
    route<{ to: GoLiveState }>({
      method: 'post',
      path: `${BASE}/:ars/:serviceId/transitions`,
      tag: 'go-live',
      roles: ['admin', 'municipal-admin'],
      summary: 'Move to another go-live state (audited); 409 lists every unmet precondition',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['to'],
        properties: { to: { type: 'string', enum: [...GO_LIVE_STATES] } },
      },
      responses: {
        200: { description: 'Moved; the record as it stands now' },
        409: {
          description: 'Not possible now: errors[] lists the unmet preconditions',
          schema: problemSchema,
        },
      },
      handler: async ({ params, principal, body }) => {
        const view = await visible(principal, params.ars!, params.serviceId!);
        const unmet = await unmetPreconditions(pool, view, view.configHash, body.to);
        if (unmet.length)
          throw new Problem(
            'go-live-blocked',
            `${view.state} -> ${body.to} is not possible: ${unmet.map((u) => u.message).join(' ')}`,
            unmet.map((u) => ({ path: u.code, message: u.message })),
          );
        const moved = await transition(pool, view, body.to, principal.label, 'requested', view.configHash);
        if (!moved)
          throw new Problem('go-live-blocked', 'Someone else changed the state at the same time; reload.', [
            { path: 'concurrent-change', message: 'The state changed meanwhile.' },
          ]);
        return { body: await currentGoLive(pool, view.ars, view.leikaId) };
      },
    }),
    route({
      method: 'post',
      path: `${BASE}/:ars/:serviceId/test-run`,
      tag: 'go-live',
      roles: ['admin', 'municipal-admin'],
      summary:
        'Start the test plan against exactly this configuration (test submissions); the result shows in the record',
      responses: {
        202: { description: 'Started; GET the record until running is false' },
        409: { description: 'Still a draft, or a run is already under way', schema: problemSchema },
      },
      handler: async ({ params, principal }) => {
        const view = await visible(principal, params.ars!, params.serviceId!);
        if (view.state === 'draft' || view.configHash === null)
          throw new Problem(
            'go-live-blocked',
            'The test plan runs in state test or later; move the service to test first.',
            [{ path: 'state-order', message: `The state is ${view.state}.` }],
          );
        const key = `${view.ars}-${view.leikaId}`;
        if (running.has(key))
          throw new Problem('go-live-blocked', 'The test plan is already running for this service.', [
            { path: 'running', message: 'Wait for the running test plan.' },
          ]);
        running.add(key);
        // Runs take up to a minute (each valid message must reach the office): the caller polls the record.
        const hash = view.configHash;
        void runAndRecord(view.ars, view.leikaId, hash, principal.label)
          // A run that broke off is a failed run: recorded, so the record never shows a stale pass as fresh.
          .catch((error: unknown) =>
            recordTestRun(
              pool,
              view,
              {
                accepted: false,
                configHash: hash,
                report: { accepted: false, cases: [], error: String(error).slice(0, 300) },
              },
              principal.label,
            ).catch(() => {}),
          )
          .finally(() => running.delete(key));
        return { status: 202, body: { running: true } };
      },
    }),
  ];
}
