// Before a new interpreter (or hub release) goes live: which running cases would it break?
import { route, type RouteSpec } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import {
  checkCompatibility,
  currentWorkflowCode,
  runningProcessIds,
  type WorkflowCode,
} from '../../bpmn/compatibility';

const MAX_CASES = 500;

const bodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    workflowIds: {
      type: 'array',
      maxItems: MAX_CASES,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 300 },
      description: 'Workflow ids of the cases to check; default: all running BPMN processes (up to 200).',
    },
  },
} as const;

/** POST /api/v1/admin/process-models/compatibility: replay running cases against the current workflow code. */
export function processCompatibilityRoutes(
  { temporal }: AppDeps,
  code: () => Promise<WorkflowCode> = currentWorkflowCode,
): RouteSpec<never>[] {
  return [
    route<{ workflowIds?: string[] }>({
      method: 'post',
      path: '/api/v1/admin/process-models/compatibility',
      tag: 'process-models',
      roles: ['admin'],
      body: bodySchema,
      summary:
        'Replay the histories of running cases against the current interpreter; lists the cases it would break',
      responses: {
        200: { description: 'compatible, incompatible (with the replay error) and unavailable cases' },
        503: { description: 'Temporal unreachable', schema: problemSchema },
      },
      handler: async ({ body }) => {
        try {
          const ids = body.workflowIds ?? (await runningProcessIds(temporal));
          return { body: await checkCompatibility(temporal, ids, await code()) };
        } catch (error) {
          if (error instanceof Problem) throw error;
          throw new Problem(
            'unavailable',
            `The compatibility check could not read or replay histories: ${(error as Error).message}`,
          );
        }
      },
    }),
  ] as RouteSpec<never>[];
}
