// Timer cycles on the real server: a timer start cycle starts the flow on every tick.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cycle, el, model, processDef } from './support/builder';
import { startBpmnWorker, type BpmnWorker } from './support/bpmnWorker';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({ count: async ({ variables }) => ({ runs: Number(variables.runs ?? 0) + 1 }) });
});
afterAll(async () => w.stop());

describe('timer start cycles', () => {
  test('R3/PT1S runs the flow three times, then the process completes', async () => {
    const p = processDef(
      'thrice',
      [el.start('s', { type: 'timer', timer: cycle('R3/PT1S') }), el.service('work', 'count'), el.end('e')],
      ['s->work', 'work->e'],
    );
    const handle = await w.start(model(p));
    expect(await handle.result()).toMatchObject({ state: 'completed', variables: { runs: 3 } });
    expect(w.calls.filter((c) => c.taskType === 'count')).toHaveLength(3);
  });
});
