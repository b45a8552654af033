// Caseworker tasks opened and closed by workflows (the application workflow and BPMN processes).
import { cancelTasksOfWorkflow, closeTask, openTask } from '../db/tasks';
import { getApplication } from '../db/applications';
import type { ActivityDeps } from './deps';

export interface OpenTaskInput {
  taskId?: string;
  workflowId: string;
  runId?: string;
  elementId: string;
  name: string;
  kind?: string;
  formFields?: unknown[];
  candidateGroups?: string[];
  candidateUsers?: string[];
  /** Guided mode: the kind of caseworker step and the element's documentation as instructions. */
  guided?: { kind: string; instructions?: string };
  variables?: Record<string, unknown>;
  /** Application id; BPMN processes pass it as their business key. */
  applicationId?: string;
  businessKey?: string;
  /** Another office than the case's own (participating agencies). */
  officeId?: string;
  dueAt?: string | null;
}

export function createCaseTaskActivities({ pool }: ActivityDeps) {
  return {
    /** Puts a task into the office's task list; the id is stable per workflow and element, so retries are harmless. */
    async openCaseworkerTask(input: OpenTaskInput): Promise<{ taskId: string }> {
      const applicationId = input.applicationId ?? input.businessKey ?? input.workflowId;
      const application = await getApplication(pool, applicationId);
      const route = application?.route;
      if (!application || !route)
        throw new Error(`task for unknown or unrouted application ${applicationId}`);
      const officeArs = input.officeId
        ? ((await pool.query('SELECT ars FROM offices WHERE id = $1', [input.officeId])).rows[0]?.ars ??
          route.ars)
        : route.ars;
      const taskId = input.taskId ?? `${input.workflowId}:${input.elementId}`;
      await openTask(pool, {
        id: taskId,
        applicationId,
        ars: officeArs,
        officeId: input.officeId ?? route.officeId,
        leikaId: application.leikaId,
        workflowId: input.workflowId,
        elementId: input.elementId,
        kind: input.kind ?? (input.guided ? `guided-${input.guided.kind}` : 'user-task'),
        title: input.name,
        formFields: input.formFields ?? [],
        context: {
          candidateGroups: input.candidateGroups ?? [],
          ...(input.candidateUsers ? { candidateUsers: input.candidateUsers } : {}),
          ...(input.guided?.instructions ? { instructions: input.guided.instructions } : {}),
          variables: input.variables ?? {},
        },
        dueAt: input.dueAt ?? null,
      });
      return { taskId };
    },
    /** Marks a task completed or cancelled (no-op if already closed). */
    async closeCaseworkerTask({
      taskId,
      outcome,
      output,
    }: {
      taskId: string;
      outcome: 'completed' | 'cancelled';
      output?: Record<string, unknown>;
    }): Promise<void> {
      await closeTask(pool, taskId, outcome, output ?? null);
    },
    /** Cancels whatever a cancelled child process left open. */
    async cancelOpenTasks({ workflowId }: { workflowId: string }): Promise<number> {
      return cancelTasksOfWorkflow(pool, workflowId);
    },
  };
}
