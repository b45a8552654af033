// Given a BPMN element whose work fails for good, the process does not end: the element waits at an incident
// (as in Camunda Operate) until retry, skip, continue with a value, or a BPMN error the model catches.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { el, model, processDef } from '../bpmn-interpreter/support/builder';
import { startBpmnWorker, until, type BpmnWorker } from '../bpmn-interpreter/support/bpmnWorker';
import { incidentActionUpdate, type IncidentResolution } from '../../workflows/incidents';
import type { Node } from '../bpmn-interpreter/support/builder';

let w: BpmnWorker;
let configured = false;

beforeAll(async () => {
  w = await startBpmnWorker({
    'needs-config': async () => {
      if (!configured) throw ApplicationFailure.nonRetryable('office has no endpoint', 'CONFIG_MISSING');
      return { configuredResult: 'ok' };
    },
  });
});
afterAll(async () => w.stop());

const incidentOf = (handle: WorkflowHandle, not?: string) =>
  until(async () => {
    const found = (await w.state(handle)).incidents?.find((i) => i.incidentId !== not);
    return found;
  }, 'an open incident');
const resolve = (handle: WorkflowHandle, incidentId: string, resolution: IncidentResolution) =>
  handle.executeUpdate(incidentActionUpdate, {
    args: [{ incidentId, action: 'resolve', by: 'test', resolution }],
  });

const serviceProcess = (extra: Node[] = [], flows: string[] = []) =>
  model(
    processDef(
      'configured',
      [el.start('s'), el.service('t', 'needs-config'), el.end('e'), ...extra],
      ['s->t', 't->e', ...flows],
    ),
  );

describe('incidents at BPMN elements', () => {
  test('the element waits; a retry before the fix opens a new incident, a retry after it completes', async () => {
    configured = false;
    const handle = await w.start(serviceProcess());
    const first = await incidentOf(handle);
    expect(first).toMatchObject({ elementId: 't', errorType: 'CONFIG_MISSING' });
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');

    await handle.executeUpdate(incidentActionUpdate, {
      args: [{ incidentId: first.incidentId, action: 'retry', by: 'test' }],
    });
    const second = await incidentOf(handle, first.incidentId);
    expect(second.incidentId).not.toBe(first.incidentId);

    configured = true;
    await handle.executeUpdate(incidentActionUpdate, {
      args: [{ incidentId: second.incidentId, action: 'retry', by: 'test' }],
    });
    const result = await handle.result();
    expect(result.state).toBe('completed');
    expect(result.variables.configuredResult).toBe('ok');
  });

  test('continue takes the given value as the element result', async () => {
    configured = false;
    const handle = await w.start(serviceProcess());
    const incident = await incidentOf(handle);
    await resolve(handle, incident.incidentId, {
      outcome: 'continue',
      value: { configuredResult: 'manual' },
    });
    expect((await handle.result()).variables.configuredResult).toBe('manual');
  });

  test('error throws a BPMN error at the element that the model catches', async () => {
    configured = false;
    const handle = await w.start(
      serviceProcess(
        [el.boundary('refused', 't', { type: 'error', code: 'REFUSED' }), el.end('handled')],
        ['refused->handled'],
      ),
    );
    const incident = await incidentOf(handle);
    await resolve(handle, incident.incidentId, { outcome: 'error', code: 'REFUSED' });
    expect(await handle.result()).toMatchObject({ state: 'completed', endEventId: 'handled' });
  });

  test('refuses close (a case outcome) and unknown incidents, keeping the incident open', async () => {
    configured = false;
    const handle = await w.start(serviceProcess());
    const incident = await incidentOf(handle);
    await expect(
      resolve(handle, incident.incidentId, { outcome: 'close', message: 'Ende' }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(resolve(handle, 'nope', { outcome: 'skip' })).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
    await expect(
      resolve(handle, incident.incidentId, {
        outcome: 'continue',
        value: 'x' as unknown as Record<string, unknown>,
      }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect((await w.state(handle)).incidents).toHaveLength(1);
    await resolve(handle, incident.incidentId, { outcome: 'skip' });
    expect((await handle.result()).state).toBe('completed');
  });

  test('a called process that does not exist is an incident at the call activity, not a Failed child', async () => {
    const p = processDef(
      'caller',
      [
        el.start('s'),
        { id: 'call', kind: 'callActivity', calledProcessId: 'missing', propagateAllVariables: true } as Node,
        el.end('e'),
      ],
      ['s->call', 'call->e'],
    );
    const handle = await w.start(model(p));
    const incident = await incidentOf(handle);
    expect(incident).toMatchObject({ elementId: 'call', errorType: 'UNKNOWN_PROCESS' });
    await resolve(handle, incident.incidentId, { outcome: 'continue', value: { decision: 'approved' } });
    expect((await handle.result()).variables.decision).toBe('approved');
    const failed = await w.client.workflow.count(
      `TaskQueue = '${w.taskQueue}' AND ExecutionStatus = 'Failed'`,
    );
    expect(failed.count).toBe(0);
  });

  test('a user task refuses output that does not fit its form fields', async () => {
    const p = processDef(
      'form',
      [
        el.start('s'),
        el.user('review', {
          formFields: [
            {
              key: 'decision',
              type: 'select',
              required: true,
              options: [{ value: 'approved' }, { value: 'rejected' }],
            },
            { key: 'note', type: 'textfield' },
          ],
        }),
        el.end('e'),
      ],
      ['s->review', 'review->e'],
    );
    const handle = await w.start(model(p));
    const taskId = await w.openTask(handle, 'review');
    await expect(w.completeTask(handle, taskId, { decision: 'perhaps' })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    await expect(w.completeTask(handle, taskId, { note: 'x' })).rejects.toThrow(WorkflowUpdateFailedError);
    await w.completeTask(handle, taskId, { decision: 'approved' });
    expect((await handle.result()).variables.decision).toBe('approved');
  });
});
