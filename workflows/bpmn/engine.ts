// The token engine: a synchronous state machine over `EngineState`. It never awaits; side effects go out
// through `Effects` and come back as events, so the whole execution state is plain data that survives
// replay and continue-as-new. Kept as one class because token flow, scopes and event catching call each
// other constantly; the pure parts (FEEL, timers, variables, joins, multi-instance) live in their own files.
import {
  isActivity,
  type Activity,
  type FlowElement,
  type FormField,
  type MessageRef,
  type Scope,
  type SequenceFlow,
  type SubProcess,
  type TimerDefinition,
} from './model';
import type { BpmnError, BpmnMessage, BpmnProcessResult, BpmnSignal, BpmnStateView } from './api';
import type { IncidentAction, OpenIncident } from '../incidents';
import { describeState } from './view';
import { evalCondition, evalFeel, evalString, FeelError } from './feel';
import { findCatch, reachableFrom } from './catching';
import type { ProcessIndex } from './processIndex';
import type { ChildRequest, Effects, EngineEvent, JobFailure, JobRequest } from './ports';
import type { EngineState, Instance, Subscription } from './state';
import { nextTick, scheduleTimer } from './timers';
import { rememberSignal, signalSubscriptions, SIGNALS_PATCH } from './signals';
import { ELEMENT_INCIDENTS_PATCH, type IncidentResume } from './elementIncidents';
import { startCycleOpen, TIMER_CYCLES_PATCH } from './timerCycles';
import { evaluateDecision } from './decisions';

/** Patch id: an arrival waiting at a parallel join keeps its scope running. */
const PARALLEL_JOIN_PATCH = 'bpmn-parallel-join-waits';
import { openUserTask, reserveUserTask } from './userTasks';
import { applyInputs, applyResult, propagate, setLocal, visibleVariables } from './variables';

/**
 * A technical failure in the engine itself (FEEL error, no outgoing flow, loop limit) that ends the process as
 * failed; the case then holds an incident at its step "process". Failures of an element's work (service task,
 * task list, called process) instead keep the element waiting at an incident (`raiseIncident`).
 */
export class Incident extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly elementId?: string,
  ) {
    super(message);
  }
}

const MAX_STEPS_PER_DRAIN = 100_000;
const MAX_BUFFERED_MESSAGES = 100;

/** A fresh state for a process instance. */
export function initialState(processId: string): EngineState {
  return {
    processId,
    rootId: '',
    nextId: 1,
    instances: {},
    subscriptions: {},
    bufferedMessages: [],
    steps: 0,
    runs: 0,
  };
}

interface ThrownError {
  code: string;
  message: string;
  variables?: Record<string, unknown>;
}

export class Engine {
  outcome?: BpmnProcessResult;
  private readonly agenda: (() => void)[] = [];
  private holding = false;

  constructor(
    readonly index: ProcessIndex,
    readonly state: EngineState,
    private readonly effects: Effects,
  ) {}

  private get instances(): Record<string, Instance> {
    return this.state.instances;
  }

  /** Creates the process scope and its first tokens (or start-event subscriptions). */
  start(variables: Record<string, unknown>, startEventId?: string): void {
    this.guard(() => {
      const process = this.index.process;
      const root = this.create(process.id, null, 'process');
      root.variables = { ...variables };
      this.state.rootId = root.id;
      this.openEventSubProcesses(root, process);
      const starts = process.startEventIds.map((id) => this.index.element(id));
      const noneStarts = starts.filter((s) => s.kind === 'startEvent' && s.trigger.type === 'none');
      if (startEventId) this.arrive(startEventId, root.id);
      else if (noneStarts.length > 0) for (const s of noneStarts) this.arrive(s.id, root.id);
      else for (const s of starts) this.subscribeTrigger(root, s);
      if (
        !startEventId &&
        noneStarts.length === 0 &&
        !Object.values(this.state.subscriptions).some((s) => s.ownerId === root.id)
      ) {
        throw new Incident(
          'NO_START_EVENT',
          `process ${process.id} has no start event this interpreter can start`,
        );
      }
    });
  }

  /** After continue-as-new: timers are re-armed from their absolute deadlines, held-back work starts. */
  resume(): void {
    this.state.steps = 0;
    this.state.runs += 1;
    for (const subscription of Object.values(this.state.subscriptions))
      if (subscription.timer) this.effects.armTimer(subscription);
    for (const instance of Object.values(this.instances)) {
      const wait = instance.wait;
      if (wait?.type === 'job' && wait.held) {
        const job = wait.held;
        delete wait.held;
        this.effects.startJob(instance.id, wait.seq, job);
      }
      if (wait?.type === 'child' && wait.held) {
        const request = wait.held;
        delete wait.held;
        this.effects.startChild(instance.id, request);
      }
    }
  }

  /**
   * From now on new activities and child workflows are recorded in the state instead of started, so the
   * running ones can finish and the workflow can continue as new; the next run starts them.
   */
  holdNewWork(): void {
    this.holding = true;
  }

  get holdingWork(): boolean {
    return this.holding;
  }

  private runJob(instance: Instance, seq: number, job: JobRequest): void {
    if (this.holding && instance.wait?.type === 'job') instance.wait.held = job;
    else this.effects.startJob(instance.id, seq, job);
  }

  private runChild(instance: Instance, request: ChildRequest): void {
    if (this.holding && instance.wait?.type === 'child') instance.wait.held = request;
    else this.effects.startChild(instance.id, request);
  }

