import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { assertMayReadApplication } from '../auth';
import { problemSchema, statusSchema } from '../schemas/common';
import { getApplication } from '../../db/applications';
import { loadStatus } from '../../db/status';

export function applicationRoutes({ pool }: AppDeps) {
  return [
    route({
      method: 'get', path: '/api/v1/applications/:id/status', tag: 'applicant', roles: ['applicant', 'caseworker', 'admin'],
      summary: 'Current status, open requests and history (served from the read model)',
      responses: { 200: { description: 'Status', schema: statusSchema }, 404: { description: 'Unknown application', schema: problemSchema } },
      handler: async ({ params, principal }) => {
        const application = await getApplication(pool, params.id!);
        if (!application) throw new Problem('not-found', `No application ${params.id}.`);
        assertMayReadApplication(principal, application);
        const status = await loadStatus(pool, application.id);
        if (!status) throw new Problem('not-found', `No status for application ${params.id} yet.`);
        return { body: status };
      },
    }),
  ];
}
