// A fake-effects harness for the token engine: the `Effects` port answered synchronously in memory, with a
// manual clock. Activities run at once (or wait for the test: `manual` task types), timers fire only when
// the test advances the clock, called processes run as nested engines. Events reach an engine one at a
// time through one queue, as they reach the workflow through its inbox, so runs are deterministic.
import type { ProcessModel } from '../../../workflows/bpmn/model';
import { Engine, initialState } from '../../../workflows/bpmn/engine';
import { indexProcess } from '../../../workflows/bpmn/processIndex';
import {
  UNKNOWN_TASK_TYPE,
  type BpmnMessage,
  type BpmnProcessResult,
  type BpmnStateView,
} from '../../../workflows/bpmn/api';
import type { ChildRequest, Effects, EngineEvent, JobRequest } from '../../../workflows/bpmn/ports';
import type { Subscription } from '../../../workflows/bpmn/state';
import type { IncidentAction, IncidentResolution } from '../../../workflows/incidents';
import { failureOf, World, type HarnessOptions, type HarnessTask, type PendingJob } from './world';

export type { Handler, HarnessOptions, HarnessTask } from './world';

/** One process instance (the main one or a called one) with its engine and its fake effects. */
export class ProcessHarness implements Effects {
  engine: Engine;
  readonly key: string;
  private readonly children = new Map<string, ProcessHarness>();
  private readonly jobs = new Map<string, object>();
  gone = false;

  constructor(
    readonly world: World,
    processId: string,
    private readonly parent?: { harness: ProcessHarness; instanceId: string },
  ) {
    this.key = world.processKey();
    world.processes.push(this);
    const process = world.model.processes[processId];
    if (!process) throw new Error(`harness: no process ${processId} in the model`);
    this.engine = new Engine(indexProcess(process), initialState(processId), this);
  }

  // ---- what tests use ----

  get result(): BpmnProcessResult | undefined {
    return this.engine.outcome;
  }

  get tasks(): HarnessTask[] {
    return [...this.world.tasks.values()];
  }

  get calls() {
    return this.world.calls;
  }

  get log(): string[] {
    return this.world.log;
  }

  view(): BpmnStateView {
    return this.engine.view();
  }

  /** Incidents the engine raised at elements of this instance, with how they ended. */
  readonly incidents: {
    incidentId: string;
    elementId: string;
    code: string;
    message: string;
    state: 'open' | 'retried' | 'resolved';
  }[] = [];

  // ---- the Effects port: incidents are kept in memory ----

  incidentId(n: number): string {
    return `${this.key}/incident/${n}`;
  }

  raiseIncident(incident: { incidentId: string; elementId: string; code: string; message: string }): void {
    this.incidents.push({ ...incident, state: 'open' });
    this.world.log.push(`incident ${incident.elementId} ${incident.code}`);
  }

  closeIncident(incidentId: string, outcome: { state: 'retried' | 'resolved' }): void {
    const incident = this.incidents.find((i) => i.incidentId === incidentId);
    if (incident) incident.state = outcome.state;
  }

  /** The open caseworker task of an element (in this process or a called one); throws if there is none. */
  openTask(elementId: string): HarnessTask {
    const task = this.tasks.find((t) => t.elementId === elementId && t.status === 'open');
    if (!task) throw new Error(`harness: no open task for ${elementId}`);
    return task;
  }

  /** The completeUserTask update: rejected like the workflow's validator when the task is not open. */
  complete(taskOrElementId: string, output: Record<string, unknown> = {}): void {
    const task =
      this.world.tasks.get(taskOrElementId) ??
      this.tasks.find((t) => t.elementId === taskOrElementId && t.status === 'open');
    const owner = task && this.find(task.process);
    if (!task || !owner || !owner.engine.isOpenTask(task.taskId))
      throw new Error(`user task ${taskOrElementId} is not open in this process instance`);
    owner.engine.markCompleting(task.taskId);
    owner.deliver({ type: 'userTaskCompleted', taskId: task.taskId, output });
    this.world.run();
  }

  /** A bpmnSignal broadcast from outside (as the broadcast activity of another instance sends it). */
  signal(
    name: string,
    variables: Record<string, unknown> = {},
    throwId = `ext/${name}/${this.world.now}`,
  ): void {
    this.deliver({ type: 'signal', signal: { throwId, name, variables } });
    this.world.run();
  }

  /** The incidentAction update for the n-th incident of this instance (retry, or resolve with an outcome). */
  incidentAction(
    n: number,
    action: { action: 'retry' } | { action: 'resolve'; resolution: IncidentResolution },
  ): void {
    const incident = this.incidents[n];
    if (!incident) throw new Error(`harness: no incident #${n}`);
    const full = { incidentId: incident.incidentId, by: 'admin', ...action } as IncidentAction;
    this.engine.assertIncidentAction(full);
    this.deliver({ type: 'incidentAction', action: full });
    this.world.run();
  }

