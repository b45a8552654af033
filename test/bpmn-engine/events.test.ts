// Events without a server: start (none, message, timer), intermediate catch/throw (timer, message, link,
// escalation), boundary events (timer, message, error, escalation; interrupting and not), end events.
import { describe, expect, test } from 'vitest';
import { bpmnError } from '../../activities/serviceTasks';
import { cycle, duration, el, model, processDef, scope } from '../bpmn-interpreter/support/builder';
import { runProcess, type Handler } from './support/harness';
import { errorBoundaries, reviewDeadline, startEventOutputs } from '../support/bpmnModels';

const handlers: Record<string, Handler> = {
  'register-lookup': ({ variables }) => {
    if (variables.company === 'unknown')
      throw bpmnError('NOT_REGISTERED', 'Firma nicht im Register', { reason: 'no entry' });
    if (variables.company === 'broken') throw bpmnError('REGISTER_DOWN');
    if (variables.company === 'crash') throw new Error('connection refused');
    return { registered: true };
  },
  remind: ({ variables }) => ({ reminders: Number(variables.reminders ?? 0) + 1 }),
  publish: ({ elementId }) => ({ published: elementId }),
};
const MINUTE = 60_000;

describe('start events', () => {
  test('a message start event waits for its message and starts with the message variables', () => {
    const p = processDef(
      'msgStart',
      [el.start('s', { type: 'message', message: { name: 'applied' } }), el.end('e')],
      ['s->e'],
    );
    const h = runProcess(model(p));
    expect(h.view().waits).toEqual([{ elementId: 's', type: 'message', messageName: 'applied' }]);
    h.message({ name: 'other' });
    expect(h.result).toBeUndefined();
    h.message({ name: 'applied', variables: { applicant: 'Erika' } });
    expect(h.result).toMatchObject({ state: 'completed', variables: { applicant: 'Erika' } });
  });

  test('of two message start events the first message decides, the other subscription goes', () => {
    const p = processDef(
      'twoStarts',
      [
        el.start('byMail', { type: 'message', message: { name: 'mail' } }),
        el.start('byPortal', { type: 'message', message: { name: 'portal' } }),
        el.end('e1'),
        el.end('e2'),
      ],
      ['byMail->e1', 'byPortal->e2'],
    );
    const h = runProcess(model(p));
    h.message({ name: 'portal' });
    expect(h.result?.endEventId).toBe('e2');
  });

  test('an explicit start event id starts there', () => {
    const p = processDef(
      'chosen',
      [el.start('a'), el.start('b', { type: 'message', message: { name: 'm' } }), el.end('ea'), el.end('eb')],
      ['a->ea', 'b->eb'],
    );
    expect(runProcess(model(p), {}, { startEventId: 'b' }).result?.endEventId).toBe('eb');
  });

  test('output mappings of a start event set variables at the start', () => {
    const p = startEventOutputs('=prefix + "-1"');
    expect(runProcess(model(p), { prefix: 'GA' }).result?.variables).toEqual({
      prefix: 'GA',
      referenceId: 'GA-1',
      channel: 'fixed',
    });
  });

  test('a timer start event starts the process when it is due, not before', () => {
    const p = processDef(
      'timerStart',
      [el.start('s', { type: 'timer', timer: duration('PT1H') }), el.end('e')],
      ['s->e'],
    );
    const h = runProcess(model(p));
    h.advance(59 * MINUTE);
    expect(h.result).toBeUndefined();
    h.advance(MINUTE);
    expect(h.result?.state).toBe('completed');
  });
});