  /** Applies one external event and runs the tokens until all of them wait. */
  handle(event: EngineEvent): void {
    // After the end only one thing still matters: a task opened too late must be closed again.
    if (
      this.outcome &&
      event.type === 'jobDone' &&
      event.purpose === 'openTask' &&
      typeof event.result.taskId === 'string'
    ) {
      this.effects.closeTaskDetached(event.result.taskId);
    }
    this.guard(() => this.dispatch(event));
  }

  /** Cancels everything (workflow cancellation): open tasks are closed, jobs and timers cancelled. */
  abort(): void {
    const root = this.instances[this.state.rootId];
    if (root) this.cancel(root);
  }

  /** True if the task is open and not already being completed (validator of the completeUserTask update). */
  isOpenTask(taskId: string): boolean {
    return openUserTask(this.state, taskId) !== undefined;
  }

  /** Reserves the task for the update that completes it, so a second update is rejected. */
  markCompleting(taskId: string): string {
    return reserveUserTask(this.state, taskId);
  }

  /** The form fields the user task announced (its completion must fit them). */
  formFieldsOf(taskId: string): FormField[] {
    const instance = openUserTask(this.state, taskId);
    const element = instance && this.index.element(instance.elementId);
    return element?.kind === 'userTask' ? element.formFields : [];
  }

  // ---- running the agenda ----

  private guard(work: () => void): void {
    if (this.outcome) return;
    try {
      work();
      let steps = 0;
      while (this.agenda.length > 0 && !this.outcome) {
        if (++steps > MAX_STEPS_PER_DRAIN)
          throw new Incident(
            'LOOP_LIMIT',
            `more than ${MAX_STEPS_PER_DRAIN} steps without waiting: an endless loop?`,
          );
        (this.agenda.shift() as () => void)();
      }
    } catch (error) {
      if (error instanceof Incident)
        this.finish('failed', {
          code: error.code,
          message: error.message,
          elementId: error.elementId,
          incident: true,
        });
      else if (error instanceof FeelError)
        this.finish('failed', { code: 'FEEL_ERROR', message: error.message, incident: true });
      else throw error;
    }
    this.agenda.length = 0;
  }

  private dispatch(event: EngineEvent): void {
    switch (event.type) {
      case 'jobDone':
        return this.jobDone(event.instanceId, event.seq, event.purpose, event.result);
      case 'jobFailed':
        return this.jobFailed(event.instanceId, event.seq, event.purpose, event.failure);
      case 'timer': {
        const subscription = this.state.subscriptions[event.subscriptionId];
        if (subscription?.timer?.dueAt === event.dueAt) this.trigger(subscription, {});
        return;
      }
      case 'message':
        return this.correlate(event.message);
      case 'signal':
        return this.takeSignal(event.signal);
      case 'userTaskCompleted':
        return this.userTaskCompleted(event.taskId, event.output);
      case 'childDone':
        return this.childDone(event.instanceId, event.result);
      case 'childFailed': {
        const instance = this.instances[event.instanceId];
        if (instance?.wait?.type === 'child')
          return this.raiseIncident(instance, 'CALL_ACTIVITY_FAILED', event.message);
        return;
      }
      case 'incidentAction':
        return this.incidentAction(event.action);
    }
  }

  // ---- instances and token flow ----

  private create(elementId: string, parentId: string | null, role: Instance['role']): Instance {
    const instance: Instance = { id: `i${this.state.nextId++}`, elementId, parentId, role };
    this.instances[instance.id] = instance;
    this.state.steps += 1;
    return instance;
  }

  private children(instanceId: string): Instance[] {
    return Object.values(this.instances).filter((i) => i.parentId === instanceId);
  }

  private vars(instance: Instance): Record<string, unknown> {
    return visibleVariables(this.instances, instance.id);
  }

  /** A token arrives at an element in a flow scope; joins count arrivals instead of starting the element. */
  private arrive(elementId: string, scopeId: string, flowId?: string): void {
    const element = this.index.element(elementId);
    const scope = this.instances[scopeId] as Instance;
    if (
      flowId &&
      element.incoming.length > 1 &&
      (element.kind === 'parallelGateway' || element.kind === 'inclusiveGateway')
    ) {
      scope.joins ??= {};
      const arrivals = (scope.joins[element.id] ??= {});
      arrivals[flowId] = (arrivals[flowId] ?? 0) + 1;
      this.tryJoin(scope, element);
      return;
    }
    const role = isActivity(element) && element.multiInstance ? 'miBody' : 'element';
    const instance = this.create(elementId, scopeId, role);
    this.agenda.push(() => this.enter(instance.id));
  }

  /** Parallel joins wait for every incoming flow; inclusive joins for every flow a token could still reach. */
  private tryJoin(scope: Instance, gateway: FlowElement): void {
    const arrivals = scope.joins?.[gateway.id];
    if (!arrivals) return;
    const missing = gateway.incoming.filter((f) => !arrivals[f]);
    if (missing.length > 0) {
      if (gateway.kind === 'parallelGateway') return;
      const reachable = reachableFrom(this.index, this.tokenPositions(scope, gateway.id), gateway.id);
      if (missing.some((f) => reachable.has(this.index.flow(f).source))) return;
    }
    for (const flowId of Object.keys(arrivals)) {
      if (--(arrivals[flowId] as number) <= 0) delete arrivals[flowId];
    }
    if (Object.keys(arrivals).length === 0) delete scope.joins?.[gateway.id];
    const instance = this.create(gateway.id, scope.id, 'element');
    this.agenda.push(() => this.enter(instance.id));
  }