  /** The bpmnMessage signal. */
  message(message: BpmnMessage): void {
    this.deliver({ type: 'message', message });
    this.world.run();
  }

  advance(ms: number): void {
    this.world.advance(ms);
  }

  /** Completes a waiting job of a `manual` task type (the first for the element, or the first that `match`es). */
  finishJob(
    elementId: string,
    result: Record<string, unknown> = {},
    match?: (variables: Record<string, unknown>) => boolean,
  ): void {
    const job = this.takeManual(elementId, match);
    job.owner.deliver({
      type: 'jobDone',
      instanceId: job.instanceId,
      seq: job.seq,
      purpose: 'service',
      result,
    });
    this.world.run();
  }

  /** Fails a waiting job of a `manual` task type (a thrown `bpmnError(...)` or a technical error). */
  failJob(elementId: string, error: unknown): void {
    const job = this.takeManual(elementId);
    job.owner.deliver({
      type: 'jobFailed',
      instanceId: job.instanceId,
      seq: job.seq,
      purpose: 'service',
      failure: failureOf(error),
    });
    this.world.run();
  }

  /** Jobs of manual task types that are waiting (element ids). */
  get waitingJobs(): string[] {
    return this.world.manualJobs.map((j) => (j.job.kind === 'service' ? j.job.elementId : j.job.kind));
  }

  /** Continue-as-new: the state goes through JSON into a fresh engine, which resumes (re-arms its timers). */
  continueAsNew(): void {
    if (this.jobs.size > 0 || this.children.size > 0)
      throw new Error('harness: the workflow continues as new only when no activity or child runs');
    const state = JSON.parse(JSON.stringify(this.engine.state)) as Engine['state'];
    for (const [key, timer] of this.world.timers) if (timer.owner === this) this.world.timers.delete(key);
    this.engine = new Engine(this.engine.index, state, this);
    this.engine.resume();
    this.world.run();
  }

  /** Workflow cancellation. */
  cancel(): void {
    this.engine.abort();
    this.world.run();
  }

  // ---- the Effects port ----

  /** The harness runs no recorded history: every patch applies. */
  patched(): boolean {
    return true;
  }

  now(): number {
    return this.world.now;
  }

  startJob(instanceId: string, seq: number, job: JobRequest): void {
    const token = {};
    this.jobs.set(instanceId, token);
    this.world.log.push(`job ${job.kind} ${job.kind === 'closeTask' ? job.taskId : job.elementId}`);
    this.world.queue.push(() => {
      if (this.jobs.get(instanceId) !== token) return;
      this.jobs.delete(instanceId);
      this.runJob(instanceId, seq, job);
    });
  }

  cancelJob(instanceId: string): void {
    this.world.log.push(`cancelJob ${instanceId}`);
    this.jobs.delete(instanceId);
    const manual = this.world.manualJobs.findIndex((j) => j.owner === this && j.instanceId === instanceId);
    if (manual >= 0) this.world.manualJobs.splice(manual, 1);
  }

  closeTaskDetached(taskId: string): void {
    this.world.log.push(`closeTaskDetached ${taskId}`);
    this.world.queue.push(() => this.closeTask(taskId, 'cancelled'));
  }

  armTimer(subscription: Subscription): void {
    const dueAt = subscription.timer?.dueAt ?? this.world.now;
    this.world.log.push(`timer+ ${subscription.elementId} @${dueAt - this.world.now}`);
    this.world.timers.set(`${this.key}:${subscription.id}`, {
      owner: this,
      subscriptionId: subscription.id,
      dueAt,
    });
  }

  disarmTimer(subscriptionId: string): void {
    if (this.world.timers.delete(`${this.key}:${subscriptionId}`))
      this.world.log.push(`timer- ${subscriptionId}`);
  }

  startChild(instanceId: string, request: ChildRequest): void {
    this.world.log.push(`child+ ${request.processId}`);
    const child = new ProcessHarness(this.world, request.processId, { harness: this, instanceId });
    this.children.set(instanceId, child);
    this.world.queue.push(() => {
      child.engine.start(request.variables);
      child.afterEvent();
    });
  }

  cancelChild(instanceId: string): void {
    const child = this.children.get(instanceId);
    if (!child) return;
    this.world.log.push(`child- ${child.engine.state.processId}`);
    this.children.delete(instanceId);
    this.world.queue.push(() => {
      child.engine.abort();
      child.gone = true;
    });
  }