describe('intermediate events', () => {
  test('a timer catch event waits for its FEEL duration', () => {
    const p = processDef(
      'wait',
      [el.start('s'), el.timer('t', duration('=duration("PT" + string(minutes) + "M")')), el.end('e')],
      ['s->t', 't->e'],
    );
    const h = runProcess(model(p), { minutes: 5 });
    expect(h.view().waits[0]).toMatchObject({
      elementId: 't',
      type: 'timer',
      dueAt: new Date(h.now() + 5 * MINUTE).toISOString(),
    });
    h.advance(5 * MINUTE - 1);
    expect(h.result).toBeUndefined();
    h.advance(1);
    expect(h.result?.state).toBe('completed');
  });

  test('a timer date in the past fires at once', () => {
    const p = processDef(
      'past',
      [
        el.start('s'),
        el.timer('t', { kind: 'date', expression: '2020-01-01T00:00:00+01:00[Europe/Berlin]' }),
        el.end('e'),
      ],
      ['s->t', 't->e'],
    );
    expect(runProcess(model(p)).result?.state).toBe('completed');
  });

  test('a timer date in the future fires at that instant', () => {
    const p = processDef(
      'date',
      [el.start('s'), el.timer('t', { kind: 'date', expression: '2026-01-05T10:00:00+01:00' }), el.end('e')],
      ['s->t', 't->e'],
    );
    const h = runProcess(model(p), {}, { now: Date.parse('2026-01-05T08:00:00Z') });
    h.advance(59 * MINUTE);
    expect(h.result).toBeUndefined();
    h.advance(MINUTE);
    expect(h.result?.state).toBe('completed');
  });

  test('a duration that is not ISO-8601 is an incident, not a silent zero', () => {
    const p = processDef(
      'bad',
      [el.start('s'), el.timer('t', duration('5 minutes')), el.end('e')],
      ['s->t', 't->e'],
    );
    const h = runProcess(model(p));
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 't', code: 'FEEL_ERROR', state: 'open' }]);
    expect(h.view().waits).toEqual([]);
  });

  test('a message catch event takes only the message with its correlation key', () => {
    const p = processDef(
      'catch',
      [el.start('s'), el.message('m', 'paid', '=invoice'), el.end('e')],
      ['s->m', 'm->e'],
    );
    const h = runProcess(model(p), { invoice: 'R-1' });
    h.message({ name: 'paid', correlationKey: 'R-2', variables: { amount: 99 } });
    expect(h.result).toBeUndefined();
    h.message({ name: 'paid', correlationKey: 'R-1', variables: { amount: 12.5 } });
    expect(h.result?.variables).toEqual({ invoice: 'R-1', amount: 12.5 });
  });

  test('a message that arrives before its catch event is buffered and taken when the event opens', () => {
    const p = processDef(
      'early',
      [el.start('s'), el.user('first'), el.message('m', 'paid'), el.end('e')],
      ['s->first', 'first->m', 'm->e'],
    );
    const h = runProcess(model(p));
    h.message({ name: 'paid', variables: { amount: 1 } });
    expect(h.view().bufferedMessages).toBe(1);
    h.complete('first');
    expect(h.result).toMatchObject({ state: 'completed', variables: { amount: 1 } });
  });

  test('a link throw event continues at the link catch event of the same name', () => {
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
    expect(runProcess(model(p), {}, { handlers }).result?.variables).toEqual({ published: 'after' });
  });

  test('a link throw event without a catch event of its name is an incident', () => {
    const p = processDef(
      'noLink',
      [
        el.start('s'),
        { id: 'goto', kind: 'intermediateThrowEvent', trigger: { type: 'link', name: 'nowhere' } },
      ],
      ['s->goto'],
    );
    const h = runProcess(model(p));
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 'goto', code: 'NO_LINK_TARGET', state: 'open' }]);
  });

  test('a message throw event with a job type runs it like a send task', () => {
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
    const h = runProcess(model(p), {}, { handlers });
    expect(h.result?.variables).toEqual({ published: 'notify' });
    expect(h.calls.map((c) => c.elementId)).toEqual(['notify']);
  });
});