  private tokenPositions(scope: Instance, exceptGateway: string): string[] {
    const joins = Object.keys(scope.joins ?? {}).filter((g) => g !== exceptGateway);
    return [...this.children(scope.id).map((c) => c.elementId), ...joins];
  }

  private enter(instanceId: string): void {
    const instance = this.instances[instanceId];
    if (!instance) return;
    try {
      this.enterElement(instance);
    } catch (error) {
      if (!this.elementIncident(instance, error, 'enter')) throw error;
    }
  }

  private enterElement(instance: Instance): void {
    const element = this.index.element(instance.elementId);
    if (instance.role === 'miBody' && isActivity(element)) {
      this.openBoundaries(instance, element);
      this.startMultiInstance(instance, element);
      return;
    }
    if ('ioMapping' in element && element.ioMapping)
      applyInputs(this.instances, instance, element.ioMapping.inputs);
    if (instance.role === 'element' && isActivity(element)) this.openBoundaries(instance, element);
    this.execute(instance, element);
  }

  private execute(instance: Instance, element: FlowElement): void {
    switch (element.kind) {
      case 'startEvent':
      case 'boundaryEvent':
      case 'task':
      case 'manualTask':
      case 'exclusiveGateway':
      case 'inclusiveGateway':
      case 'parallelGateway':
        return this.complete(instance, {});
      case 'endEvent':
        return this.endEvent(instance, element);
      case 'businessRuleTask':
        // A decision imported with the model is evaluated here (pure FEEL); otherwise it is a job.
        if (element.decision) {
          const value = evaluateDecision(element.decision, this.vars(instance));
          return this.complete(instance, { [element.decision.resultVariable]: value });
        }
        return this.startService(instance, element);
      case 'serviceTask':
      case 'sendTask':
        return this.startService(instance, element);
      case 'scriptTask':
        if (element.script) {
          const value = evalFeel(element.script.expression, this.vars(instance));
          return this.complete(instance, { [element.script.resultVariable]: value });
        }
        return element.binding ? this.startService(instance, element.binding) : this.complete(instance, {});
      case 'userTask':
        return this.openUserTask(instance, element);
      case 'receiveTask':
        instance.wait = { type: 'event' };
        return this.subscribeMessage(instance, element.id, element.message);
      case 'eventBasedGateway':
        instance.wait = { type: 'event' };
        for (const flowId of element.outgoing)
          this.subscribeTrigger(instance, this.index.element(this.index.flow(flowId).target));
        return;
      case 'intermediateCatchEvent':
        if (element.trigger.type === 'link') return this.complete(instance, {});
        instance.wait = { type: 'event' };
        return this.subscribeTrigger(instance, element);
      case 'intermediateThrowEvent':
        return this.throwEvent(instance, element);
      case 'subProcess':
        return this.openSubProcess(instance, element);
      case 'callActivity':
        return this.startCall(instance, element);
    }
  }

  private endEvent(instance: Instance, element: Extract<FlowElement, { kind: 'endEvent' }>): void {
    const trigger = element.trigger;
    if (trigger.type === 'terminate') return this.terminate(instance);
    if (trigger.type === 'error') {
      return this.throwError(instance, {
        code: trigger.code ?? '',
        message: trigger.message ?? `BPMN error ${trigger.code ?? ''}`,
      });
    }
    if (trigger.type === 'escalation') this.throwEscalation(instance, trigger.code ?? '');
    if (!this.instances[instance.id]) return;
    if (trigger.type === 'message' && element.binding) return this.startService(instance, element.binding);
    if (trigger.type === 'signal' && this.effects.patched(SIGNALS_PATCH))
      return this.throwSignal(instance, trigger.name);
    this.complete(instance, {});
  }

  private throwEvent(
    instance: Instance,
    element: Extract<FlowElement, { kind: 'intermediateThrowEvent' }>,
  ): void {
    const trigger = element.trigger;
    if (trigger.type === 'link') {
      const target = this.index.linkTarget(element.id, trigger.name);
      if (!target)
        throw new Incident(
          'NO_LINK_TARGET',
          `no link catch event named "${trigger.name}" in this scope`,
          element.id,
        );
      this.arrive(target, instance.parentId as string);
      return this.remove(instance);
    }
    if (trigger.type === 'escalation') this.throwEscalation(instance, trigger.code ?? '');
    if (!this.instances[instance.id]) return;
    if (trigger.type === 'message' && element.binding) return this.startService(instance, element.binding);
    if (trigger.type === 'signal' && this.effects.patched(SIGNALS_PATCH))
      return this.throwSignal(instance, trigger.name);
    this.complete(instance, {});
  }

  /** The element's own work is done: apply its result, take outgoing flows, end the token. */
  private complete(instance: Instance, result: Record<string, unknown>): void {
    const element = this.index.element(instance.elementId);
    if (instance.role === 'miInner') return this.innerCompleted(instance, element, result);
    if (instance.role !== 'miBody')
      applyResult(
        this.instances,
        instance,
        result,
        'ioMapping' in element ? element.ioMapping?.outputs : undefined,
      );
    if (element.kind === 'endEvent' && this.endsProcessLevel(instance))
      this.state.lastEndEventId = element.id;
    this.leave(instance, element);
  }

