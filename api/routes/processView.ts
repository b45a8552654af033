// The office process of one case for the caseworker's diagram: the pinned model's BPMN XML, the elements
// already done and where the tokens are now. Read from the case's own process workflow, checked against the office.
import { WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { route } from '../route';
import type { AppDeps } from '../deps';
import { problemSchema } from '../schemas/common';
import { assertHandlingOffice, loadCase } from '../caseAccess';
import { getProcessModel } from '../../bpmn/depot';
import { listTasks } from '../../db/tasks';
import { bpmnStateQuery } from '../../workflows/bpmn/api';

export function processViewRoutes({ pool, temporal }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/api/v1/applications/:id/process',
      tag: 'caseworker',
      roles: ['caseworker', 'admin'],
      summary:
        "The case's office process: model XML, completed and active element ids (for the BPMN diagram)",
      responses: {
        200: { description: "kind 'bpmn' with xml, completed and active; 'default' or 'none' otherwise" },
        404: { description: 'Unknown or not your office', schema: problemSchema },
      },
      /** Only the handling office sees its process; participating offices and other offices get 404. */
      handler: async ({ principal, params }) => {
        const c = await loadCase(pool, params.id!, principal);
        assertHandlingOffice(principal, c);
        const workflowId = `${c.id}/process`;
        const handle = temporal.workflow.getHandle(workflowId);
        const history = await handle.fetchHistory().catch((error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return undefined;
          throw error;
        });
        const started = history?.events?.[0]?.workflowExecutionStartedEventAttributes;
        if (!history || !started) return { body: { kind: 'none' } };
        if (started.workflowType?.name !== 'bpmnProcessWorkflow') return { body: { kind: 'default' } };
        const converter = temporal.options.loadedDataConverter;
        const [input] = (await decodeArrayFromPayloads(converter, started.input?.payloads)) as [
          { modelRef?: { modelId: string; version: number }; model?: { processId?: string } },
        ];
        const model = input.modelRef ? await getProcessModel(pool, input.modelRef.modelId) : undefined;
        if (!model) return { body: { kind: 'bpmn', xml: null, completed: [], active: [] } };

        // Done: service tasks whose activity completed, user tasks the office completed.
        const completedIds = new Set<string>();
        const scheduled = new Map<string, NonNullable<typeof history.events>[number]>();
        for (const event of history.events ?? []) {
          if (event.activityTaskScheduledEventAttributes?.activityType?.name === 'runServiceTask')
            scheduled.set(String(event.eventId), event);
          const done = event.activityTaskCompletedEventAttributes;
          const origin = done && scheduled.get(String(done.scheduledEventId));
          if (origin) {
            const [request] = (await decodeArrayFromPayloads(
              converter,
              origin.activityTaskScheduledEventAttributes!.input?.payloads,
            )) as [{ elementId: string }];
            completedIds.add(request.elementId);
          }
        }
        for (const t of await listTasks(pool, { applicationId: c.id, status: 'completed' }))
          if (t.workflowId === workflowId) completedIds.add(t.elementId);

        const running = (await handle.describe()).status.name === 'RUNNING';
        const state = running ? await handle.query(bpmnStateQuery).catch(() => undefined) : undefined;
        const active = [...new Set((state?.tokens ?? []).map((t) => t.elementId))];
        return {
          body: {
            kind: 'bpmn',
            model: { id: model.id, name: model.name, version: model.version },
            status: running ? 'running' : 'closed',
            xml: model.files[model.mainFile] ?? null,
            completed: [...completedIds].filter((id) => !active.includes(id)),
            active,
          },
        };
      },
    }),
  ];
}
