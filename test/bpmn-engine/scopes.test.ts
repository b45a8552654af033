// Scopes without a server: embedded sub-processes, event sub-processes, call activities (nested engines),
// multi-instance, and the state's way through continue-as-new.
import { describe, expect, test } from 'vitest';
import { bpmnError } from '../../activities/serviceTasks';
import { duration, el, model, processDef, scope } from '../bpmn-interpreter/support/builder';
import { runProcess, type Handler } from './support/harness';
import { parallelMultiInstance, subProcessWithMappings, withdrawalHandler } from '../support/bpmnModels';

const handlers: Record<string, Handler> = {
  check: ({ variables }) => {
    if (variables.document === 'forged') throw bpmnError('FORGED', 'Dokument gefälscht');
    return { checked: `${String(variables.document)} ok` };
  },
  count: ({ variables }) => ({ counted: Number(variables.counted ?? 0) + 1 }),
  notify: () => ({ notified: true }),
};
const MINUTE = 60_000;

describe('embedded sub-process', () => {
  test('runs its own start-to-end flow with local input variables and output mappings', () => {
    const p = subProcessWithMappings();
    // `document` stayed local to the sub-process; `checked` propagated and was mapped to `result`
    expect(runProcess(model(p), { upload: 'passport.pdf' }, { handlers }).result?.variables).toEqual({
      upload: 'passport.pdf',
      checked: 'passport.pdf ok',
      result: 'passport.pdf ok',
    });
  });

  test('an error end event inside is caught by an error boundary event on the sub-process', () => {
    const inner = scope(
      'inner',
      [el.start('is'), el.end('fail', { type: 'error', code: 'INCOMPLETE' })],
      ['is->fail'],
    );
    const p = processDef(
      'subErr',
      [
        el.start('s'),
        el.sub('sub', inner),
        el.boundary('caught', 'sub', { type: 'error', code: 'INCOMPLETE' }),
        el.end('ok'),
        el.end('incomplete'),
      ],
      ['s->sub', 'sub->ok', 'caught->incomplete'],
    );
    expect(runProcess(model(p)).result?.endEventId).toBe('incomplete');
  });

  test('a terminate end event inside ends only the sub-process', () => {
    const inner = scope(
      'inner',
      [el.start('is'), el.and('f'), el.user('waits'), el.end('stop', { type: 'terminate' })],
      ['is->f', 'f->waits', 'f->stop'],
    );
    const p = processDef(
      'subTerm',
      [el.start('s'), el.sub('sub', inner), el.end('after')],
      ['s->sub', 'sub->after'],
    );
    const h = runProcess(model(p));
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'after' });
    expect(h.tasks.map((t) => t.status)).toEqual(['cancelled']);
  });

  test('a timer boundary on a sub-process cancels everything inside it', () => {
    const inner = scope(
      'inner',
      [el.start('is'), el.and('f'), el.user('a'), el.user('b'), el.end('ie')],
      ['is->f', 'f->a', 'f->b'],
    );
    const p = processDef(
      'subTimer',
      [
        el.start('s'),
        el.sub('sub', inner),
        el.boundary('late', 'sub', { type: 'timer', timer: duration('PT30M') }),
        el.end('ok'),
        el.end('timedOut'),
      ],
      ['s->sub', 'sub->ok', 'late->timedOut'],
    );
    const h = runProcess(model(p));
    expect(h.tasks.filter((t) => t.status === 'open')).toHaveLength(2);
    h.advance(30 * MINUTE);
    expect(h.result?.endEventId).toBe('timedOut');
    expect(h.tasks.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('event sub-processes', () => {
  test('an interrupting message event sub-process cancels the running flow and ends the process', () => {
    const p = processDef(
      'espInt',
      [el.start('s'), el.user('review'), el.end('e'), el.eventSub('withdrawal', withdrawalHandler(true))],
      ['s->review', 'review->e'],
    );
    const h = runProcess(model(p), { caseId: 'K1' }, { handlers });
    const task = h.openTask('review');
    h.message({ name: 'withdraw', correlationKey: 'K1' });
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'we', variables: { notified: true } });
    expect(task.status).toBe('cancelled');
  });

  test('a non-interrupting message event sub-process runs beside the flow, once per message', () => {
    const p = processDef(
      'espNonInt',
      [
        el.start('s'),
        el.user('review'),
        el.end('e'),
        el.eventSub(
          'info',
          scope(
            'onInfo',
            [
              el.start(
                'is',
                { type: 'message', message: { name: 'info', correlationKey: '=caseId' } },
                false,
              ),
              el.service('cnt', 'count'),
              el.end('ie'),
            ],
            ['is->cnt', 'cnt->ie'],
          ),
        ),
      ],
      ['s->review', 'review->e'],
    );
    const h = runProcess(model(p), { caseId: 'K2' }, { handlers });
    h.message({ name: 'info', correlationKey: 'K2' });
    h.message({ name: 'info', correlationKey: 'K2' });
    expect(h.view().variables.counted).toBe(2);
    expect(h.openTask('review').status).toBe('open');
    h.complete('review');
    expect(h.result).toMatchObject({ endEventId: 'e', variables: { counted: 2 } });
  });

  test('a timer event sub-process interrupts after its duration', () => {
    const p = processDef(
      'espTimer',
      [
        el.start('s'),
        el.user('review'),
        el.end('e'),
        el.eventSub(
          'timeout',
          scope(
            'onTimeout',
            [el.start('ts', { type: 'timer', timer: duration('P14D') }), el.end('te')],
            ['ts->te'],
          ),
        ),
      ],
      ['s->review', 'review->e'],
    );
    const h = runProcess(model(p));
    h.advance(13 * 24 * 60 * MINUTE);
    expect(h.result).toBeUndefined();
    h.advance(24 * 60 * MINUTE);
    expect(h.result?.endEventId).toBe('te');
    expect(h.tasks.map((t) => t.status)).toEqual(['cancelled']);
  });

  test('an error event sub-process catches a BPMN error of a service task', () => {
    const p = processDef(
      'espError',
      [
        el.start('s'),
        el.service('verify', 'check'),
        el.end('e'),
        el.eventSub(
          'onForged',
          scope(
            'forged',
            [el.start('fs', { type: 'error', code: 'FORGED' }), el.service('tell', 'notify'), el.end('fe')],
            ['fs->tell', 'tell->fe'],
          ),
        ),
      ],
      ['s->verify', 'verify->e'],
    );
    expect(runProcess(model(p), { document: 'forged' }, { handlers }).result).toMatchObject({
      endEventId: 'fe',
      variables: { notified: true },
    });
  });
});

describe('call activities', () => {
  const child = processDef(
    'child',
    [el.start('cs'), el.service('verify', 'check'), el.end('ce')],
    ['cs->verify', 'verify->ce'],
  );

  test('a call activity runs the called process and takes its variables back', () => {
    const p = processDef(
      'parent',
      [
        el.start('s'),
        {
          id: 'call',
          kind: 'callActivity',
          calledProcessId: 'child',
          propagateAllVariables: true,
          ioMapping: { inputs: [{ source: '=upload', target: 'document' }], outputs: [] },
        },
        el.end('e'),
      ],
      ['s->call', 'call->e'],
    );
    const h = runProcess(model(p, child), { upload: 'id-card' }, { handlers });
    expect(h.result?.variables).toEqual({ upload: 'id-card', checked: 'id-card ok' });
    expect(h.log).toContain('child+ child');
  });

  test('a BPMN error the called process does not catch reaches the error boundary of the call activity', () => {
    const p = processDef(
      'parentErr',
      [
        el.start('s'),
        { id: 'call', kind: 'callActivity', calledProcessId: '=which', propagateAllVariables: true },
        el.boundary('forged', 'call', { type: 'error', code: 'FORGED' }),
        el.end('e'),
        el.end('rejected'),
      ],
      ['s->call', 'call->e', 'forged->rejected'],
    );
    expect(
      runProcess(model(p, child), { which: 'child', document: 'forged' }, { handlers }).result,
    ).toMatchObject({
      state: 'completed',
      endEventId: 'rejected',
    });
  });

  test('an incident in the called process is an incident of the call activity', () => {
    const broken = processDef(
      'child',
      [el.start('cs'), el.service('verify', 'nobody'), el.end('ce')],
      ['cs->verify', 'verify->ce'],
    );
    const p = processDef(
      'parentInc',
      [
        el.start('s'),
        { id: 'call', kind: 'callActivity', calledProcessId: 'child', propagateAllVariables: false },
        el.end('e'),
      ],
      ['s->call', 'call->e'],
    );
    const h = runProcess(model(p, broken));
    // the called process holds the incident at its element; the call activity waits for it
    expect(h.result).toBeUndefined();
    expect(h.log).toContain('incident verify UNKNOWN_TASK_TYPE');
  });

  test('without propagation only output mappings come back', () => {
    const p = processDef(
      'parentMap',
      [
        el.start('s'),
        {
          id: 'call',
          kind: 'callActivity',
          calledProcessId: 'child',
          propagateAllVariables: false,
          ioMapping: { inputs: [], outputs: [{ source: '=checked', target: 'verdict' }] },
        },
        el.end('e'),
      ],
      ['s->call', 'call->e'],
    );
    expect(runProcess(model(p, child), { document: 'x' }, { handlers }).result?.variables).toEqual({
      document: 'x',
      verdict: 'x ok',
    });
  });

  test('a message nobody in the parent waits for goes on to the called process; a boundary cancels the child', () => {
    const waiting = processDef(
      'child',
      [el.start('cs'), el.message('m', 'answer'), el.user('more'), el.end('ce')],
      ['cs->m', 'm->more', 'more->ce'],
    );
    const p = processDef(
      'parentFwd',
      [
        el.start('s'),
        { id: 'call', kind: 'callActivity', calledProcessId: 'child', propagateAllVariables: true },
        el.boundary('stop', 'call', { type: 'message', message: { name: 'stop' } }),
        el.end('e'),
        el.end('stopped'),
      ],
      ['s->call', 'call->e', 'stop->stopped'],
    );
    const h = runProcess(model(p, waiting));
    h.message({ name: 'answer', variables: { a: 1 } });
    const task = h.openTask('more');
    h.message({ name: 'stop' });
    expect(h.result?.endEventId).toBe('stopped');
    expect(h.log).toContain('child- child');
    expect(task.status).toBe('cancelled');
  });
});

describe('multi-instance', () => {
  test('parallel multi-instance runs one instance per item and collects the outputs in item order', () => {
    const p = parallelMultiInstance('slowCheck');
    const h = runProcess(model(p), { documents: ['a', 'b', 'c'] }, { manual: ['slowCheck'] });
    expect(h.calls.map((c) => [c.variables.document, c.variables.loopCounter])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    // finished in reverse order, collected in item order
    for (const d of ['c', 'b', 'a']) h.finishJob('verify', { checked: `${d} ok` }, (v) => v.document === d);
    expect(h.result?.variables.results).toEqual(['a ok', 'b ok', 'c ok']);
  });

  test('sequential multi-instance of user tasks opens one task after the other', () => {
    const p = processDef(
      'miSeq',
      [
        el.start('s'),
        el.user('sign', {
          multiInstance: {
            sequential: true,
            inputCollection: '=signers',
            inputElement: 'signer',
            outputCollection: 'signatures',
            outputElement: '=signer + ":" + string(signed)',
          },
        }),
        el.end('e'),
      ],
      ['s->sign', 'sign->e'],
    );
    const h = runProcess(model(p), { signers: ['anna', 'ben'] });
    for (let i = 0; i < 2; i++) {
      expect(h.view().userTasks).toHaveLength(1);
      h.complete('sign', { signed: true });
    }
    expect(h.result?.variables.signatures).toEqual(['anna:true', 'ben:true']);
  });

  test('a multi-instance sub-process over an empty list completes at once; a completion condition stops early', () => {
    const inner = scope(
      'inner',
      [el.start('is'), el.service('cnt', 'count'), el.end('ie')],
      ['is->cnt', 'cnt->ie'],
    );
    const mk = (completionCondition?: string) =>
      processDef(
        'miSub',
        [
          el.start('s'),
          el.sub('each', inner, {
            multiInstance: {
              sequential: true,
              inputCollection: '=items',
              inputElement: 'item',
              ...(completionCondition ? { completionCondition } : {}),
            },
          }),
          el.end('e'),
        ],
        ['s->each', 'each->e'],
      );
    expect(runProcess(model(mk()), { items: [] }, { handlers }).result?.variables).toEqual({ items: [] });
    const stopped = runProcess(
      model(mk('=numberOfCompletedInstances >= 2')),
      { items: [1, 2, 3, 4] },
      { handlers },
    );
    expect(stopped.result?.variables.counted).toBe(2);
  });

  test('an input collection that is not a list is an incident', () => {
    const p = processDef(
      'miBad',
      [
        el.start('s'),
        el.service('verify', 'check', {
          multiInstance: { sequential: false, inputCollection: '=documents' },
        }),
        el.end('e'),
      ],
      ['s->verify', 'verify->e'],
    );
    const h = runProcess(model(p), { documents: 'nope' }, { handlers });
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 'verify', code: 'INVALID_COLLECTION', state: 'open' }]);
  });
});

describe('continue-as-new', () => {
  test('tokens, variables, the open user task and the absolute timer deadline survive the state round trip', () => {
    const p = processDef(
      'long',
      [
        el.start('s'),
        el.and('fork'),
        el.user('review'),
        el.timer('wait', duration('PT2H')),
        el.and('join'),
        el.end('e'),
      ],
      ['s->fork', 'fork->review', 'fork->wait', 'review->join', 'wait->join', 'join->e'],
    );
    const h = runProcess(model(p), { caseId: 'K-9' });
    const dueAt = h.view().waits[0]?.dueAt;
    h.advance(60 * MINUTE);
    h.continueAsNew();
    expect(h.view()).toMatchObject({ runs: 1, variables: { caseId: 'K-9' } });
    expect(h.view().waits[0]?.dueAt).toBe(dueAt);
    // the timer keeps its absolute deadline: one more hour, not two
    h.advance(60 * MINUTE);
    expect(h.view().tokens.map((t) => t.elementId)).toEqual(['review']);
    h.complete('review');
    expect(h.result?.state).toBe('completed');
  });
});