  /** Takes the outgoing flows; a condition that cannot be decided leaves the token at an incident. */
  private leave(instance: Instance, element: FlowElement): void {
    let flows: string[];
    try {
      flows = this.outgoingFlows(instance, element);
    } catch (error) {
      if (this.elementIncident(instance, error, 'leave')) return;
      throw error;
    }
    this.removeSubscriptionsOf(instance.id);
    for (const flowId of flows)
      this.arrive(this.index.flow(flowId).target, instance.parentId as string, flowId);
    this.remove(instance);
  }

  /**
   * Bad data or configuration at an element (patched): the element keeps its token and waits at an incident.
   * Returns false for other errors, and for histories recorded before the patch (the process ends failed).
   */
  private elementIncident(instance: Instance, error: unknown, resume: IncidentResume): boolean {
    const known =
      error instanceof Incident
        ? { code: error.code, message: error.message }
        : error instanceof FeelError
          ? { code: 'FEEL_ERROR', message: error.message }
          : undefined;
    if (!known || !this.instances[instance.id] || instance.role === 'process') return false;
    if (!this.effects.patched(ELEMENT_INCIDENTS_PATCH)) return false;
    // A retry enters again: what the failed entry subscribed (boundaries, catches) is opened anew then.
    if (resume === 'enter') this.removeSubscriptionsOf(instance.id);
    this.raiseIncident(instance, known.code, known.message);
    if (instance.wait?.type === 'incident') instance.wait.resume = resume;
    return true;
  }

  /** End events of the process itself or of its event sub-processes name how the process ended. */
  private endsProcessLevel(instance: Instance): boolean {
    const parent = instance.parentId === null ? undefined : this.instances[instance.parentId];
    return (
      parent?.role === 'process' ||
      (parent?.triggeredBy !== undefined && parent.parentId === this.state.rootId)
    );
  }

  /**
   * Flows a completed element takes: all of them for parallel splits; the first true one (else the default)
   * for exclusive gateways; all true ones (else the default) for inclusive gateways; for other elements
   * the unconditional flows plus the true conditional ones, the default only when no condition holds.
   */
  private outgoingFlows(instance: Instance, element: FlowElement): string[] {
    if (element.kind === 'parallelGateway' || element.kind === 'eventBasedGateway') return element.outgoing;
    const flows = element.outgoing.map((id) => this.index.flow(id));
    const defaultId = 'default' in element ? element.default : undefined;
    const isDefault = (f: SequenceFlow) => f.isDefault || f.id === defaultId;
    const gateway = element.kind === 'exclusiveGateway' || element.kind === 'inclusiveGateway';
    if (!gateway && !flows.some((f) => f.condition !== undefined || isDefault(f))) return element.outgoing;
    const context = this.vars(instance);
    const holds = (f: SequenceFlow) => f.condition === undefined || evalCondition(f.condition, context);
    const candidates = flows.filter((f) => !isDefault(f));
    const first = element.kind === 'exclusiveGateway' ? candidates.find(holds) : undefined;
    const taken = element.kind === 'exclusiveGateway' ? (first ? [first] : []) : candidates.filter(holds);
    const noConditionHeld = gateway ? taken.length === 0 : !taken.some((f) => f.condition !== undefined);
    if (noConditionHeld) taken.push(...flows.filter(isDefault));
    if (taken.length === 0 && flows.length > 0) {
      throw new Incident(
        'NO_OUTGOING_FLOW',
        `no condition of ${element.id} holds and it has no default flow`,
        element.id,
      );
    }
    return taken.map((f) => f.id);
  }

  /** Removes a finished token and lets its scope react (inclusive joins, scope completion). */
  private remove(instance: Instance): void {
    delete this.instances[instance.id];
    const scope = instance.parentId === null ? undefined : this.instances[instance.parentId];
    if (!scope || scope.role === 'miBody') return;
    for (const gatewayId of Object.keys(scope.joins ?? {})) {
      const gateway = this.index.element(gatewayId);
      if (gateway.kind === 'inclusiveGateway') this.tryJoin(scope, gateway);
    }
    if (this.children(scope.id).length === 0 && !this.waitingAtParallelJoin(scope))
      this.scopeCompleted(scope);
  }

  /**
   * An arrival at a parallel join is a token (BPMN): its scope does not complete, even when no other token
   * can come (the process stays running, as in Camunda 8). Patched: before, such a scope completed.
   */
  private waitingAtParallelJoin(scope: Instance): boolean {
    const waiting = Object.entries(scope.joins ?? {}).some(
      ([gatewayId, arrivals]) =>
        this.index.element(gatewayId).kind === 'parallelGateway' && Object.keys(arrivals).length > 0,
    );
    return waiting && this.effects.patched(PARALLEL_JOIN_PATCH);
  }

  private scopeCompleted(scope: Instance): void {
    if (scope.role === 'process' && startCycleOpen(this.state, this.index.process.startEventIds)) return;
    if (scope.role === 'process') return this.finish('completed');
    this.complete(scope, {});
  }

  /** Cancels an instance with everything below it: jobs, timers, open caseworker tasks, child processes. */
  private cancel(instance: Instance): void {
    for (const child of this.children(instance.id)) this.cancel(child);
    this.removeSubscriptionsOf(instance.id);
    const wait = instance.wait;
    if (wait?.type === 'job' && wait.purpose !== 'openTask') this.effects.cancelJob(instance.id);
    if (wait?.type === 'userTask') this.effects.closeTaskDetached(wait.taskId);
    if (wait?.type === 'child') this.effects.cancelChild(instance.id);
    delete this.instances[instance.id];
    if (wait?.type === 'incident')
      this.effects.closeIncident(
        wait.incidentId,
        { state: 'resolved', resolution: { outcome: 'cancelled' }, by: 'process' },
        this.openIncidents().length,
      );
  }

