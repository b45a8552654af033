// Given the route table, every role (and no token, a wrong token) and four targets (own office, another office
// of the municipality, another municipality, a case the office participates in), when each cell is called on
// a real hub, then the answer is what test/access/policy.ts says: foreign cases 404, no or wrong token 401,
// wrong role 403, and lists leave out what the caller may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, FAST_TIMING, type TestHub } from '../support/testHub';
import { allRoutes } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { createMetrics } from '../../api/metrics';
import type { Role } from '../../api/auth';
import { DEMO_ARS, DEMO_ARS_2, DEMO_OFFICE, DEMO_TOKENS } from '../../demo/seed';
import { makeFixtures, type Fixtures } from './fixtures';
import { requestFor } from './requests';
import { CALLERS, TARGETS, expectation, policyFor, type Caller, type Expectation } from './policy';

const TENANT_GROUPS = new Set([
  'cases',
  'tasks',
  'configuration (municipal)',
  'tokens',
  'operations (municipal)',
]);

describe('access matrix', () => {
  let hub: TestHub;
  let fixtures: Fixtures;
  const tokenOf = (caller: Caller): string | null =>
    ({
      'no token': null,
      'wrong token': 'not-a-token-of-this-hub-0123456789',
      portal: DEMO_TOKENS.portal,
      applicant: fixtures['own office'].accessToken,
      caseworker: DEMO_TOKENS.caseworker,
      'municipal-admin': DEMO_TOKENS.adminRadebeul,
      admin: DEMO_TOKENS.admin,
    })[caller];

  beforeAll(async () => {
    // Statements stay open for the whole run.
    hub = await startTestHub({ config: { caseTiming: { ...FAST_TIMING, participationMs: 900_000 } } });
    fixtures = await makeFixtures(hub);
  }, 180_000);
  afterAll(async () => hub?.stop());

  it('a participating office sees its statement task with what it needs, not the case', async () => {
    const p = fixtures['participating office'];
    const task = await hub.call('GET', `/api/v1/tasks/${encodeURIComponent(p.taskId)}`, {
      token: DEMO_TOKENS.caseworker,
    });
    expect(task.status).toBe(200);
    expect(task.body.case).toMatchObject({
      applicationId: p.applicationId,
      handlingOffice: { id: 'coswig-buergeramt' },
      attachments: [{ filename: 'Lageplan.pdf' }],
    });
    expect(task.body.case.formData.businessName).toBeTruthy();
    expect(JSON.stringify(task.body)).not.toContain('erika@example.org');
    const listed = await hub.call('GET', `/api/v1/tasks?applicationId=${p.applicationId}&status=open`, {
      token: DEMO_TOKENS.caseworker,
    });
    expect(listed.body.items.map((t: any) => t.id)).toEqual([p.taskId]);
    const viaTask = await hub.call(
      'GET',
      `/api/v1/tasks/${encodeURIComponent(p.taskId)}/attachments/${task.body.case.attachments[0].id}`,
      { token: DEMO_TOKENS.caseworker },
    );
    expect(viaTask.status).toBe(200);
    expect(viaTask.body).toBe('%PDF-1.4 plan');
    expect(viaTask.headers.get('content-disposition')).toMatch(/^attachment; filename="Lageplan.pdf"/);
    for (const path of ['', '/status', `/documents/${p.documentId}`, `/attachments/${p.attachmentId}`])
      expect(
        (
          await hub.call('GET', `/api/v1/applications/${p.applicationId}${path}`, {
            token: DEMO_TOKENS.caseworker,
          })
        ).status,
      ).toBe(404);
    // The handling office's own view shows the full record.
    const own = await hub.call('GET', `/api/v1/applications/${p.applicationId}`, {
      token: DEMO_TOKENS.caseworkerCoswig,
    });
    expect(own.status).toBe(200);
    expect(own.body.applicant.email).toBe('erika@example.org');
  });

  it('a token of two offices sees both offices’ cases and tasks, and no third', async () => {
    const issued = await hub.call('POST', '/api/v1/admin/tokens', {
      token: DEMO_TOKENS.adminRadebeul,
      body: { role: 'caseworker', label: 'Springerin', officeIds: [DEMO_OFFICE, 'radebeul-bauamt'] },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const see = async (target: keyof Fixtures) =>
      (
        await hub.call('GET', `/api/v1/applications/${fixtures[target].applicationId}/status`, {
          token: issued.body.token,
        })
      ).status;
    expect(await see('own office')).toBe(200);
    expect(await see('other office, same municipality')).toBe(200);
    expect(await see('other municipality')).toBe(404);
    const tasks = await hub.call('GET', '/api/v1/tasks', { token: issued.body.token });
    const offices = new Set(tasks.body.items.map((t: any) => t.officeId));
    expect(offices).toEqual(new Set([DEMO_OFFICE, 'radebeul-bauamt']));
    // Issuing is audited (without the secret) and visible to the municipality's administrator.
    const audit = await hub.call('GET', `/api/v1/admin/audit?entity=tokens&entityId=${issued.body.id}`, {
      token: DEMO_TOKENS.adminRadebeul,
    });
    expect(audit.body.items).toMatchObject([
      {
        action: 'create',
        actor: 'Demo-Administration Radebeul',
        after: { officeIds: ['radebeul-bauamt', DEMO_OFFICE] },
      },
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(issued.body.token);
    const revoked = await hub.call('DELETE', `/api/v1/admin/tokens/${issued.body.id}`, {
      token: DEMO_TOKENS.adminRadebeul,
    });
    expect(revoked.status).toBe(204);
    expect((await hub.call('GET', '/api/v1/tasks', { token: issued.body.token })).status).toBe(401);
  });

  it('a municipal administrator binds only its own offices and its own or shared systems', async () => {
    const token = DEMO_TOKENS.adminRadebeul;
    const bind = (body: Record<string, unknown>) =>
      hub.call('PATCH', `/api/v1/admin/bindings/${DEMO_ARS}-99086004000002`, { token, body });
    expect((await bind({ officeId: 'coswig-buergeramt' })).status).toBe(422);
    expect((await bind({ fachverfahrenSystemId: 'coswig-fv' })).status).toBe(422);
    expect((await bind({ fachverfahrenSystemId: 'demo-amtsdesk' })).status).toBe(200);
    expect((await bind({ ars: DEMO_ARS_2 })).status).toBe(403);
    // Shared systems (no municipality) are listed, but only operators change them.
    const systems = await hub.call('GET', '/api/v1/admin/systems', { token });
    const ids = systems.body.items.map((s: any) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['radebeul-gewerbepro', 'demo-amtsdesk']));
    expect(ids).not.toContain('coswig-fv');
    expect(
      (
        await hub.call('PATCH', '/api/v1/admin/systems/demo-amtsdesk', {
          token,
          body: { endpoint: 'http://x.example' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await hub.call('POST', '/api/v1/admin/tokens', { token, body: { role: 'admin', label: 'x' } })).status,
    ).toBe(403);
    // An operator token cannot be narrowed by an ars (it would silently stay an operator's).
    const narrowed = { role: 'admin', label: 'x', ars: DEMO_ARS };
    expect((await hub.call('POST', '/api/v1/admin/tokens', { body: narrowed })).status).toBe(422);
    expect(
      (
        await hub.call('POST', '/api/v1/admin/tokens', {
          token,
          body: { role: 'municipal-admin', label: 'x', ars: DEMO_ARS_2 },
        })
      ).status,
    ).toBe(403);
    const municipalities = await hub.call('GET', '/api/v1/admin/municipalities', { token });
    expect(municipalities.body.items.map((m: any) => m.ars)).toEqual([DEMO_ARS]);
    // Asking the protocol for another municipality finds nothing; the operator finds its rows.
    const coswigRows = `/api/v1/admin/protocol?municipality=${DEMO_ARS_2}`;
    expect((await hub.call('GET', coswigRows, { token })).body.items).toEqual([]);
    expect((await hub.call('GET', coswigRows)).body.items.length).toBeGreaterThan(0);
    const own = (await hub.call('GET', '/api/v1/admin/protocol', { token })).body.items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r: any) => r.ars === DEMO_ARS)).toBe(true);
  });

  it('walks every route × caller × target of the route table', async () => {
    // The hub's own parts: route factories may read their dependencies when the table is built.
    const deps: AppDeps = {
      config: hub.config,
      pool: hub.pool,
      temporal: hub.temporal,
      metrics: createMetrics(),
    };
    const routes = allRoutes(deps);
    const failures: string[] = [];
    const figures = new Map<string, { cells: number; allowed: number; denied: number }>();
    for (const spec of routes) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      const policy = policyFor(spec.method, spec.path);
      if (!policy) {
        failures.push(`${key}: not in the access model (test/access/policy.ts); classify it`);
        continue;
      }
      const sorted = (r: Role[] | 'public') => (r === 'public' ? r : [...r].sort().join(','));
      if (sorted(spec.roles) !== sorted(policy.roles))
        failures.push(`${key}: route admits ${sorted(spec.roles)}, the access model ${sorted(policy.roles)}`);
      const tally = figures.get(policy.group) ?? { cells: 0, allowed: 0, denied: 0 };
      figures.set(policy.group, tally);
      for (const target of TARGETS) {
        let baseline: number | undefined;
        for (const caller of CALLERS) {
          const req = await requestFor(hub, fixtures, spec.method.toUpperCase(), spec.path, target);
          const answer = await hub.call(spec.method.toUpperCase(), req.path, {
            token: tokenOf(caller),
            body: req.body,
          });
          const want = expectation(policy, caller, target);
          baseline ??= answer.status;
          const problem = judge(
            want,
            answer.status,
            answer.body,
            req.found,
            baseline,
            TENANT_GROUPS.has(policy.group),
          );
          tally.cells++;
          if (want.kind === 'allowed' || want.kind === 'public') tally.allowed++;
          else tally.denied++;
          if (problem)
            failures.push(
              `${key} [${caller} → ${target}] ${req.path}: ${problem} (got ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)})`,
            );
        }
      }
    }
    const total = [...figures.values()].reduce(
      (a, b) => ({ cells: a.cells + b.cells, allowed: a.allowed + b.allowed, denied: a.denied + b.denied }),
      { cells: 0, allowed: 0, denied: 0 },
    );
    const lines = [...figures].map(
      ([group, f]) =>
        `  ${group.padEnd(28)} ${String(f.cells).padStart(5)} ${String(f.allowed).padStart(7)} ${String(f.denied).padStart(6)}`,
    );
    process.stdout.write(
      `\n[access matrix] ${routes.length} routes × ${CALLERS.length} callers × ${TARGETS.length} targets\n` +
        `  ${'group'.padEnd(28)} ${'cells'.padStart(5)} ${'allowed'.padStart(7)} ${'denied'.padStart(6)}\n` +
        `${lines.join('\n')}\n  ${'total'.padEnd(28)} ${String(total.cells).padStart(5)} ${String(total.allowed).padStart(7)} ${String(total.denied).padStart(6)}\n` +
        `  mismatches: ${failures.length}\n`,
    );
    expect(failures).toEqual([]);
    expect(total.cells).toBe(routes.length * CALLERS.length * TARGETS.length);
  }, 600_000);
});

/** Why an answer does not meet the expectation, or undefined if it does. */
function judge(
  want: Expectation,
  status: number,
  body: unknown,
  found: ((body: any) => boolean) | undefined,
  baseline: number,
  tenant: boolean,
): string | undefined {
  if (status >= 500) return 'server error';
  switch (want.kind) {
    case 'public':
      return status === baseline && status !== 401
        ? undefined
        : `public route answered ${status}, not ${baseline}`;
    case 'status':
      return status === want.status ? undefined : `expected ${want.status}`;
    case 'filtered':
      if (status !== 200) return 'expected 200 without the target';
      return found?.(body) ? 'the list shows a foreign record' : undefined;
    case 'allowed':
      if (found) return status === 200 && found(body) ? undefined : 'the list lacks the target';
      if (status === 401 || status === 403) return 'refused an allowed caller';
      // Tenant routes get existing records and valid bodies, so an allowed caller gets through to the case,
      // which may still refuse the action (409) or the form output (422).
      if (tenant && !(status < 300 || status === 409 || status === 422))
        return 'expected success, 409 or 422';
      return undefined;
  }
}
