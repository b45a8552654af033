// Events: start (none, message, timer), intermediate catch/throw (timer, message, link, escalation),
// boundary events (timer, message, error, escalation; interrupting and not), end events.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bpmnError } from '../../activities/serviceTasks';
import { cycle, duration, el, model, processDef, scope } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';

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
    const p = processDef(
      'startOut',
      [
        {
          ...el.start('s'),
          ioMapping: {
            inputs: [],
            outputs: [
              { source: '=string(now())', target: 'referenceId' },
              { source: 'fixed', target: 'channel' },
            ],
          },
        } as never,
        el.end('e'),
      ],
      ['s->e'],
    );
    const before = Date.now();
    const result = await (await w.start(model(p))).result();
    expect(result.variables.channel).toBe('fixed');
    expect(Date.parse(String(result.variables.referenceId).replace(/\[.*\]$/, ''))).toBeGreaterThanOrEqual(
      before - 5000,
    );
  });

  test('a timer start event starts the process when it is due', async () => {
    const p = processDef(
      'timerStart',
      [el.start('s', { type: 'timer', timer: duration('PT1S') }), el.end('e')],
      ['s->e'],
    );
    const started = Date.now();
    const result = await (await w.start(model(p))).result();
    expect(result.state).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
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

  test('a timer date in the past fires at once', async () => {
    const p = processDef(
      'past',
      [
        el.start('s'),
        el.timer('t', { kind: 'date', expression: '2020-01-01T00:00:00+01:00[Europe/Berlin]' }),
        el.end('e'),
      ],
      ['s->t', 't->e'],
    );
    expect((await (await w.start(model(p))).result()).state).toBe('completed');
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

  test('a link throw event continues at the link catch event of the same name', async () => {
    const p = processDef(
      'links',
      [
        el.start('s'),
        { id: 'goto', kind: 'intermediateThrowEvent', trigger: { type: 'link', name: 'page2' } },
        { id: 'land', kind: 'intermediateCatchEvent', trigger: { type: 'link', name: 'page2' } },
        el.service('after', 'publish'),
        el.end('e'),
      ],
      ['s->goto', 'land->after', 'after->e'],
    );
    expect((await (await w.start(model(p))).result()).variables).toEqual({ published: 'after' });
  });

  test('a message throw event with a job type runs it like a send task', async () => {
    const p = processDef(
      'throwMsg',
      [
        el.start('s'),
        {
          id: 'notify',
          kind: 'intermediateThrowEvent',
          trigger: { type: 'message', message: { name: 'n' } },
          binding: { taskType: 'publish', headers: {}, retries: 1 },
        },
        el.end('e', { type: 'message', message: { name: 'done' } }),
      ],
      ['s->notify', 'notify->e'],
    );
    expect((await (await w.start(model(p))).result()).variables).toEqual({ published: 'notify' });
  });
});

describe('boundary events', () => {
  test('an interrupting boundary timer cancels a waiting user task and closes the caseworker task', async () => {
    // given a user task with a 1-second interrupting timer leading to an escalation path
    const p = processDef(
      'deadline',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('late', 'review', { type: 'timer', timer: duration('PT1S') }),
        el.end('done'),
        el.end('overdue'),
      ],
      ['s->review', 'review->done', 'late->overdue'],
    );
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

  test('a non-interrupting boundary timer cycle fires each interval while the task stays open', async () => {
    // given a user task with a non-interrupting R2/PT1S reminder
    const p = processDef(
      'reminders',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('tick', 'review', { type: 'timer', timer: cycle('R2/PT1S') }, false),
        el.service('remind', 'remind'),
        el.end('reminded'),
        el.end('done'),
      ],
      ['s->review', 'review->done', 'tick->remind', 'remind->reminded'],
    );
    const handle = await w.start(model(p));
    const taskId = await w.openTask(handle, 'review');
    // when the cycle has run out
    await until(
      async () => ((await w.state(handle)).variables.reminders === 2 ? true : undefined),
      'two reminders',
      10_000,
    );
    expect((await w.state(handle)).waits).toEqual([]);
    // then the task is still open and completes normally
    await w.completeTask(handle, taskId, { ok: true });
    const result = await handle.result();
    expect(result).toMatchObject({ endEventId: 'done', variables: { reminders: 2, ok: true } });
    expect(w.tasks.get(taskId)?.status).toBe('completed');
  });

  test('an interrupting message boundary event cancels the task when the message comes', async () => {
    const p = processDef(
      'withdraw',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('withdrawn', 'review', {
          type: 'message',
          message: { name: 'withdraw', correlationKey: '=caseId' },
        }),
        el.end('done'),
        el.end('cancelled'),
      ],
      ['s->review', 'review->done', 'withdrawn->cancelled'],
    );
    const handle = await w.start(model(p), { caseId: 'K-1' });
    const taskId = await w.openTask(handle, 'review');
    await w.message(handle, {
      name: 'withdraw',
      correlationKey: 'K-1',
      variables: { reason: 'Antrag zurückgezogen' },
    });
    const result = await handle.result();
    expect(result).toMatchObject({ endEventId: 'cancelled', variables: { reason: 'Antrag zurückgezogen' } });
    expect(w.tasks.get(taskId)?.status).toBe('cancelled');
  });

  const errorModel = processDef(
    'errors',
    [
      el.start('s'),
      el.service('lookup', 'register-lookup'),
      el.boundary('notRegistered', 'lookup', { type: 'error', code: 'NOT_REGISTERED' }),
      el.boundary('anyError', 'lookup', { type: 'error' }),
      el.end('ok'),
      el.end('rejected'),
      el.end('technical'),
    ],
    ['s->lookup', 'lookup->ok', 'notRegistered->rejected', 'anyError->technical'],
  );

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

  test('an escalation thrown in a sub-process is caught by a non-interrupting boundary event, the sub-process goes on', async () => {
    const inner = scope(
      'inner',
      [
        el.start('is'),
        { id: 'raise', kind: 'intermediateThrowEvent', trigger: { type: 'escalation', code: 'LATE' } },
        el.service('work', 'publish'),
        el.end('ie'),
      ],
      ['is->raise', 'raise->work', 'work->ie'],
    );
    const p = processDef(
      'escalate',
      [
        el.start('s'),
        el.sub('sub', inner),
        el.boundary('escalated', 'sub', { type: 'escalation', code: 'LATE' }, false),
        el.service('inform', 'remind'),
        el.end('informed'),
        el.end('e'),
      ],
      ['s->sub', 'sub->e', 'escalated->inform', 'inform->informed'],
    );
    const result = await (await w.start(model(p))).result();
    expect(result.variables).toEqual({ published: 'work', reminders: 1 });
  });
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

  test('an error end event nobody catches fails the process with its code', async () => {
    const p = processDef(
      'err',
      [el.start('s'), el.end('boom', { type: 'error', code: 'E42', message: 'kaputt' })],
      ['s->boom'],
    );
    const result = await (await w.start(model(p))).result();
    expect(result).toMatchObject({
      state: 'failed',
      error: { code: 'E42', message: 'kaputt', elementId: 'boom' },
    });
    expect(result.error?.incident).toBeUndefined();
  });

  test('an escalation end event nobody catches just ends its token', async () => {
    const p = processDef('esc', [el.start('s'), el.end('up', { type: 'escalation', code: 'X' })], ['s->up']);
    expect(await (await w.start(model(p))).result()).toMatchObject({ state: 'completed', endEventId: 'up' });
  });
});
