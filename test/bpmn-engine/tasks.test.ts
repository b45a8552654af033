// Tasks without a server: service-like tasks, input/output mappings, user tasks (open, complete, reject),
// receive tasks with correlation and buffering.
import { describe, expect, test } from 'vitest';
import { el, model, processDef } from '../bpmn-interpreter/support/builder';
import { runProcess, type Handler } from './support/harness';
import { serviceLikeChain } from '../support/bpmnModels';

const handlers: Record<string, Handler> = {
  'register-lookup': ({ variables }) => ({ registered: variables.company === 'ACME', lookups: 1 }),
  'send-mail': ({ headers }) => ({ mailedWith: headers.template ?? null }),
  score: ({ variables }) => ({ score: Number(variables.amount) * 2 }),
};

describe('service-like tasks', () => {
  test('service, send, business-rule and script tasks run in order and their outputs become process variables', () => {
    const p = serviceLikeChain();
    const h = runProcess(model(p), { company: 'ACME', amount: 21 }, { handlers });
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'e' });
    expect(h.result?.variables).toEqual({
      company: 'ACME',
      amount: 21,
      registered: true,
      lookups: 1,
      mailedWith: 'receipt',
      score: 42,
      total: 43,
    });
    expect(h.calls.map((c) => c.taskType)).toEqual(['register-lookup', 'send-mail', 'score']);
  });

  test('a script task with a job type runs it like a service task', () => {
    const p = processDef(
      'scriptJob',
      [
        el.start('s'),
        { id: 'script', kind: 'scriptTask', binding: { taskType: 'score', headers: {}, retries: 1 } },
        el.end('e'),
      ],
      ['s->script', 'script->e'],
    );
    expect(runProcess(model(p), { amount: 2 }, { handlers }).result?.variables.score).toBe(4);
  });

  test('input and output mappings shape what a task sees and what it leaves behind', () => {
    const p = processDef(
      'mapped',
      [
        el.start('s'),
        el.service('lookup', 'register-lookup', {
          ioMapping: {
            inputs: [{ source: '=applicant.name', target: 'company' }],
            outputs: [{ source: '=registered', target: 'check.registered' }],
          },
        }),
        el.end('e'),
      ],
      ['s->lookup', 'lookup->e'],
    );
    const h = runProcess(model(p), { applicant: { name: 'ACME' } }, { handlers });
    expect(h.calls[0]?.variables.company).toBe('ACME');
    expect(h.result?.variables).toEqual({ applicant: { name: 'ACME' }, check: { registered: true } });
  });

  test('a task type without a handler is an incident UNKNOWN_TASK_TYPE at the element', () => {
    const p = processDef(
      'unknown',
      [el.start('s'), el.service('t', 'no-such-type'), el.end('e')],
      ['s->t', 't->e'],
    );
    const h = runProcess(model(p));
    expect(h.result).toBeUndefined();
    expect(h.incidents).toMatchObject([{ elementId: 't', code: 'UNKNOWN_TASK_TYPE', state: 'open' }]);
    expect(h.incidents[0]?.message).toContain('no-such-type');
  });
});

describe('user tasks', () => {
  const review = processDef(
    'review',
    [
      el.start('s'),
      el.user('review', {
        name: 'Antrag prüfen',
        formFields: [{ key: 'decision', label: 'Entscheidung', type: 'select', required: true }],
        candidateGroups: ['gewerbe'],
        assignee: '=clerk',
      }),
      el.end('e'),
    ],
    ['s->review', 'review->e'],
  );

  test('a user task opens a caseworker task, waits for completion and closes the task with the output', () => {
    const h = runProcess(model(review), { applicant: 'Erika', clerk: 'mueller' });
    const task = h.openTask('review');
    expect(task).toMatchObject({ candidateGroups: ['gewerbe'], assignee: 'mueller' });
    expect(h.view().userTasks).toEqual([{ taskId: task.taskId, elementId: 'review' }]);
    expect(h.result).toBeUndefined();
    h.complete(task.taskId, { decision: 'approved' });
    expect(h.result).toMatchObject({
      state: 'completed',
      variables: { applicant: 'Erika', decision: 'approved' },
    });
    expect(task).toMatchObject({ status: 'completed', output: { decision: 'approved' } });
  });

  test('completing an unknown or already completed task is rejected', () => {
    const p = processDef(
      'twice',
      [el.start('s'), el.user('a'), el.user('b'), el.end('e')],
      ['s->a', 'a->b', 'b->e'],
    );
    const h = runProcess(model(p));
    const a = h.openTask('a');
    expect(() => h.complete('no-such-task')).toThrow(/not open/);
    h.complete(a.taskId);
    expect(() => h.complete(a.taskId)).toThrow(/not open/);
    h.complete('b');
    expect(h.result?.state).toBe('completed');
  });

  test('a workflow cancellation closes the open caseworker tasks', () => {
    const h = runProcess(model(review), { clerk: 'x' });
    const task = h.openTask('review');
    h.cancel();
    expect(task.status).toBe('cancelled');
  });
});

describe('receive tasks', () => {
  const receive = (before: boolean) =>
    processDef(
      'receive',
      [
        el.start('s'),
        el.user('first'),
        {
          id: 'wait',
          kind: 'receiveTask',
          message: { name: 'supplement', correlationKey: '=applicationId' },
        },
        el.end('e'),
      ],
      before ? ['s->first', 'first->wait', 'wait->e'] : ['s->wait', 'wait->e'],
    );

  test('a receive task takes the message with its correlation key and its variables', () => {
    const h = runProcess(model(receive(false)), { applicationId: 'A-7' });
    expect(h.view().waits).toEqual([
      { elementId: 'wait', type: 'message', messageName: 'supplement', correlationKey: 'A-7' },
    ]);
    h.message({ name: 'supplement', correlationKey: 'A-8', variables: { documents: ['wrong'] } });
    expect(h.result).toBeUndefined();
    h.message({ name: 'supplement', correlationKey: 'A-7', variables: { documents: ['passport'] } });
    expect(h.result?.variables).toEqual({ applicationId: 'A-7', documents: ['passport'] });
  });

  test('a message that arrives before the receive task is buffered and taken when the task opens', () => {
    const h = runProcess(model(receive(true)), { applicationId: 'A-9' });
    h.message({ name: 'supplement', correlationKey: 'A-9', variables: { early: true } });
    expect(h.view().bufferedMessages).toBe(1);
    h.complete('first');
    expect(h.result?.variables).toMatchObject({ early: true });
    expect(h.view().bufferedMessages).toBe(0);
  });

  test('at most 100 unclaimed messages are kept; the oldest go first', () => {
    const h = runProcess(model(receive(true)), { applicationId: 'A-1' });
    h.message({ name: 'supplement', correlationKey: 'A-1', variables: { n: 0 } });
    for (let i = 1; i <= 100; i++) h.message({ name: 'noise', variables: { n: i } });
    expect(h.view().bufferedMessages).toBe(100);
    h.complete('first');
    // the matching message was the oldest and has been dropped
    expect(h.result).toBeUndefined();
  });
});
