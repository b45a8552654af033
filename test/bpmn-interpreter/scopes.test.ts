// Scopes: embedded sub-processes, event sub-processes, call activities, multi-instance.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bpmnError } from '../../activities/serviceTasks';
import { duration, el, model, processDef, scope } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({
    check: async ({ variables }) => {
      if (variables.document === 'forged') throw bpmnError('FORGED', 'Dokument gefälscht');
      return { checked: `${String(variables.document)} ok` };
    },
    count: async ({ variables }) => ({ counted: Number(variables.counted ?? 0) + 1 }),
    notify: async () => ({ notified: true }),
  });
});
afterAll(async () => w.stop());

describe('embedded sub-process', () => {
  test('runs its own start-to-end flow with local input variables and output mappings', async () => {
    const inner = scope(
      'inner',
      [el.start('is'), el.service('verify', 'check'), el.end('ie')],
      ['is->verify', 'verify->ie'],
    );
    const p = processDef(
      'sub',
      [
        el.start('s'),
        el.sub('verifyAll', inner, {
          ioMapping: {
            inputs: [{ source: '=upload', target: 'document' }],
            outputs: [{ source: '=checked', target: 'result' }],
          },
        }),
        el.end('e'),
      ],
      ['s->verifyAll', 'verifyAll->e'],
    );
    const result = await (await w.start(model(p), { upload: 'passport.pdf' })).result();
    // `document` stayed local to the sub-process; `checked` propagated to the process and was mapped to `result`
    expect(result.variables).toEqual({
      upload: 'passport.pdf',
      checked: 'passport.pdf ok',
      result: 'passport.pdf ok',
    });
  });

  test('an error end event inside is caught by an error boundary event on the sub-process', async () => {
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
    expect((await (await w.start(model(p))).result()).endEventId).toBe('incomplete');
  });
});

describe('event sub-processes', () => {
  const handler = (interrupting: boolean) =>
    scope(
      'onWithdraw',
      [
        el.start(
          'ws',
          { type: 'message', message: { name: 'withdraw', correlationKey: '=caseId' } },
          interrupting,
        ),
        el.service('tell', 'notify'),
        el.end('we'),
      ],
      ['ws->tell', 'tell->we'],
    );

  test('an interrupting message event sub-process cancels the running flow and ends the process', async () => {
    const p = processDef(
      'espInt',
      [el.start('s'), el.user('review'), el.end('e'), el.eventSub('withdrawal', handler(true))],
      ['s->review', 'review->e'],
    );
    const handle = await w.start(model(p), { caseId: 'K1' });
    const taskId = await w.openTask(handle, 'review');
    await w.message(handle, { name: 'withdraw', correlationKey: 'K1' });
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'completed', endEventId: 'we', variables: { notified: true } });
    expect(w.tasks.get(taskId)?.status).toBe('cancelled');
  });

  test('a non-interrupting message event sub-process runs beside the flow, once per message', async () => {
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
    const handle = await w.start(model(p), { caseId: 'K2' });
    const taskId = await w.openTask(handle, 'review');
    await w.message(handle, { name: 'info', correlationKey: 'K2' });
    await until(
      async () => ((await w.state(handle)).variables.counted === 1 ? true : undefined),
      'first info',
    );
    await w.message(handle, { name: 'info', correlationKey: 'K2' });
    await until(
      async () => ((await w.state(handle)).variables.counted === 2 ? true : undefined),
      'second info',
    );
    await w.completeTask(handle, taskId);
    expect(await handle.result()).toMatchObject({ endEventId: 'e', variables: { counted: 2 } });
  });

  test('a timer event sub-process interrupts after its duration', async () => {
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
            [el.start('ts', { type: 'timer', timer: duration('PT1S') }), el.end('te')],
            ['ts->te'],
          ),
        ),
      ],
      ['s->review', 'review->e'],
    );
    expect((await (await w.start(model(p))).result()).endEventId).toBe('te');
  });

  test('an error event sub-process catches a BPMN error of a service task', async () => {
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
    const result = await (await w.start(model(p), { document: 'forged' })).result();
    expect(result).toMatchObject({ endEventId: 'fe', variables: { notified: true } });
  });
});

describe('call activities', () => {
  const child = processDef(
    'child',
    [el.start('cs'), el.service('verify', 'check'), el.end('ce')],
    ['cs->verify', 'verify->ce'],
  );

  test('a call activity runs the called process as a child workflow and takes its variables back', async () => {
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
    const handle = await w.start(model(p, child), { upload: 'id-card' });
    const result = await handle.result();
    expect(result.variables).toEqual({ upload: 'id-card', checked: 'id-card ok' });
    const childHandle = w.client.workflow.getHandle(`${handle.workflowId}/i3`);
    expect((await childHandle.describe()).type).toBe('bpmnProcessWorkflow');
  });

  test('a BPMN error the called process does not catch reaches the error boundary of the call activity', async () => {
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
    const result = await (await w.start(model(p, child), { which: 'child', document: 'forged' })).result();
    expect(result).toMatchObject({ state: 'completed', endEventId: 'rejected' });
  });

  test('without propagation only output mappings come back', async () => {
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
    const result = await (await w.start(model(p, child), { document: 'x' })).result();
    expect(result.variables).toEqual({ document: 'x', verdict: 'x ok' });
  });
});

describe('multi-instance', () => {
  test('parallel multi-instance runs one instance per item and collects the outputs in item order', async () => {
    const p = processDef(
      'miPar',
      [
        el.start('s'),
        el.service('verify', 'check', {
          multiInstance: {
            sequential: false,
            inputCollection: '=documents',
            inputElement: 'document',
            outputCollection: 'results',
            outputElement: '=checked',
          },
        }),
        el.end('e'),
      ],
      ['s->verify', 'verify->e'],
    );
    const handle = await w.start(model(p), { documents: ['a', 'b', 'c'] });
    const result = await handle.result();
    expect(result.variables.results).toEqual(['a ok', 'b ok', 'c ok']);
    const scheduled = ((await handle.fetchHistory()).events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runServiceTask',
    );
    expect(scheduled).toHaveLength(3);
  });

  test('sequential multi-instance of user tasks opens one task after the other', async () => {
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
    const handle = await w.start(model(p), { signers: ['anna', 'ben'] });
    for (const signer of ['anna', 'ben']) {
      const taskId = await until(async () => {
        const view = await w.state(handle);
        return view.userTasks.length === 1 &&
          w.tasks.get(view.userTasks[0]!.taskId)?.request.variables.signer === signer
          ? view.userTasks[0]!.taskId
          : undefined;
      }, `task for ${signer}`);
      expect(w.tasks.get(taskId)?.request.variables.loopCounter).toBe(signer === 'anna' ? 1 : 2);
      await w.completeTask(handle, taskId, { signed: true });
    }
    expect((await handle.result()).variables.signatures).toEqual(['anna:true', 'ben:true']);
  });

  test('a multi-instance sub-process over an empty list completes at once; a completion condition stops early', async () => {
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
    expect((await (await w.start(model(mk()), { items: [] })).result()).variables).toEqual({ items: [] });
    const stopped = await (
      await w.start(model(mk('=numberOfCompletedInstances >= 2')), { items: [1, 2, 3, 4] })
    ).result();
    expect(stopped.variables.counted).toBe(2);
  });

  test('an input collection that is not a list is an incident', async () => {
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
    expect(await (await w.start(model(p), { documents: 'nope' })).result()).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_COLLECTION' },
    });
  });
});
