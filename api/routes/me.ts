// "Who am I" for a bearer token: role and scope, so the portal can offer the navigation of that role.
import { route } from '../route';
import type { AppDeps } from '../deps';
import { scopeNames } from '../../db/whoami';

export function meRoutes({ pool }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/api/v1/me',
      tag: 'portal',
      roles: ['portal', 'applicant', 'caseworker', 'municipal-admin', 'admin'],
      summary: "The caller's role and scope (offices, municipality, application) for navigation by role",
      responses: { 200: { description: 'Role and scope' } },
      /** Answers only what the token itself grants; never other tokens or case data. */
      handler: async ({ principal }) => {
        const names = await scopeNames(pool, principal.officeIds, principal.ars);
        return {
          body: {
            role: principal.role,
            label: principal.label,
            municipality: names.municipality,
            offices: names.offices,
            applicationId: principal.applicationId,
          },
        };
      },
    }),
  ];
}