  private terminate(instance: Instance): void {
    const scope = this.instances[instance.parentId as string] as Instance;
    for (const child of this.children(scope.id)) this.cancel(child);
    if (scope.role === 'process') {
      this.state.lastEndEventId = instance.elementId;
      return this.finish('terminated');
    }
    this.removeSubscriptionsOf(scope.id, (s) => this.index.element(s.elementId).kind === 'startEvent');
    this.scopeCompleted(scope);
  }

  private finish(state: BpmnProcessResult['state'], error?: BpmnError): void {
    if (this.outcome) return;
    const root = this.instances[this.state.rootId];
    this.outcome = { state, variables: { ...(root?.variables ?? {}) } };
    if (state !== 'failed' && this.state.lastEndEventId) this.outcome.endEventId = this.state.lastEndEventId;
    if (error) this.outcome.error = error;
    if (root) this.cancel(root);
  }

  // ---- scopes ----

  private openSubProcess(instance: Instance, element: SubProcess): void {
    this.openEventSubProcesses(instance, element.scope);
    const starts = element.scope.startEventIds.filter((id) => {
      const start = this.index.element(id);
      return start.kind === 'startEvent' && start.trigger.type === 'none';
    });
    if (starts.length === 0)
      throw new Incident('NO_START_EVENT', `sub-process ${element.id} has no none start event`, element.id);
    for (const id of starts) this.arrive(id, instance.id);
  }

  private openEventSubProcesses(scopeInstance: Instance, scope: Scope): void {
    for (const espId of scope.eventSubProcessIds) {
      const esp = this.index.element(espId);
      if (esp.kind !== 'subProcess') continue;
      for (const startId of esp.scope.startEventIds)
        this.subscribeTrigger(scopeInstance, this.index.element(startId));
    }
  }

  private startEventSubProcess(
    scopeInstance: Instance,
    espId: string,
    start: FlowElement,
    variables: Record<string, unknown>,
    interrupting: boolean,
  ): void {
    if (interrupting) {
      for (const child of this.children(scopeInstance.id)) this.cancel(child);
      this.removeSubscriptionsOf(
        scopeInstance.id,
        (s) => this.index.element(s.elementId).kind === 'startEvent',
      );
    }
    const esp = this.create(espId, scopeInstance.id, 'element');
    esp.triggeredBy = start.id;
    const espElement = this.index.element(espId);
    if (espElement.kind === 'subProcess') this.openEventSubProcesses(esp, espElement.scope);
    this.activateCaught(start.id, esp.id, variables);
  }

  /** A caught event (boundary, event start, catch after an event-based gateway) starts a token that completes at once. */
  private activateCaught(elementId: string, scopeId: string, variables: Record<string, unknown>): void {
    const instance = this.create(elementId, scopeId, 'element');
    this.agenda.push(() => {
      if (this.instances[instance.id]) this.complete(instance, variables);
    });
  }

  // ---- subscriptions: timers and messages ----

  private subscribeTrigger(owner: Instance, element: FlowElement): void {
    const trigger = 'trigger' in element ? element.trigger : undefined;
    if (element.kind === 'receiveTask') this.subscribeMessage(owner, element.id, element.message);
    else if (trigger?.type === 'timer') this.subscribeTimer(owner, element.id, trigger.timer);
    else if (trigger?.type === 'message') this.subscribeMessage(owner, element.id, trigger.message);
    else if (trigger?.type === 'signal' && this.effects.patched(SIGNALS_PATCH))
      this.subscribeSignal(owner, element.id, trigger.name);
    else if (trigger?.type === 'signal') this.subscribeMessage(owner, element.id, { name: trigger.name });
  }

  private subscribeTimer(owner: Instance, elementId: string, timer: TimerDefinition): void {
    const schedule = scheduleTimer(timer, this.vars(owner), this.effects.now(), () =>
      this.effects.patched(TIMER_CYCLES_PATCH),
    );
    const subscription: Subscription = {
      id: `s${this.state.nextId++}`,
      ownerId: owner.id,
      elementId,
      timer: schedule,
    };
    this.state.subscriptions[subscription.id] = subscription;
    this.effects.armTimer(subscription);
  }

  private subscribeSignal(owner: Instance, elementId: string, name: string): void {
    const subscription: Subscription = {
      id: `s${this.state.nextId++}`,
      ownerId: owner.id,
      elementId,
      signal: { name: evalString(name, this.vars(owner)) },
    };
    this.state.subscriptions[subscription.id] = subscription;
  }

  /** A broadcast triggers every subscription with its name (not buffered: nobody waiting, nobody takes it). */
  private takeSignal(signal: BpmnSignal): void {
    if (!rememberSignal(this.state, signal.throwId)) return;
    for (const subscription of signalSubscriptions(this.state, signal.name)) {
      this.agenda.push(() => {
        // An interrupting catch before this one may have removed it.
        if (this.state.subscriptions[subscription.id]) this.trigger(subscription, signal.variables ?? {});
      });
    }
  }

  /** A signal throw (intermediate or end) waits until the broadcast activity has reached every subscriber. */
  private throwSignal(instance: Instance, name: string): void {
    const seq = this.state.nextId++;
    instance.wait = { type: 'job', seq, purpose: 'signal' };
    this.runJob(instance, seq, {
      kind: 'signal',
      elementId: instance.elementId,
      name: evalString(name, this.vars(instance)),
      // The signal carries the throw event's input mappings (Camunda 8.3+), not the whole process.
      variables: { ...(instance.variables ?? {}) },
    });
  }