  forwardMessage(instanceIds: string[], message: BpmnMessage): void {
    for (const id of instanceIds) this.children.get(id)?.deliver({ type: 'message', message });
  }

  // ---- internals ----

  /** Queues an event for this engine, as the workflow's inbox does. */
  deliver(event: EngineEvent): void {
    this.world.queue.push(() => {
      if (this.gone) return;
      this.engine.handle(event);
      this.afterEvent();
    });
  }

  private afterEvent(): void {
    const outcome = this.engine.outcome;
    if (!outcome || !this.parent || this.gone) return;
    this.gone = true;
    const { harness, instanceId } = this.parent;
    if (harness.children.get(instanceId) === this) harness.children.delete(instanceId);
    harness.deliver({ type: 'childDone', instanceId, result: outcome });
  }

  private find(key: string): ProcessHarness | undefined {
    if (this.key === key) return this;
    for (const child of this.children.values()) {
      const found = child.find(key);
      if (found) return found;
    }
    return undefined;
  }

  private takeManual(elementId: string, match?: (variables: Record<string, unknown>) => boolean): PendingJob {
    const index = this.world.manualJobs.findIndex(
      (j) => j.job.kind === 'service' && j.job.elementId === elementId && (!match || match(j.job.variables)),
    );
    if (index < 0) throw new Error(`harness: no waiting job for ${elementId}`);
    return this.world.manualJobs.splice(index, 1)[0]!;
  }

  private closeTask(
    taskId: string,
    outcome: 'completed' | 'cancelled',
    output?: Record<string, unknown>,
  ): void {
    const task = this.world.tasks.get(taskId);
    if (task?.status === 'open') Object.assign(task, { status: outcome, ...(output ? { output } : {}) });
  }

  private runJob(instanceId: string, seq: number, job: JobRequest): void {
    const done = (result: Record<string, unknown>) =>
      this.deliver({ type: 'jobDone', instanceId, seq, purpose: job.kind, result });
    if (job.kind === 'openTask') {
      const taskId = `${this.key}:${job.elementId}:${job.instanceId}`;
      if (!this.world.tasks.has(taskId)) {
        this.world.tasks.set(taskId, {
          taskId,
          elementId: job.elementId,
          process: this.key,
          status: 'open',
          candidateGroups: job.candidateGroups,
          ...(job.assignee ? { assignee: job.assignee } : {}),
          name: job.name,
          formFields: job.formFields,
          ...(job.guided ? { guided: job.guided } : {}),
        });
      }
      return done({ taskId });
    }
    if (job.kind === 'closeTask') {
      this.closeTask(job.taskId, job.outcome, job.output);
      return done({});
    }
    if (job.kind === 'signal') {
      const throwId = `${this.key}/signal/${seq}`;
      this.world.log.push(`signal ${job.name}`);
      if (this.world.failSignals) {
        return this.deliver({
          type: 'jobFailed',
          instanceId,
          seq,
          purpose: 'signal',
          failure: { message: 'broadcast failed' },
        });
      }
      // At least once: the harness delivers every broadcast twice; engines must take it once.
      for (let copy = 0; copy < 2; copy++)
        for (const harness of this.world.processes)
          if (!harness.gone)
            harness.deliver({
              type: 'signal',
              signal: { throwId, name: job.name, variables: job.variables },
            });
      return done({});
    }
    const { taskType } = job.binding;
    this.world.calls.push({ taskType, elementId: job.elementId, variables: job.variables });
    if (this.world.manual.has(taskType)) {
      this.world.manualJobs.push({ owner: this, instanceId, seq, job });
      return;
    }
    const handler = this.world.handlers[taskType];
    if (!handler) {
      return this.deliver({
        type: 'jobFailed',
        instanceId,
        seq,
        purpose: 'service',
        failure: { type: UNKNOWN_TASK_TYPE, message: `no handler for task type ${taskType}` },
      });
    }
    try {
      done(
        handler({ elementId: job.elementId, variables: job.variables, headers: job.binding.headers }) ?? {},
      );
    } catch (error) {
      this.deliver({ type: 'jobFailed', instanceId, seq, purpose: 'service', failure: failureOf(error) });
    }
  }
}

/** Starts the model's main process on a fresh world and runs it until everything waits. */
export function runProcess(
  model: ProcessModel,
  variables: Record<string, unknown> = {},
  options: HarnessOptions = {},
): ProcessHarness {
  const world = new World(
    model,
    options.handlers ?? {},
    new Set(options.manual ?? []),
    options.now ?? Date.parse('2026-01-05T08:00:00Z'),
  );
  const harness = new ProcessHarness(world, model.mainProcessId);
  world.queue.push(() => {
    harness.engine.start(variables, options.startEventId);
  });
  world.run();
  return harness;
}
