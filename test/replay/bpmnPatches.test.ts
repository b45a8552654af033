// Histories recorded with the interpreter before the bpmnfeat patches (element incidents, signals, timer
// start cycles, parallel joins) replay against the current code: each new path sits behind patched().
// The recording ran the same models on the code of main before the patches (one-off script, see the report).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';

const History = proto.temporal.api.history.v1.History;
const FIXTURE = path.join('test', 'replay', 'fixtures', 'bpmn-before-patches.histories.json');
const recorded = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<
  string,
  { workflowId: string; result: { state: string }; history: object }
>;

describe('BPMN histories from before the bpmnfeat patches', () => {
  it.each([
    ['gatewayIncident', 'failed'],
    ['signalAsMessage', 'completed'],
    ['startCycleOnce', 'completed'],
    ['parallelJoinCompletes', 'completed'],
  ])('%s (ended %s under the old code) replays', async (name, state) => {
    const entry = recorded[name]!;
    expect(entry.result.state).toBe(state);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      History.fromObject(entry.history),
      entry.workflowId,
    );
  });
});