describe('boundary events', () => {
  const deadline = reviewDeadline('P2D');

  test('an interrupting boundary timer cancels a waiting user task and closes the caseworker task', () => {
    const h = runProcess(model(deadline));
    const task = h.openTask('review');
    h.advance(2 * 24 * 60 * MINUTE);
    expect(h.result?.endEventId).toBe('overdue');
    expect(task.status).toBe('cancelled');
    // completing it now is rejected
    expect(() => h.complete(task.taskId)).toThrow(/not open/);
  });

  test('a task completed in time disarms its boundary timer', () => {
    const h = runProcess(model(deadline));
    h.advance(60 * MINUTE);
    h.complete('review', { ok: true });
    expect(h.result).toMatchObject({ endEventId: 'done', variables: { ok: true } });
    expect(h.log.filter((l) => l.startsWith('timer-'))).toHaveLength(1);
    expect(h.openTask.bind(h, 'review')).toThrow();
  });

  test('a non-interrupting boundary timer cycle fires each interval while the task stays open', () => {
    const p = processDef(
      'reminders',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('tick', 'review', { type: 'timer', timer: cycle('R2/PT1H') }, false),
        el.service('remind', 'remind'),
        el.end('reminded'),
        el.end('done'),
      ],
      ['s->review', 'review->done', 'tick->remind', 'remind->reminded'],
    );
    const h = runProcess(model(p), {}, { handlers });
    h.advance(60 * MINUTE);
    expect(h.view().variables.reminders).toBe(1);
    h.advance(5 * 60 * MINUTE);
    expect(h.view().variables.reminders).toBe(2);
    expect(h.view().waits).toEqual([]);
    h.complete('review', { ok: true });
    expect(h.result).toMatchObject({ endEventId: 'done', variables: { reminders: 2, ok: true } });
    expect(h.tasks[0]?.status).toBe('completed');
  });

  test('an interrupting message boundary event cancels the task when the message comes', () => {
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
    const h = runProcess(model(p), { caseId: 'K-1' });
    const task = h.openTask('review');
    h.message({ name: 'withdraw', correlationKey: 'K-1', variables: { reason: 'Antrag zurückgezogen' } });
    expect(h.result).toMatchObject({
      endEventId: 'cancelled',
      variables: { reason: 'Antrag zurückgezogen' },
    });
    expect(task.status).toBe('cancelled');
  });

  test('an interrupting boundary event on a running service task cancels the job; its late result is ignored', () => {
    const p = processDef(
      'slowLookup',
      [
        el.start('s'),
        el.service('lookup', 'slow'),
        el.boundary('timeout', 'lookup', { type: 'timer', timer: duration('PT5M') }),
        el.end('ok'),
        el.end('timedOut'),
      ],
      ['s->lookup', 'lookup->ok', 'timeout->timedOut'],
    );
    const h = runProcess(model(p), {}, { manual: ['slow'] });
    h.advance(5 * MINUTE);
    expect(h.result?.endEventId).toBe('timedOut');
    expect(h.log.some((l) => l.startsWith('cancelJob'))).toBe(true);
    expect(h.waitingJobs).toEqual([]);
  });

  const errorModel = errorBoundaries();

  test.each([
    ['ACME', 'ok'],
    ['unknown', 'rejected'],
    ['broken', 'technical'],
  ])(
    'a service task for %s ends at %s: error boundaries catch BPMN errors by code, a code-less one catches the rest',
    (company, end) => {
      const result = runProcess(model(errorModel), { company }, { handlers }).result;
      expect(result).toMatchObject({ state: 'completed', endEventId: end });
      if (company === 'unknown') expect(result?.variables.reason).toBe('no entry');
    },
  );

  test('a technical failure is no BPMN error: error boundaries do not catch it, it is an incident', () => {
    const h = runProcess(model(errorModel), { company: 'crash' }, { handlers });
    // the process waits at the element for an administrator's retry or resolution
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([
      { elementId: 'lookup', code: 'TASK_FAILED', message: 'connection refused', state: 'open' },
    ]);
  });

  test('an escalation thrown in a sub-process is caught by a non-interrupting boundary event, the sub-process goes on', () => {
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
    expect(runProcess(model(p), {}, { handlers }).result?.variables).toEqual({
      published: 'work',
      reminders: 1,
    });
  });

  test('an interrupting escalation boundary cancels the sub-process', () => {
    const inner = scope(
      'inner',
      [el.start('is'), el.end('up', { type: 'escalation', code: 'UP' }), el.user('never')],
      ['is->up'],
    );
    const p = processDef(
      'escalateHard',
      [
        el.start('s'),
        el.sub('sub', inner),
        el.boundary('caught', 'sub', { type: 'escalation', code: 'UP' }, true),
        el.end('normal'),
        el.end('escalated'),
      ],
      ['s->sub', 'sub->normal', 'caught->escalated'],
    );
    expect(runProcess(model(p)).result?.endEventId).toBe('escalated');
  });
});

describe('end events', () => {
  test('a terminate end event ends the process and cancels other branches', () => {
    const p = processDef(
      'term',
      [el.start('s'), el.and('fork'), el.user('review'), el.end('stop', { type: 'terminate' })],
      ['s->fork', 'fork->review', 'fork->stop'],
    );
    const h = runProcess(model(p));
    expect(h.result).toMatchObject({ state: 'terminated', endEventId: 'stop' });
    // The task's open activity was already under way: the task is opened, then closed again.
    expect(h.tasks.map((t) => t.status)).toEqual(['cancelled']);
  });

  test('an error end event nobody catches fails the process with its code; it is no incident', () => {
    const p = processDef(
      'err',
      [el.start('s'), el.end('boom', { type: 'error', code: 'E42', message: 'kaputt' })],
      ['s->boom'],
    );
    const result = runProcess(model(p)).result;
    expect(result).toMatchObject({
      state: 'failed',
      error: { code: 'E42', message: 'kaputt', elementId: 'boom' },
    });
    expect(result?.error?.incident).toBeUndefined();
  });

  test('an escalation end event nobody catches just ends its token', () => {
    const p = processDef('esc', [el.start('s'), el.end('up', { type: 'escalation', code: 'X' })], ['s->up']);
    expect(runProcess(model(p)).result).toMatchObject({ state: 'completed', endEventId: 'up' });
  });

  test('the process completes only when its last token ends', () => {
    const p = processDef(
      'twoEnds',
      [el.start('s'), el.and('fork'), el.end('quick'), el.user('slow'), el.end('late')],
      ['s->fork', 'fork->quick', 'fork->slow', 'slow->late'],
    );
    const h = runProcess(model(p));
    expect(h.result).toBeUndefined();
    h.complete('slow');
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'late' });
  });
});
