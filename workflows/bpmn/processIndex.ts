// Lookup tables over one process definition, built once per run (derived data, never part of the state).
import type { BoundaryEvent, FlowElement, ProcessDefinition, Scope, SequenceFlow } from './model';

export interface ProcessIndex {
  process: ProcessDefinition;
  element(id: string): FlowElement;
  flow(id: string): SequenceFlow;
  /** The scope an element sits in. */
  scopeOf(elementId: string): Scope;
  /** Boundary events attached to an activity. */
  boundaries(activityId: string): BoundaryEvent[];
  /** The link catch event with this name in the scope of the throwing element. */
  linkTarget(throwElementId: string, name: string): string | undefined;
  /** The event sub-process a start event belongs to, if any. */
  eventSubProcessOf(startEventId: string): string | undefined;
}

/** Indexes elements, flows, boundary events and link names of a process, including nested scopes. */
export function indexProcess(process: ProcessDefinition): ProcessIndex {
  const elements = new Map<string, FlowElement>();
  const flows = new Map<string, SequenceFlow>();
  const scopes = new Map<string, Scope>();
  const boundaryMap = new Map<string, BoundaryEvent[]>();
  const links = new Map<Scope, Map<string, string>>();
  const espOf = new Map<string, string>();

  const visit = (scope: Scope): void => {
    const scopeLinks = new Map<string, string>();
    links.set(scope, scopeLinks);
    for (const flow of Object.values(scope.flows)) flows.set(flow.id, flow);
    for (const element of Object.values(scope.elements)) {
      elements.set(element.id, element);
      scopes.set(element.id, scope);
      if (element.kind === 'boundaryEvent') {
        boundaryMap.set(element.attachedTo, [...(boundaryMap.get(element.attachedTo) ?? []), element]);
      }
      if (element.kind === 'intermediateCatchEvent' && element.trigger.type === 'link') {
        scopeLinks.set(element.trigger.name, element.id);
      }
      if (element.kind === 'subProcess') {
        visit(element.scope);
        if (element.triggeredByEvent)
          for (const start of element.scope.startEventIds) espOf.set(start, element.id);
      }
    }
  };
  visit(process);

  return {
    process,
    element(id) {
      const element = elements.get(id);
      if (!element) throw new Error(`element ${id} is not in process ${process.id}`);
      return element;
    },
    flow(id) {
      const flow = flows.get(id);
      if (!flow) throw new Error(`sequence flow ${id} is not in process ${process.id}`);
      return flow;
    },
    scopeOf(elementId) {
      return scopes.get(elementId) ?? process;
    },
    boundaries: (activityId) => boundaryMap.get(activityId) ?? [],
    linkTarget(throwElementId, name) {
      return links.get(scopes.get(throwElementId) ?? process)?.get(name);
    },
    eventSubProcessOf: (startEventId) => espOf.get(startEventId),
  };
}
