// Routing: which municipality, office and systems receive the application, with an explainable decision.
import { ApplicationFailure } from '@temporalio/activity';
import { appendProtocol } from '../db/protocol';
import { resolveRoute, RoutingError } from '../db/routing';
import { getApplication } from '../db/applications';
import type { RouteDecision } from '../workflows/caseTypes';
import type { ActivityDeps } from './deps';

export function createRoutingActivities({ pool }: ActivityDeps) {
  return {
    /** Resolves the binding (after redirects), stores the decision on the application and protocols it. */
    async routeApplication({ applicationId }: { applicationId: string }): Promise<RouteDecision> {
      const application = await getApplication(pool, applicationId);
      if (!application)
        throw ApplicationFailure.nonRetryable(`no application ${applicationId}`, 'UNKNOWN_APPLICATION');
      let route: RouteDecision;
      try {
        route = await resolveRoute(pool, application.leikaId, application.ars);
      } catch (error) {
        if (error instanceof RoutingError) {
          await appendProtocol(pool, {
            applicationId,
            ars: application.ars,
            leikaId: application.leikaId,
            step: 'route',
            outcome: 'error',
            detail: { code: error.code, message: error.message },
          });
          throw ApplicationFailure.nonRetryable(error.message, 'ROUTING_FAILED');
        }
        throw error;
      }
      await pool.query('UPDATE applications SET route = $2 WHERE id = $1', [
        applicationId,
        JSON.stringify(route),
      ]);
      await appendProtocol(pool, {
        applicationId,
        ars: route.ars,
        leikaId: route.leikaId,
        step: 'route',
        outcome: 'ok',
        target: route.officeId,
        detail: {
          binding: route.bindingId,
          requestedArs: route.requestedArs,
          redirects: route.redirects,
          office: route.officeId,
          level: route.level,
          targets: [route.fachverfahren, route.dms, route.mail]
            .filter(Boolean)
            .map((t) => `${t!.kind}:${t!.systemId} (${t!.productId}, ${t!.messageFormat})`),
        },
      });
      return route;
    },
  };
}
