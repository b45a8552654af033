// Incidents for bad data or configuration stay open at their element: the process waits, an administrator
// retries (after fixing data) or resolves (skip, continue with values, throw a BPMN error).
import { describe, expect, test } from 'vitest';
import { duration, el, model, processDef } from '../bpmn-interpreter/support/builder';
import type { Node } from '../bpmn-interpreter/support/builder';
import { runProcess, type Handler } from './support/harness';

const handlers: Record<string, Handler> = {
  check: ({ variables }) => ({ checked: variables.document }),
  lookup: () => ({ amount: 'unknown' }),
};

const routing = processDef(
  'routing',
  [el.start('s'), el.xor('gw'), el.end('high'), el.end('low')],
  ['s->gw', ['gw', 'high', { condition: '=amount > 1000' }], ['gw', 'low', { condition: '=amount <= 1000' }]],
);

describe('incidents that stay open', () => {
  test('a gateway without a true condition waits; resolving with continue sets the data and routes again', () => {
    const h = runProcess(model(routing), { amount: null });
    expect(h.result).toBeUndefined();
    expect(h.view().tokens).toEqual([
      { instanceId: expect.any(String), elementId: 'gw', waitingFor: 'incident' },
    ]);
    expect(h.engine.openIncidents()).toMatchObject([{ elementId: 'gw', errorType: 'NO_OUTGOING_FLOW' }]);
    h.incidentAction(0, { action: 'resolve', resolution: { outcome: 'continue', value: { amount: 5000 } } });
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'high', variables: { amount: 5000 } });
    expect(h.incidents[0]?.state).toBe('resolved');
  });

  test('a retry with unchanged data raises a new incident; the first one is recorded as retried', () => {
    const h = runProcess(model(routing), { amount: null });
    h.incidentAction(0, { action: 'retry' });
    expect(h.result).toBeUndefined();
    expect(h.incidents.map((i) => [i.elementId, i.state])).toEqual([
      ['gw', 'retried'],
      ['gw', 'open'],
    ]);
    expect(h.incidents[0]?.incidentId).not.toBe(h.incidents[1]?.incidentId);
  });

  test('a FEEL error after a service task keeps the task’s result; retry only chooses the flow again', () => {
    const p = processDef(
      'after-task',
      [el.start('s'), el.service('fetch', 'lookup'), el.end('big'), el.end('small')],
      ['s->fetch', ['fetch', 'big', { condition: '=amount > 10' }], ['fetch', 'small', { isDefault: true }]],
    );
    // amount is the text 'unknown': `>` on a string and a number is null in FEEL, so the default flow holds;
    // an unparsable condition is the incident here.
    const broken = JSON.parse(JSON.stringify(model(p))) as ReturnType<typeof model>;
    const flow = Object.values(broken.processes['after-task']!.flows).find((f) => f.target === 'big')!;
    flow.condition = '=amount >';
    const h = runProcess(broken, {}, { handlers });
    expect(h.incidents).toMatchObject([{ elementId: 'fetch', code: 'FEEL_ERROR', state: 'open' }]);
    expect(h.calls).toHaveLength(1);
    expect(h.view().variables).toEqual({ amount: 'unknown' });
    h.incidentAction(0, { action: 'resolve', resolution: { outcome: 'skip' } });
    // skip completes the element again, so its flows are chosen again: still broken, a new incident, no rerun.
    expect(h.calls).toHaveLength(1);
    expect(h.incidents.map((i) => i.state)).toEqual(['resolved', 'open']);
    h.incidentAction(1, { action: 'resolve', resolution: { outcome: 'error', code: 'BROKEN' } });
    expect(h.result).toMatchObject({ state: 'failed', error: { code: 'BROKEN' } });
  });

  test('an input mapping that fails is an incident; the retry opens the boundary timer once, not twice', () => {
    const p = processDef(
      'inputs',
      [
        el.start('s'),
        el.user('review', {
          ioMapping: { inputs: [{ source: '=upper case(name', target: 'title' }], outputs: [] },
        }),
        el.boundary('late', 'review', { type: 'timer', timer: duration('PT1H') }, false),
        el.end('e'),
        el.end('e2'),
      ],
      ['s->review', 'review->e', 'late->e2'],
    );
    const h = runProcess(model(p), { name: 'x' });
    expect(h.incidents).toMatchObject([{ elementId: 'review', code: 'FEEL_ERROR' }]);
    expect(h.view().waits).toEqual([]);
    expect(h.tasks).toEqual([]);
    h.incidentAction(0, { action: 'retry' });
    expect(h.incidents.map((i) => i.state)).toEqual(['retried', 'open']);
    expect(h.view().waits).toEqual([]);
    h.incidentAction(1, { action: 'resolve', resolution: { outcome: 'skip' } });
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'e' });
  });

  test('a failed entry leaves no boundary timer armed; each retry arms it once and removes it again', () => {
    const p = processDef(
      'mi',
      [
        el.start('s'),
        el.service('verify', 'check', {
          multiInstance: { sequential: false, inputCollection: '=documents', inputElement: 'document' },
        }),
        el.boundary('late', 'verify', { type: 'timer', timer: duration('PT1H') }, false),
        el.end('e'),
        el.end('e2'),
      ],
      ['s->verify', 'verify->e', 'late->e2'],
    );
    const h = runProcess(model(p), { documents: 'nope' }, { handlers });
    expect(h.incidents).toMatchObject([{ elementId: 'verify', code: 'INVALID_COLLECTION', state: 'open' }]);
    expect(h.view().waits).toEqual([]);
    h.incidentAction(0, { action: 'retry' });
    expect(h.view().waits).toEqual([]);
    expect(h.log.filter((l) => l.startsWith('timer+'))).toHaveLength(2);
    expect(h.log.filter((l) => l.startsWith('timer-'))).toHaveLength(2);
    // Only a retry or a resolution moves it: time passing does not (no timer left to fire).
    h.advance(2 * 3_600_000);
    expect(h.result).toBeUndefined();
    expect(h.calls).toHaveLength(0);
    h.incidentAction(1, {
      action: 'resolve',
      resolution: { outcome: 'continue', value: { checked: 'by hand' } },
    });
    expect(h.result).toMatchObject({
      state: 'completed',
      endEventId: 'e',
      variables: { checked: 'by hand' },
    });
  });

  test('a script task with a FEEL error waits; skip completes it without result', () => {
    const script: Node = {
      id: 'calc',
      kind: 'scriptTask',
      script: { expression: '=1 +', resultVariable: 'sum' },
    };
    const p = processDef('script', [el.start('s'), script, el.end('e')], ['s->calc', 'calc->e']);
    const h = runProcess(model(p));
    expect(h.incidents).toMatchObject([{ elementId: 'calc', code: 'FEEL_ERROR', state: 'open' }]);
    expect(() =>
      h.incidentAction(0, { action: 'resolve', resolution: { outcome: 'close', message: 'x' } }),
    ).toThrow(/outcome "close" is for incidents of the case/);
    h.incidentAction(0, { action: 'resolve', resolution: { outcome: 'skip' } });
    expect(h.result).toMatchObject({ state: 'completed', variables: {} });
  });
});
