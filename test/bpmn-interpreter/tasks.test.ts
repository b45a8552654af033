// Tasks on the real Temporal server (case-by-case semantics: test/bpmn-engine): service-like tasks through runServiceTask, user tasks through the
// caseworker task activities and the completeUserTask update, receive tasks through bpmnMessage.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { el, model, processDef } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';
import { incidentActionUpdate } from '../../workflows/incidents';
import { serviceLikeChain } from '../support/bpmnModels';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({
    'register-lookup': async ({ variables }) => ({ registered: variables.company === 'ACME', lookups: 1 }),
    'send-mail': async ({ headers }) => ({ mailedWith: headers.template ?? null }),
    score: async ({ variables }) => ({ score: Number(variables.amount) * 2 }),
  });
});
afterAll(async () => w.stop());

describe('service-like tasks', () => {
  test('service, send, business-rule and script tasks call runServiceTask and their outputs become process variables', async () => {
    // given a chain of a service task, a send task with a header, a business-rule task and an undefined + manual task
    const p = serviceLikeChain();
    // when it runs
    const result = await (await w.start(model(p), { company: 'ACME', amount: 21 })).result();
    // then every task contributed its output, in order
    expect(result).toMatchObject({ state: 'completed', endEventId: 'e' });
    expect(result.variables).toMatchObject({
      registered: true,
      lookups: 1,
      mailedWith: 'receipt',
      score: 42,
      total: 43,
    });
  });
  test('a task type without a handler is an incident at the element, not the end of the process', async () => {
    const p = processDef(
      'unknown',
      [el.start('s'), el.service('t', 'no-such-type'), el.end('e')],
      ['s->t', 't->e'],
    );
    const handle = await w.start(model(p));
    const incident = await until(async () => (await w.state(handle)).incidents?.[0], 'incident at t');
    expect(incident).toMatchObject({ elementId: 't', errorType: 'UNKNOWN_TASK_TYPE' });
    await handle.executeUpdate(incidentActionUpdate, {
      args: [
        { incidentId: incident.incidentId, action: 'resolve', by: 'test', resolution: { outcome: 'skip' } },
      ],
    });
    expect((await handle.result()).state).toBe('completed');
  });
});

describe('user tasks', () => {
  test('a user task opens a caseworker task, waits for completeUserTask and closes the task', async () => {
    // given a process with a user task that has form fields and candidate groups
    const p = processDef(
      'review',
      [
        el.start('s'),
        el.user('review', {
          name: 'Antrag prüfen',
          formFields: [{ key: 'decision', label: 'Entscheidung', type: 'select', required: true }],
          candidateGroups: ['gewerbe'],
        }),
        el.end('e'),
      ],
      ['s->review', 'review->e'],
    );
    const handle = await w.start(model(p), { applicant: 'Erika' });
    // when the task is open
    const taskId = await w.openTask(handle, 'review');
    const task = w.tasks.get(taskId);
    expect(task?.request).toMatchObject({
      name: 'Antrag prüfen',
      candidateGroups: ['gewerbe'],
      elementId: 'review',
      workflowId: handle.workflowId,
    });
    expect(task?.request.formFields[0]?.key).toBe('decision');
    expect(task?.request.variables).toEqual({ applicant: 'Erika' });
    // and a caseworker completes it
    await w.completeTask(handle, taskId, { decision: 'approved' });
    const result = await handle.result();
    // then the output is a process variable and the task is closed as completed
    expect(result).toMatchObject({
      state: 'completed',
      variables: { applicant: 'Erika', decision: 'approved' },
    });
    expect(w.tasks.get(taskId)).toMatchObject({ status: 'completed', output: { decision: 'approved' } });
  });

  test('completing an unknown or already completed task is rejected by the validator', async () => {
    const p = processDef(
      'twice',
      [el.start('s'), el.user('a'), el.user('b'), el.end('e')],
      ['s->a', 'a->b', 'b->e'],
    );
    const handle = await w.start(model(p));
    const taskId = await w.openTask(handle, 'a');
    await expect(w.completeTask(handle, 'no-such-task')).rejects.toThrow(WorkflowUpdateFailedError);
    await w.completeTask(handle, taskId, {});
    // when the same task is completed again
    const second = w.completeTask(handle, taskId, {});
    // then the update is rejected with a message that says why
    await expect(second).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(
      second.catch((e) => {
        throw e.cause;
      }),
    ).rejects.toThrow(/not open/);
    await w.completeTask(handle, await w.openTask(handle, 'b'), {});
    expect((await handle.result()).state).toBe('completed');
  });
});

describe('receive tasks', () => {
  test('a receive task takes the message with its correlation key and its variables', async () => {
    // given a receive task waiting for "supplement" correlated by the application id
    const p = processDef(
      'receive',
      [
        el.start('s'),
        {
          id: 'wait',
          kind: 'receiveTask',
          message: { name: 'supplement', correlationKey: '=applicationId' },
        },
        el.end('e'),
      ],
      ['s->wait', 'wait->e'],
    );
    const handle = await w.start(model(p), { applicationId: 'A-7' });
    await w
      .state(handle)
      .then((s) =>
        expect(s.waits).toEqual([
          { elementId: 'wait', type: 'message', messageName: 'supplement', correlationKey: 'A-7' },
        ]),
      );
    // when a message for another application and then the right one arrive
    await w.message(handle, {
      name: 'supplement',
      correlationKey: 'A-8',
      variables: { documents: ['wrong'] },
    });
    await w.message(handle, {
      name: 'supplement',
      correlationKey: 'A-7',
      variables: { documents: ['passport'] },
    });
    // then only the matching one completes the task
    const result = await handle.result();
    expect(result.variables).toEqual({ applicationId: 'A-7', documents: ['passport'] });
  });
});
