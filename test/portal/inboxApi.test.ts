// Given 45 open tasks in one office and 5 in another, when caseworkers page, sort and search their inbox
// through GET /api/v1/tasks, then pages never overlap, together give exactly the office's tasks, follow the
// requested order, and never show another office's task; bad paging parameters are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_ARS, DEMO_OFFICE, DEMO_TOKENS } from '../../demo/seed';
import { openTask } from '../../db/tasks';
import { submit, tradeSubmission, waitForTask } from '../lifecycle/caseDriver';

const COSWIG_OFFICE = 'coswig-buergeramt';

describe('the inbox API: server-side filter, sort and pages', () => {
  let hub: TestHub;
  let applicationId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const c = await submit(hub, tradeSubmission());
    await waitForTask(hub, c, 'review');
    applicationId = c.applicationId;
    // Tasks as the office's workflows open them (same table, same function), many more than one page.
    for (let i = 0; i < 50; i++) {
      const office = i < 45 ? DEMO_OFFICE : COSWIG_OFFICE;
      await openTask(hub.pool, {
        id: `inbox-task-${String(i).padStart(3, '0')}`,
        applicationId,
        ars: office === DEMO_OFFICE ? DEMO_ARS : '146270010010',
        officeId: office,
        leikaId: '99050012104000',
        workflowId: `${applicationId}/extra`,
        elementId: 'Task_Extra',
        kind: 'review',
        title: i % 2 === 0 ? `Gewerbe prüfen ${i}` : `Unterlagen sichten ${i}`,
        dueAt: new Date(Date.UTC(2027, 0, 1 + ((i * 7) % 50))).toISOString(),
      });
    }
  });
  afterAll(async () => hub?.stop());

  const page = async (query: string, token: string = DEMO_TOKENS.caseworker) => {
    const res = await hub.call('GET', `/api/v1/tasks?${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      items: { id: string; officeId: string; dueAt: string; title: string }[];
      total: number;
    };
  };

  it('pages through the office tasks without overlap or gaps, in the requested order', async () => {
    const seen: string[] = [];
    const dues: string[] = [];
    for (let offset = 0; offset < 60; offset += 20) {
      const p = await page(`sort=dueAt&order=desc&limit=20&offset=${offset}`);
      expect(p.total).toBe(46); // 45 inserted + the real review task
      seen.push(...p.items.map((t) => t.id));
      dues.push(...p.items.map((t) => t.dueAt ?? ''));
      expect(p.items.every((t) => t.officeId === DEMO_OFFICE)).toBe(true);
    }
    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);
    // Descending by due date; the task without a due date last (NULLS LAST).
    const withDue = dues.filter(Boolean);
    expect(withDue).toEqual([...withDue].sort().reverse());
    expect(dues.at(-1)).toBe('');
  });

  it('searches titles and case numbers and keeps other offices out', async () => {
    // Case-insensitive: "unterlagen" finds "Unterlagen sichten" (odd i below 45).
    const odd = await page('q=unterlagen&limit=100');
    expect(odd.items.every((t) => t.title.startsWith('Unterlagen sichten'))).toBe(true);
    expect(odd.total).toBe(22);
    expect((await page(`q=${applicationId}&limit=5`)).total).toBe(46);
    const coswig = await page('limit=100', DEMO_TOKENS.caseworkerCoswig);
    expect(coswig.items.map((t) => t.id).sort()).toEqual([
      'inbox-task-045',
      'inbox-task-046',
      'inbox-task-047',
      'inbox-task-048',
      'inbox-task-049',
    ]);
  });

  it('refuses sort keys, orders and page sizes it does not know with 400', async () => {
    for (const query of [
      'sort=title;DROP TABLE tasks',
      'order=sideways',
      'limit=0',
      'limit=501',
      'offset=-1',
    ]) {
      const res = await hub.call('GET', `/api/v1/tasks?${query}`, { token: DEMO_TOKENS.caseworker });
      expect(res.status, query).toBe(400);
      expect(res.body.detail).toMatch(/parameter/);
    }
  });
});