  private subscribeMessage(owner: Instance, elementId: string, message: MessageRef): void {
    const context = this.vars(owner);
    const name = evalString(message.name, context);
    const correlationKey =
      message.correlationKey === undefined ? undefined : evalString(message.correlationKey, context);
    const subscription: Subscription = {
      id: `s${this.state.nextId++}`,
      ownerId: owner.id,
      elementId,
      message: { name, correlationKey },
    };
    this.state.subscriptions[subscription.id] = subscription;
    const buffered = this.state.bufferedMessages.findIndex((m) => this.matches(subscription, m));
    if (buffered >= 0) {
      const [message] = this.state.bufferedMessages.splice(buffered, 1);
      this.agenda.push(() => this.trigger(subscription, message?.variables ?? {}));
    }
  }

  private matches(subscription: Subscription, message: BpmnMessage): boolean {
    const wanted = subscription.message;
    return (
      !!wanted &&
      wanted.name === message.name &&
      (wanted.correlationKey === undefined || wanted.correlationKey === message.correlationKey)
    );
  }

  private correlate(message: BpmnMessage): void {
    const subscription = Object.values(this.state.subscriptions).find((s) => this.matches(s, message));
    if (subscription) return this.trigger(subscription, message.variables ?? {});
    // Called processes run as child workflows: a message nobody here waits for may be meant for them.
    const children = Object.values(this.instances)
      .filter((i) => i.wait?.type === 'child')
      .map((i) => i.id);
    if (children.length > 0) return this.effects.forwardMessage(children, message);
    this.state.bufferedMessages.push({
      name: message.name,
      correlationKey: message.correlationKey,
      variables: message.variables ?? {},
    });
    if (this.state.bufferedMessages.length > MAX_BUFFERED_MESSAGES) this.state.bufferedMessages.shift();
  }

  private removeSubscription(subscription: Subscription): void {
    if (subscription.timer) this.effects.disarmTimer(subscription.id);
    delete this.state.subscriptions[subscription.id];
  }

  private removeSubscriptionsOf(ownerId: string, filter: (s: Subscription) => boolean = () => true): void {
    for (const s of Object.values(this.state.subscriptions))
      if (s.ownerId === ownerId && filter(s)) this.removeSubscription(s);
  }

  /** Non-interrupting subscriptions stay: messages may come again, cycles re-arm until used up. */
  private keepOrRemove(subscription: Subscription): void {
    if (!subscription.timer) return;
    const next = nextTick(subscription.timer);
    if (!next) return this.removeSubscription(subscription);
    subscription.timer = next;
    this.effects.armTimer(subscription);
  }

  private trigger(subscription: Subscription, variables: Record<string, unknown>): void {
    const owner = this.instances[subscription.ownerId];
    if (!owner) return this.removeSubscription(subscription);
    const element = this.index.element(subscription.elementId);
    if (element.kind === 'boundaryEvent') {
      const scopeId = owner.parentId as string;
      if (element.cancelActivity) this.cancel(owner);
      else this.keepOrRemove(subscription);
      return this.activateCaught(element.id, scopeId, variables);
    }
    if (element.kind === 'startEvent') {
      const espId = this.index.eventSubProcessOf(element.id);
      if (espId) {
        if (!element.interrupting) this.keepOrRemove(subscription);
        return this.startEventSubProcess(owner, espId, element, variables, element.interrupting);
      }
      // A timer start cycle starts a token on every tick (patched; before, it fired once).
      if (subscription.timer && nextTick(subscription.timer) && this.effects.patched(TIMER_CYCLES_PATCH)) {
        this.keepOrRemove(subscription);
        return this.activateCaught(element.id, owner.id, variables);
      }
      this.removeSubscriptionsOf(owner.id, (s) => this.index.process.startEventIds.includes(s.elementId));
      return this.activateCaught(element.id, owner.id, variables);
    }
    if (owner.elementId === element.id) {
      this.removeSubscription(subscription);
      owner.wait = undefined;
      return this.complete(owner, variables);
    }
    // The owner is an event-based gateway: the first event wins, the gateway's other subscriptions go.
    this.removeSubscriptionsOf(owner.id);
    this.activateCaught(element.id, owner.parentId as string, variables);
    this.remove(owner);
  }

  // ---- boundary events, errors and escalations ----

  private openBoundaries(instance: Instance, element: Activity): void {
    for (const boundary of this.index.boundaries(element.id)) this.subscribeTrigger(instance, boundary);
  }

  private throwError(from: Instance, error: ThrownError): void {
    const caught = findCatch(this.index, this.instances, from, 'error', error.code);
    if (!caught) {
      return this.finish('failed', { code: error.code, message: error.message, elementId: from.elementId });
    }
    this.catchThrown(caught, error.variables ?? {}, true);
  }

  private throwEscalation(from: Instance, code: string): void {
    const caught = findCatch(this.index, this.instances, from, 'escalation', code);
    if (caught) this.catchThrown(caught, {}, caught.interrupting);
  }

