// Incidents of bad data at elements on the real server: the process stays running with the incident in
// bpmnState and the DsIncident search attribute; the incidentAction update resolves it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { el, model, processDef } from './support/builder';
import { startBpmnWorker, until, type BpmnWorker } from './support/bpmnWorker';
import { incidentActionUpdate } from '../../workflows/incidents';

let w: BpmnWorker;

beforeAll(async () => {
  w = await startBpmnWorker({});
});
afterAll(async () => w.stop());

describe('incidents at elements', () => {
  test('a gateway whose conditions cannot be decided waits at an incident until it is resolved', async () => {
    const p = processDef(
      'routing',
      [el.start('s'), el.xor('gw'), el.end('high'), el.end('low')],
      [
        's->gw',
        ['gw', 'high', { condition: '=amount > 1000' }],
        ['gw', 'low', { condition: '=amount <= 1000' }],
      ],
    );
    const handle = await w.start(model(p), { amount: null });
    const incident = await until(async () => (await w.state(handle)).incidents?.[0], 'incident at gw');
    expect(incident).toMatchObject({ elementId: 'gw', errorType: 'NO_OUTGOING_FLOW' });
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.getAll().find((p) => p.key.name === 'DsIncident')?.value).toBe(
      'gw',
    );
    // retry with the same data: a new incident
    await handle.executeUpdate(incidentActionUpdate, {
      args: [{ incidentId: incident.incidentId, action: 'retry', by: 'test' }],
    });
    const second = await until(async () => {
      const open = (await w.state(handle)).incidents ?? [];
      return open[0] && open[0].incidentId !== incident.incidentId ? open[0] : undefined;
    }, 'a new incident after the retry');
    await handle.executeUpdate(incidentActionUpdate, {
      args: [
        {
          incidentId: second.incidentId,
          action: 'resolve',
          by: 'test',
          resolution: { outcome: 'continue', value: { amount: 20 } },
        },
      ],
    });
    expect(await handle.result()).toMatchObject({
      state: 'completed',
      endEventId: 'low',
      variables: { amount: 20 },
    });
  });
});
