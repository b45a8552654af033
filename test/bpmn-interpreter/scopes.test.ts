// Scopes on the real server: sub-processes, an event sub-process, call activities as child workflows,
// multi-instance activities. Case-by-case semantics: test/bpmn-engine.
import { EncryptionCodec } from '../../platform/payloadCodec';
import { loadConfig } from '../../platform/config';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bpmnError } from '../../activities/serviceTasks';
import { el, model, processDef } from './support/builder';
import { startBpmnWorker, type BpmnWorker } from './support/bpmnWorker';
import { parallelMultiInstance, subProcessWithMappings, withdrawalHandler } from '../support/bpmnModels';

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
    const p = subProcessWithMappings();
    const result = await (await w.start(model(p), { upload: 'passport.pdf' })).result();
    // `document` stayed local to the sub-process; `checked` propagated to the process and was mapped to `result`
    expect(result.variables).toEqual({
      upload: 'passport.pdf',
      checked: 'passport.pdf ok',
      result: 'passport.pdf ok',
    });
  });
});

describe('event sub-processes', () => {
  test('an interrupting message event sub-process cancels the running flow and ends the process', async () => {
    const p = processDef(
      'espInt',
      [el.start('s'), el.user('review'), el.end('e'), el.eventSub('withdrawal', withdrawalHandler(true))],
      ['s->review', 'review->e'],
    );
    const handle = await w.start(model(p), { caseId: 'K1' });
    const taskId = await w.openTask(handle, 'review');
    await w.message(handle, { name: 'withdraw', correlationKey: 'K1' });
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'completed', endEventId: 'we', variables: { notified: true } });
    expect(w.tasks.get(taskId)?.status).toBe('cancelled');
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
    const loadsBefore = w.models.loads;
    const handle = await w.start(model(p, child), { upload: 'id-card' });
    const result = await handle.result();
    expect(result.variables).toEqual({ upload: 'id-card', checked: 'id-card ok' });
    const childHandle = w.client.workflow.getHandle(`${handle.workflowId}/i3`);
    expect((await childHandle.describe()).type).toBe('bpmnProcessWorkflow');
    // the child got the model by reference: it read the same version, from the worker's cache
    const raw = (await childHandle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.input
      ?.payloads?.[0];
    const [decoded] = await new EncryptionCodec(loadConfig({}).codec.keys).decode([raw!]);
    const childInput = JSON.parse(Buffer.from(decoded!.data!).toString()) as Record<string, unknown>;
    expect(childInput).toMatchObject({ modelRef: { version: 1 } });
    expect(childInput.model).toBeUndefined();
    expect(w.models.loads - loadsBefore).toBe(1);
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
});

describe('multi-instance', () => {
  test('parallel multi-instance runs one instance per item and collects the outputs in item order', async () => {
    const p = parallelMultiInstance('check');
    const handle = await w.start(model(p), { documents: ['a', 'b', 'c'] });
    const result = await handle.result();
    expect(result.variables.results).toEqual(['a ok', 'b ok', 'c ok']);
    const scheduled = ((await handle.fetchHistory()).events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runServiceTask',
    );
    expect(scheduled).toHaveLength(3);
  });
});