  private catchThrown(
    caught: NonNullable<ReturnType<typeof findCatch>>,
    variables: Record<string, unknown>,
    interrupting: boolean,
  ): void {
    const at = this.instances[caught.instanceId] as Instance;
    const catcher = this.index.element(caught.elementId);
    if (catcher.kind === 'boundaryEvent') {
      const scopeId = at.parentId as string;
      if (interrupting) this.cancel(at);
      return this.activateCaught(catcher.id, scopeId, variables);
    }
    this.startEventSubProcess(
      at,
      this.index.eventSubProcessOf(catcher.id) as string,
      catcher,
      variables,
      interrupting,
    );
  }

  // ---- jobs: service tasks and user tasks ----

  private startService(
    instance: Instance,
    binding: { taskType: string; headers: Record<string, string>; retries: number },
  ): void {
    const seq = this.state.nextId++;
    instance.wait = { type: 'job', seq, purpose: 'service' };
    const { taskType, headers, retries } = binding;
    this.runJob(instance, seq, {
      kind: 'service',
      elementId: instance.elementId,
      binding: { taskType, headers, retries },
      variables: this.vars(instance),
    });
  }

  private openUserTask(instance: Instance, element: Extract<FlowElement, { kind: 'userTask' }>): void {
    const seq = this.state.nextId++;
    instance.wait = { type: 'job', seq, purpose: 'openTask' };
    const context = this.vars(instance);
    this.runJob(instance, seq, {
      kind: 'openTask',
      instanceId: instance.id,
      elementId: element.id,
      name: element.name ?? element.id,
      formFields: element.formFields,
      candidateGroups: element.candidateGroups,
      // Only set for models that have them, so the activity input of every other model stays as it was.
      ...(element.candidateUsers ? { candidateUsers: element.candidateUsers } : {}),
      ...(element.guided ? { guided: element.guided } : {}),
      ...(element.assignee ? { assignee: evalString(element.assignee, context) } : {}),
      variables: context,
    });
  }

  private userTaskCompleted(taskId: string, output: Record<string, unknown>): void {
    const instance = Object.values(this.instances).find(
      (i) => i.wait?.type === 'userTask' && i.wait.taskId === taskId,
    );
    if (!instance) return;
    const seq = this.state.nextId++;
    instance.wait = { type: 'job', seq, purpose: 'closeTask', pendingResult: output };
    this.runJob(instance, seq, { kind: 'closeTask', taskId, outcome: 'completed', output });
  }

  private jobDone(instanceId: string, seq: number, purpose: string, result: Record<string, unknown>): void {
    const instance = this.instances[instanceId];
    const wait = instance?.wait;
    if (!instance || wait?.type !== 'job' || wait.seq !== seq) {
      // The task was opened after its activity had been interrupted: close it again.
      if (purpose === 'openTask' && typeof result.taskId === 'string')
        this.effects.closeTaskDetached(result.taskId);
      return;
    }
    if (wait.purpose === 'openTask') {
      instance.wait = { type: 'userTask', taskId: String(result.taskId) };
      return;
    }
    instance.wait = undefined;
    if (wait.purpose === 'signal') return this.complete(instance, {});
    this.complete(instance, wait.purpose === 'closeTask' ? (wait.pendingResult ?? {}) : result);
  }

  private jobFailed(instanceId: string, seq: number, purpose: string, failure: JobFailure): void {
    const instance = this.instances[instanceId];
    const wait = instance?.wait;
    if (!instance || wait?.type !== 'job' || wait.seq !== seq) return;
    instance.wait = undefined;
    if (failure.bpmnError && purpose === 'service') return this.throwError(instance, failure.bpmnError);
    // Closing a task in the task list failed for good: the caseworker's output still counts.
    if (purpose === 'closeTask') return this.complete(instance, wait.pendingResult ?? {});
    this.raiseIncident(instance, failure.type ?? 'TASK_FAILED', failure.message);
  }

  // ---- incidents: the element waits for an administrator ----

  private raiseIncident(instance: Instance, code: string, message: string): void {
    const incidentId = this.effects.incidentId(this.state.nextId++);
    instance.wait = { type: 'incident', incidentId, code, message };
    this.effects.raiseIncident({ incidentId, elementId: instance.elementId, code, message });
  }

  /** Incidents open at elements of this process instance. */
  openIncidents(): OpenIncident[] {
    return Object.values(this.instances).flatMap((i) =>
      i.wait?.type === 'incident'
        ? [
            {
              incidentId: i.wait.incidentId,
              step: i.elementId,
              elementId: i.elementId,
              errorType: i.wait.code,
            },
          ]
        : [],
    );
  }

  /** Refuses an action this process cannot take (the update validator); the action's form is checked before. */
  assertIncidentAction(action: IncidentAction): void {
    if (!this.incidentInstance(action.incidentId))
      throw new Error(`incident ${action.incidentId} is not open in this process instance`);
    if (action.action === 'resolve' && action.resolution.outcome === 'close')
      throw new Error(
        'outcome "close" is for incidents of the case; here resolve with retry, skip, continue or error (a BPMN error the model catches)',
      );
  }

  private incidentInstance(incidentId: string): Instance | undefined {
    return Object.values(this.instances).find(
      (i) => i.wait?.type === 'incident' && i.wait.incidentId === incidentId,
    );
  }

