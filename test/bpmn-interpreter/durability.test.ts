// Durability: continue-as-new carries tokens, variables, open waits and absolute timer deadlines; recorded
// histories replay without non-determinism, including FEEL's now().
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { duration, el, model, processDef } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({
    onTime: async () => ({ onTime: true }),
    increment: async ({ variables }) => ({ counter: Number(variables.counter) + 1 }),
  });
});
afterAll(async () => w.stop());

const replay = (history: Awaited<ReturnType<Parameters<BpmnWorker['state']>[0]['fetchHistory']>>) =>
  Worker.runReplayHistory(
    { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: w.dataConverter },
    history,
  );

describe('continue-as-new', () => {
  // A loop driven by messages beside a user task with a reminder timer: long enough to continue as new
  // several times while the task, the timer and the loop's token are all open.
  const p = processDef(
    'loop',
    [
      el.start('s'),
      el.and('fork'),
      { id: 'tick', kind: 'receiveTask', message: { name: 'tick', correlationKey: '=caseId' } },
      { id: 'inc', kind: 'scriptTask', script: { expression: '=counter + 1', resultVariable: 'counter' } },
      el.xor('again'),
      el.user('review'),
      el.boundary('remind', 'review', { type: 'timer', timer: duration('PT4S') }, false),
      { id: 'mark', kind: 'scriptTask', script: { expression: '=true', resultVariable: 'reminded' } },
      el.end('reminderDone'),
      el.and('join'),
      el.end('e'),
    ],
    [
      's->fork',
      'fork->tick',
      'tick->inc',
      'inc->again',
      ['again', 'tick', { condition: '=counter < 6' }],
      ['again', 'join', { isDefault: true }],
      'fork->review',
      'review->join',
      'remind->mark',
      'mark->reminderDone',
      'join->e',
    ],
  );

  test('keeps tokens, variables, the open user task and the absolute timer deadline across runs', async () => {
    // given the loop with a tiny step budget per run
    const handle = await w.start(model(p), { caseId: 'L1', counter: 0 }, { limits: { stepsPerRun: 4 } });
    const taskId = await w.openTask(handle, 'review');
    const dueAt = (await w.state(handle)).waits.find((x) => x.elementId === 'remind')?.dueAt;
    expect(dueAt).toBeDefined();
    // when six ticks arrive (the loop continues as new on the way)
    for (let i = 1; i <= 6; i++) {
      await w.message(handle, { name: 'tick', correlationKey: 'L1' });
      await until(
        async () => ((await w.state(handle)).variables.counter === i ? true : undefined),
        `counter ${i}`,
      );
    }
    const view = await w.state(handle);
    // then the process ran in several runs, with the same task open and the same timer deadline
    expect(view.runs).toBeGreaterThanOrEqual(2);
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
    expect(view.userTasks).toEqual([{ taskId, elementId: 'review' }]);
    expect(view.waits.find((x) => x.elementId === 'remind')?.dueAt).toBe(dueAt);
    // and the reminder fires, the task completes in a later run than it was opened in
    await until(
      async () => ((await w.state(handle)).variables.reminded === true ? true : undefined),
      'reminder',
      10_000,
    );
    await w.completeTask(handle, taskId, { approved: true });
    const result = await handle.result();
    expect(result).toMatchObject({
      state: 'completed',
      endEventId: 'e',
      variables: { counter: 6, reminded: true, approved: true },
    });
    // and the first run's history (ending in continue-as-new) and the last run's replay cleanly
    await replay(
      await w.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory(),
    );
    await replay(await handle.fetchHistory());
  });
});

describe('continue-as-new in a loop of service tasks', () => {
  test('holds back the next activity, continues as new and finishes the loop with bounded histories', async () => {
    // given a loop of 30 service-task iterations and a budget of 20 element activations per run
    const p = processDef(
      'busy',
      [el.start('s'), el.service('inc', 'increment'), el.xor('more'), el.end('e')],
      [
        's->inc',
        'inc->more',
        ['more', 'inc', { condition: '=counter < 30' }],
        ['more', 'e', { isDefault: true }],
      ],
    );
    const handle = await w.start(model(p), { counter: 0 }, { limits: { stepsPerRun: 20 } });
    // when it runs to the end
    const result = await handle.result();
    // then every iteration ran exactly once, across several runs of one workflow id
    expect(result.variables.counter).toBe(30);
    const counters = w.calls
      .filter((c) => c.taskType === 'increment')
      .map((c) => c.variables.counter as number);
    expect(counters.sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    const runs = [];
    for await (const execution of w.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` }))
      runs.push(execution.runId);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    // and the last run's history holds only its own share of the loop
    const events = (await handle.fetchHistory()).events ?? [];
    const serviceTasks = events.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runServiceTask',
    );
    expect(serviceTasks.length).toBeLessThanOrEqual(11);
  });
});

describe('determinism', () => {
  test('FEEL now() reads the workflow clock: a history that took the on-time branch replays the same after the deadline', async () => {
    // given a deadline 2.5 s from now and a process that checks it 1 s after start
    const deadline = new Date(Date.now() + 2500).toISOString();
    const p = processDef(
      'clock',
      [
        el.start('s'),
        el.timer('wait', duration('PT1S')),
        el.xor('inTime'),
        el.service('onTimeTask', 'onTime'),
        el.timer('lateTimer', duration('PT1S')),
        el.end('e'),
        el.end('late'),
      ],
      [
        's->wait',
        'wait->inTime',
        ['inTime', 'onTimeTask', { condition: '=now() < date and time(deadline)' }],
        ['inTime', 'lateTimer', { isDefault: true }],
        'onTimeTask->e',
        'lateTimer->late',
      ],
    );
    const handle = await w.start(model(p), { deadline });
    expect(await handle.result()).toMatchObject({ endEventId: 'e', variables: { onTime: true } });
    // when the history is replayed after the deadline has passed
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(deadline) + 300 - Date.now())));
    // then the replay takes the same branch (a real clock would schedule a timer instead of an activity)
    await expect(replay(await handle.fetchHistory())).resolves.toBeUndefined();
  });

  test('a replay of a history from another process model is detected as non-deterministic', async () => {
    // given a recorded run of a process with one service task
    const a = processDef('a', [el.start('s'), el.service('t', 'onTime'), el.end('e')], ['s->t', 't->e']);
    const handle = await w.start(model(a));
    await handle.result();
    const history = await handle.fetchHistory();
    // when the workflow input in the history is swapped for a model that waits on a timer instead
    const b = processDef(
      'a',
      [el.start('s'), el.timer('t', duration('PT1S')), el.end('e')],
      ['s->t', 't->e'],
    );
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const encrypted = started?.input?.payloads?.[0];
    if (!encrypted?.data || !started?.input?.payloads) throw new Error('no input payload in history');
    // The history holds the encrypted input; the swapped one goes in as a plain payload (the codec passes it on).
    const [payload] = await w.dataConverter.payloadCodecs![0]!.decode([encrypted as never]);
    const input = JSON.parse(Buffer.from(payload!.data!).toString());
    started.input.payloads[0] = {
      ...payload,
      data: Buffer.from(JSON.stringify({ ...input, model: model(b) })),
    };
    // then the replay fails: the check that guards our own determinism can fail
    await expect(replay(history)).rejects.toThrow(/[Nn]ondeterminism|DeterminismViolation/);
  });
});
