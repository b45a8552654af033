// Events on the real server: message and timer waits through signals and Temporal timers, boundary events
// that cancel real activities, BPMN errors from real activity failures. Case-by-case semantics: test/bpmn-engine.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bpmnError } from '../../activities/serviceTasks';
import { duration, el, model, processDef } from './support/builder';
import { startBpmnWorker, type BpmnWorker } from './support/bpmnWorker';
import { errorBoundaries, reviewDeadline, startEventOutputs } from '../support/bpmnModels';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({
    'register-lookup': async ({ variables }) => {
      if (variables.company === 'unknown')
        throw bpmnError('NOT_REGISTERED', 'Firma nicht im Register', { reason: 'no entry' });
      if (variables.company === 'broken') throw bpmnError('REGISTER_DOWN');
      return { registered: true };
    },
    remind: async ({ variables }) => ({ reminders: Number(variables.reminders ?? 0) + 1 }),
    publish: async ({ elementId }) => ({ published: elementId }),
  });
});
afterAll(async () => w.stop());

describe('start events', () => {
  test('a message start event starts the process with the message variables', async () => {
    const p = processDef(
      'msgStart',
      [el.start('s', { type: 'message', message: { name: 'applied' } }), el.end('e')],
      ['s->e'],
    );
    const handle = await w.start(model(p));
    expect((await w.state(handle)).waits).toEqual([
      { elementId: 's', type: 'message', messageName: 'applied' },
    ]);
    await w.message(handle, { name: 'applied', variables: { applicant: 'Erika' } });
    expect(await handle.result()).toMatchObject({ state: 'completed', variables: { applicant: 'Erika' } });
  });

  test('output mappings of a start event set variables at the start, FEEL now() included', async () => {
    const p = startEventOutputs('=string(now())');
    const before = Date.now();
    const result = await (await w.start(model(p))).result();
    expect(result.variables.channel).toBe('fixed');
    expect(Date.parse(String(result.variables.referenceId).replace(/\[.*\]$/, ''))).toBeGreaterThanOrEqual(
      before - 5000,
    );
  });
});

describe('intermediate events', () => {
  test('a timer catch event waits for its FEEL duration', async () => {
    const p = processDef(
      'wait',
      [el.start('s'), el.timer('t', duration('=duration("PT" + string(seconds) + "S")')), el.end('e')],
      ['s->t', 't->e'],
    );
    const handle = await w.start(model(p), { seconds: 1 });
    const view = await w.state(handle);
    expect(view.waits[0]).toMatchObject({ elementId: 't', type: 'timer' });
    const history = async () => (await handle.fetchHistory()).events ?? [];
    await handle.result();
    expect((await history()).some((e) => e.timerFiredEventAttributes)).toBe(true);
  });
  test('a message catch event continues with the message variables', async () => {
    const p = processDef(
      'catch',
      [el.start('s'), el.message('m', 'paid', '=invoice'), el.end('e')],
      ['s->m', 'm->e'],
    );
    const handle = await w.start(model(p), { invoice: 'R-1' });
    await w.message(handle, { name: 'paid', correlationKey: 'R-1', variables: { amount: 12.5 } });
    expect((await handle.result()).variables).toEqual({ invoice: 'R-1', amount: 12.5 });
  });
});

describe('boundary events', () => {
  test('an interrupting boundary timer cancels a waiting user task and closes the caseworker task', async () => {
    // given a user task with a 1-second interrupting timer leading to an escalation path
    const p = reviewDeadline('PT1S');
    const handle = await w.start(model(p));
    const taskId = await w.openTask(handle, 'review');
    // when nobody completes the task in time
    const result = await handle.result();
    // then the process took the timer path and the caseworker task is cancelled
    expect(result.endEventId).toBe('overdue');
    expect(w.tasks.get(taskId)?.status).toBe('cancelled');
    // and completing it now is rejected
    await expect(w.completeTask(handle, taskId)).rejects.toThrow();
  });
  const errorModel = errorBoundaries();

  test.each([
    ['ACME', 'ok'],
    ['unknown', 'rejected'],
    ['broken', 'technical'],
  ])(
    'a service task for %s ends at %s: error boundaries catch BPMN errors by code, a code-less one catches the rest',
    async (company, end) => {
      const result = await (await w.start(model(errorModel), { company })).result();
      expect(result).toMatchObject({ state: 'completed', endEventId: end });
      if (company === 'unknown') expect(result.variables.reason).toBe('no entry');
    },
  );
});

describe('end events', () => {
  test('a terminate end event ends the process and cancels other branches', async () => {
    const p = processDef(
      'term',
      [el.start('s'), el.and('fork'), el.user('review'), el.end('stop', { type: 'terminate' })],
      ['s->fork', 'fork->review', 'fork->stop'],
    );
    const handle = await w.start(model(p));
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'terminated', endEventId: 'stop' });
    const task = [...w.tasks.values()].find((t) => t.request.workflowId === handle.workflowId);
    // The task's open activity was already under way: the task is opened, then closed again.
    expect(task?.status).toBe('cancelled');
  });
});