  private incidentAction(action: IncidentAction): void {
    const instance = this.incidentInstance(action.incidentId);
    const wait = instance?.wait;
    if (!instance || wait?.type !== 'incident') return;
    instance.wait = undefined;
    const resolution = action.action === 'retry' ? { outcome: 'retry' } : action.resolution;
    this.effects.closeIncident(
      action.incidentId,
      { state: action.action === 'retry' ? 'retried' : 'resolved', resolution, by: action.by },
      this.openIncidents().length,
    );
    const element = this.index.element(instance.elementId);
    if (action.action === 'retry' && wait.resume === 'enter') return this.enter(instance.id);
    if (action.action === 'retry' && wait.resume === 'leave') return this.leave(instance, element);
    if (action.action === 'retry') {
      try {
        return this.execute(instance, element);
      } catch (error) {
        if (!this.elementIncident(instance, error, 'enter')) throw error;
        return;
      }
    }
    const r = action.resolution;
    if (r.outcome === 'continue') {
      // complete() applies no result of a multi-instance body (its items do): the administrator's values still count.
      if (instance.role === 'miBody') applyResult(this.instances, instance, r.value, undefined);
      return this.complete(instance, r.value);
    }
    if (r.outcome === 'error')
      return this.throwError(instance, { code: r.code, message: r.message ?? `BPMN error ${r.code}` });
    this.complete(instance, {});
  }

  // ---- call activities ----

  private startCall(instance: Instance, element: Extract<FlowElement, { kind: 'callActivity' }>): void {
    const context = this.vars(instance);
    const processId = evalString(element.calledProcessId, context);
    instance.wait = { type: 'child' };
    this.runChild(instance, { processId, variables: context });
  }

  private childDone(instanceId: string, result: BpmnProcessResult): void {
    const instance = this.instances[instanceId];
    if (instance?.wait?.type !== 'child') return;
    const element = this.index.element(instance.elementId);
    instance.wait = undefined;
    if (result.state === 'failed') {
      const error = result.error ?? { code: 'CALL_ACTIVITY_FAILED', message: 'called process failed' };
      if (error.incident) return this.raiseIncident(instance, error.code, `called process: ${error.message}`);
      return this.throwError(instance, { code: error.code, message: error.message });
    }
    const propagateAll = element.kind === 'callActivity' && element.propagateAllVariables;
    const hasOutputs = element.kind === 'callActivity' && (element.ioMapping?.outputs.length ?? 0) > 0;
    this.complete(instance, propagateAll || hasOutputs ? result.variables : {});
  }

  // ---- multi-instance ----

  private startMultiInstance(body: Instance, element: Activity): void {
    const mi = element.multiInstance;
    if (!mi) return;
    const items = evalFeel(mi.inputCollection, this.vars(body));
    if (!Array.isArray(items)) {
      throw new Incident(
        'INVALID_COLLECTION',
        `inputCollection "${mi.inputCollection}" is not a list`,
        element.id,
      );
    }
    body.mi = { items, nextIndex: 0, completed: 0, outputs: items.map(() => null) };
    if (items.length === 0) return this.finishMultiInstance(body, element);
    const count = mi.sequential ? 1 : items.length;
    for (let i = 0; i < count; i++) this.spawnInner(body, element);
  }

  private spawnInner(body: Instance, element: Activity): void {
    const state = body.mi;
    if (!state) return;
    const index = state.nextIndex++;
    const inner = this.create(element.id, body.id, 'miInner');
    inner.miIndex = index;
    inner.variables = { loopCounter: index + 1 };
    if (element.multiInstance?.inputElement)
      setLocal(inner, element.multiInstance.inputElement, state.items[index]);
    this.agenda.push(() => {
      if (!this.instances[inner.id]) return;
      try {
        if (element.ioMapping) applyInputs(this.instances, inner, element.ioMapping.inputs);
        this.execute(inner, element);
      } catch (error) {
        if (!this.elementIncident(inner, error, 'enter')) throw error;
      }
    });
  }

  private innerCompleted(inner: Instance, element: FlowElement, result: Record<string, unknown>): void {
    const body = this.instances[inner.parentId as string] as Instance;
    const mi = isActivity(element) ? element.multiInstance : undefined;
    if (!mi || !body.mi)
      throw new Incident('INTERNAL', `multi-instance state of ${element.id} is missing`, element.id);
    applyResult(this.instances, inner, result, isActivity(element) ? element.ioMapping?.outputs : undefined);
    if (mi.outputElement)
      body.mi.outputs[inner.miIndex ?? 0] = evalFeel(mi.outputElement, { ...this.vars(inner), ...result });
    this.removeSubscriptionsOf(inner.id);
    delete this.instances[inner.id];
    body.mi.completed += 1;
    const active = this.children(body.id).length;
    const total = body.mi.items.length;
    const context = {
      ...this.vars(body),
      numberOfInstances: total,
      numberOfCompletedInstances: body.mi.completed,
      numberOfActiveInstances: active,
    };
    if (mi.completionCondition && evalCondition(mi.completionCondition, context)) {
      for (const child of this.children(body.id)) this.cancel(child);
      return this.finishMultiInstance(body, element);
    }
    if (mi.sequential && body.mi.nextIndex < total && isActivity(element))
      return this.spawnInner(body, element);
    if (active === 0) this.finishMultiInstance(body, element);
  }

  private finishMultiInstance(body: Instance, element: FlowElement): void {
    const mi = isActivity(element) ? element.multiInstance : undefined;
    if (mi?.outputCollection)
      propagate(this.instances, body.parentId, mi.outputCollection, body.mi?.outputs ?? []);
    body.mi = undefined;
    this.complete(body, {});
  }

  // ---- the admin view ----

  /** Active tokens, open waits and process variables (a fresh copy for the bpmnState query). */
  view(): BpmnStateView {
    return describeState(this.state, this.outcome);
  }
}
