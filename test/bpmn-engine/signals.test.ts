// Signal broadcast on the engine harness: throw (intermediate, end), catch (intermediate), start events,
// boundary events (interrupting and not) and event sub-processes across the instances of one world.
import { describe, expect, test } from 'vitest';
import { el, model, processDef, scope as scopeOf } from '../bpmn-interpreter/support/builder';
import type { Node } from '../bpmn-interpreter/support/builder';
import type { ProcessModel } from '../../workflows/bpmn/model';
import { ProcessHarness, runProcess, type Handler } from './support/harness';

const sig = (name: string) => ({ type: 'signal' as const, name });
const catchSignal = (id: string, name: string): Node => ({
  id,
  kind: 'intermediateCatchEvent',
  trigger: sig(name),
});
const throwSignal = (id: string, name: string): Node => ({
  id,
  kind: 'intermediateThrowEvent',
  trigger: sig(name),
});
const endSignal = (id: string, name: string): Node => ({ id, kind: 'endEvent', trigger: sig(name) });
const startSignal = (id: string, name: string, interrupting = true): Node => ({
  id,
  kind: 'startEvent',
  trigger: sig(name),
  interrupting,
});

const count: Handler = ({ variables }) => ({ count: Number(variables.count ?? 0) + 1 });

/** Starts another instance in the same world (so broadcasts of one reach the other). */
function startBeside(h: ProcessHarness, processId: string, variables: Record<string, unknown> = {}) {
  const other = new ProcessHarness(h.world, processId);
  h.world.queue.push(() => other.engine.start(variables));
  h.world.run();
  return other;
}

const waiterDef = processDef(
  'waiter',
  [el.start('s'), catchSignal('wait', 'Frist verlängert'), el.end('e')],
  ['s->wait', 'wait->e'],
);
const throwerDef = processDef(
  'thrower',
  [el.start('s'), throwSignal('announce', 'Frist verlängert'), el.end('e')],
  ['s->announce', 'announce->e'],
);
/** Both processes in one model: the harness world runs instances of one model. */
const waiter = model(waiterDef, throwerDef);

describe('signal broadcast', () => {
  test('a throw reaches every waiting instance, with the throw event’s variables', () => {
    const withVars: ProcessModel = JSON.parse(JSON.stringify(waiter)) as ProcessModel;
    const announce = withVars.processes.thrower!.elements.announce as { ioMapping?: unknown };
    announce.ioMapping = { inputs: [{ source: '=days + 7', target: 'days' }], outputs: [] };
    const a = runProcess(withVars);
    const b = startBeside(a, 'waiter');
    expect(a.view().waits).toEqual([{ elementId: 'wait', type: 'signal', signalName: 'Frist verlängert' }]);
    const t = startBeside(a, 'thrower', { days: 14 });
    expect(t.result?.state).toBe('completed');
    expect(a.result).toMatchObject({ state: 'completed', variables: { days: 21 } });
    expect(b.result?.state).toBe('completed');
  });

  test('a broadcast delivered twice (activity retry) triggers once', () => {
    // The harness delivers every broadcast twice; a non-interrupting boundary would fire for each copy.
    const p = processDef(
      'twice',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('extended', 'review', sig('Frist verlängert'), false),
        el.service('tally', 'count'),
        el.end('e1'),
        el.end('e2'),
      ],
      ['s->review', 'review->e1', 'extended->tally', 'tally->e2'],
    );
    const h = runProcess(model(p, throwerDef), {}, { handlers: { count } });
    startBeside(h, 'thrower');
    expect(h.calls.filter((c) => c.taskType === 'count')).toHaveLength(1);
    startBeside(h, 'thrower');
    expect(h.calls.filter((c) => c.taskType === 'count')).toHaveLength(2);
    expect(h.openTask('review').status).toBe('open');
  });

  test('an interrupting signal boundary cancels the activity and closes its task', () => {
    const p = processDef(
      'interrupt',
      [
        el.start('s'),
        el.user('review'),
        el.boundary('withdrawn', 'review', sig('Antrag zurückgezogen')),
        el.end('done'),
        el.end('stopped'),
      ],
      ['s->review', 'review->done', 'withdrawn->stopped'],
    );
    const h = runProcess(model(p));
    const taskId = h.openTask('review').taskId;
    h.signal('Antrag zurückgezogen');
    expect(h.result).toMatchObject({ state: 'completed', endEventId: 'stopped' });
    expect(h.world.tasks.get(taskId)?.status).toBe('cancelled');
  });

  test('an end signal also reaches a catch of the throwing instance itself', () => {
    const p = processDef(
      'self',
      [el.start('s'), el.and('fork'), catchSignal('wait', 'los'), endSignal('go', 'los'), el.end('e')],
      ['s->fork', 'fork->wait', 'fork->go', 'wait->e'],
    );
    const h = runProcess(model(p));
    expect(h.result).toMatchObject({ state: 'completed' });
    expect(h.log).toContain('signal los');
  });

  test('a process with only a signal start waits for it; a message of that name does not start it', () => {
    const p = processDef('started', [startSignal('s', 'Stichtag'), el.end('e')], ['s->e']);
    const h = runProcess(model(p));
    h.message({ name: 'Stichtag' });
    expect(h.result).toBeUndefined();
    h.signal('Stichtag', { year: 2027 });
    expect(h.result).toMatchObject({ state: 'completed', variables: { year: 2027 } });
  });

  test('signals are not buffered: one thrown before the catch opens is lost', () => {
    const p = processDef(
      'late',
      [el.start('s'), el.user('first'), catchSignal('wait', 'x'), el.end('e')],
      ['s->first', 'first->wait', 'wait->e'],
    );
    const h = runProcess(model(p));
    h.signal('x');
    h.complete('first');
    expect(h.result).toBeUndefined();
    h.signal('x', {}, 'second-throw');
    expect(h.result?.state).toBe('completed');
  });

  test('a non-interrupting signal event sub-process runs beside the process', () => {
    const p = processDef(
      'esp',
      [
        el.start('s'),
        el.user('work'),
        el.end('e'),
        el.eventSub(
          'onSignal',
          // Built by the builder's scope: start (non-interrupting signal) → count → end.
          scopeOf(
            'onSignal',
            [startSignal('es', 'Hinweis', false), el.service('tally', 'count'), el.end('ee')],
            ['es->tally', 'tally->ee'],
          ),
        ),
      ],
      ['s->work', 'work->e'],
    );
    const h = runProcess(model(p), {}, { handlers: { count } });
    h.signal('Hinweis', {}, 't1');
    h.signal('Hinweis', {}, 't2');
    expect(h.calls.filter((c) => c.taskType === 'count')).toHaveLength(2);
    h.complete('work');
    expect(h.result).toMatchObject({ state: 'completed', variables: { count: 2 } });
  });

  test('a failed broadcast holds an incident at the throw event; retry throws again', () => {
    const a = runProcess(waiter);
    a.world.failSignals = true;
    const t = startBeside(a, 'thrower');
    expect(t.incidents).toMatchObject([{ elementId: 'announce', state: 'open' }]);
    expect(a.result).toBeUndefined();
    a.world.failSignals = false;
    const incidentId = t.incidents[0]!.incidentId;
    t.deliver({ type: 'incidentAction', action: { incidentId, action: 'retry', by: 'admin' } });
    a.world.run();
    expect(t.result?.state).toBe('completed');
    expect(a.result?.state).toBe('completed');
  });
});
