import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { runTestPlan } from '../../demo/testPlanRunner';
import { DEMO_ARS, DEMO_TOKENS } from '../../demo/seed';

export function testPlanRoutes({ pool, temporal, config }: AppDeps) {
  return [
    route<{ municipality?: string }>({
      method: 'post',
      path: '/api/v1/admin/test-plans/:serviceId/run',
      tag: 'operations',
      roles: ['admin'],
      summary:
        "Run the service's test plan against the fictive test organisation; returns the acceptance report",
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { municipality: { type: 'string', pattern: '^[0-9]{12}$' } },
      },
      responses: {
        200: { description: 'Acceptance report' },
        404: { description: 'No plan for this service', schema: problemSchema },
        409: { description: 'Not in demo mode', schema: problemSchema },
      },
      handler: async ({ params, body }) => {
        if (config.mode !== 'demo')
          throw new Problem(
            'conflict',
            'Test plans run against the fictive test organisation, which is loaded in demo mode only.',
          );
        const report = await runTestPlan(
          { pool, temporal, apiUrl: config.integrations.publicApiUrl, portalToken: DEMO_TOKENS.portal },
          params.serviceId!,
          body?.municipality ?? DEMO_ARS,
        );
        if (!report)
          throw new Problem(
            'not-found',
            `No test plan for service ${params.serviceId}; see GET /api/v1/admin/services.`,
          );
        return { body: report };
      },
    }),
  ];
}
