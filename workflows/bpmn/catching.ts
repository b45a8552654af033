// Graph questions the engine asks: who catches a thrown error or escalation, and which elements a token
// can still reach (for inclusive joins).
import { isActivity, type FlowElement, type Scope } from './model';
import type { ProcessIndex } from './processIndex';
import type { Instance } from './state';

export interface Catch {
  /** The instance the catch belongs to: the activity (boundary event) or the flow scope (event sub-process). */
  instanceId: string;
  /** The boundary event or event sub-process start event that catches. */
  elementId: string;
  interrupting: boolean;
}

type Thrown = 'error' | 'escalation';

function codeOf(element: FlowElement): string | undefined {
  return 'trigger' in element && (element.trigger.type === 'error' || element.trigger.type === 'escalation')
    ? element.trigger.code
    : undefined;
}

/** A catch with the same code wins over a catch-all (no code) on the same level. */
function pick<T extends FlowElement>(candidates: T[], type: Thrown, code: string): T | undefined {
  const typed = candidates.filter((c) => 'trigger' in c && c.trigger.type === type);
  return typed.find((c) => codeOf(c) === code) ?? typed.find((c) => !codeOf(c));
}

function scopeOfInstance(index: ProcessIndex, instance: Instance): Scope | undefined {
  if (instance.role === 'process') return index.process;
  if (instance.role === 'miBody') return undefined;
  const element = index.element(instance.elementId);
  return element.kind === 'subProcess' ? element.scope : undefined;
}

/**
 * Walks outwards from the throwing instance: at each flow scope its event sub-processes are asked, at each
 * activity its boundary events; the innermost match catches.
 */
export function findCatch(
  index: ProcessIndex,
  instances: Record<string, Instance>,
  from: Instance,
  type: Thrown,
  code: string,
): Catch | undefined {
  for (
    let current: Instance | undefined = from;
    current;
    current = current.parentId ? instances[current.parentId] : undefined
  ) {
    const scope = scopeOfInstance(index, current);
    if (scope) {
      const starts = scope.eventSubProcessIds.flatMap((espId) => {
        const esp = index.element(espId);
        return esp.kind === 'subProcess' ? esp.scope.startEventIds.map((id) => index.element(id)) : [];
      });
      const start = pick(starts, type, code);
      if (start?.kind === 'startEvent')
        return {
          instanceId: current.id,
          elementId: start.id,
          interrupting: type === 'error' || start.interrupting,
        };
    }
    if (current.role === 'element' || current.role === 'miBody') {
      const element = index.element(current.elementId);
      const boundary = isActivity(element) ? pick(index.boundaries(element.id), type, code) : undefined;
      if (boundary)
        return {
          instanceId: current.id,
          elementId: boundary.id,
          interrupting: type === 'error' || boundary.cancelActivity,
        };
    }
  }
  return undefined;
}

/** Elements reachable from the given token positions along flows, boundary events and links, not passing `stopAt`. */
export function reachableFrom(index: ProcessIndex, seeds: string[], stopAt: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const element = index.element(id);
    for (const flowId of element.outgoing) {
      const target = index.flow(flowId).target;
      if (target !== stopAt) queue.push(target);
    }
    if (isActivity(element)) queue.push(...index.boundaries(id).map((b) => b.id));
    if (element.kind === 'intermediateThrowEvent' && element.trigger.type === 'link') {
      const target = index.linkTarget(id, element.trigger.name);
      if (target) queue.push(target);
    }
  }
  return seen;
}
