// buildApp wires the route table into express; listening is the entrypoint's job.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from './deps';
import type { RouteSpec } from './route';
import { ANONYMOUS, authenticate, type Principal } from './auth';
import { assertValid } from './validate';
import { buildOpenApi } from './openapi';
import { Problem } from './problems';
import { errorHandler } from './errorHandler';
import { ANONYMOUS_BODY_LIMIT, AUTHENTICATED_BODY_LIMIT, readJsonBody } from './jsonBody';
import { checkedParameters } from './requestGuards';
import { appendProtocol, payloadHash } from '../db/protocol';
import { healthRoutes } from './routes/health';
import { submissionRoutes } from './routes/submissions';
import { applicantRoutes } from './routes/applicant';
import { caseworkerRoutes } from './routes/caseworker';
import { attachmentRoutes } from './routes/attachments';
import { operationsRoutes } from './routes/operations';
import { incidentRoutes } from './routes/incidents';
import { testPlanRoutes } from './routes/testPlans';
import { tokenRoutes } from './routes/tokens';
import { configurationRoutes } from './routes/configuration';
import { processModelRoutes } from './routes/processModels';
import { processCompatibilityRoutes } from './routes/processCompatibility';
import { ruleRoutes } from './routes/rules';
import { codecMiddleware, codecRoutes } from './routes/codec';
import { paymentCallbackRoutes } from './routes/paymentCallback';
import { goLiveRoutes } from './routes/goLive';
import { dashboardRoutes } from './routes/dashboard';
import { registerThroughputMetrics } from './throughputMetrics';
import { meRoutes } from './routes/me';
import { processViewRoutes } from './routes/processView';
import { portalRouter } from './portal';

/** Every route of the API, in one list: mounted below and described by the OpenAPI document. */
export function allRoutes(deps: AppDeps): RouteSpec<never>[] {
  return [
    ...healthRoutes(deps),
    ...submissionRoutes(deps),
    ...applicantRoutes(deps),
    // Before the caseworker routes: the access matrix downloads through statement tasks while they are open.
    ...attachmentRoutes(deps),
    ...caseworkerRoutes(deps),
    ...operationsRoutes(deps),
    ...incidentRoutes(deps),
    ...testPlanRoutes(deps),
    ...tokenRoutes(deps),
    ...configurationRoutes(deps),
    ...processModelRoutes(deps),
    ...processCompatibilityRoutes(deps),
    ...ruleRoutes(deps),
    ...codecRoutes(deps),
    ...paymentCallbackRoutes(deps),
    ...goLiveRoutes(deps),
    ...dashboardRoutes(deps),
    ...meRoutes(deps),
    ...processViewRoutes(deps),
  ] as RouteSpec<never>[];
}

/**
 * Refused writes of authenticated callers are recorded in the protocol (ids and codes only), so operators
 * see what portals send wrong. Refusals of unauthenticated callers are only counted: anyone can send them,
 * and a permanent row per request would let anyone fill the protocol with text of their choosing.
 */
async function recordRejection(deps: AppDeps, req: Request, res: Response, problem: Problem): Promise<void> {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal || principal.role === 'anonymous') {
    deps.metrics.refusedUnauthenticated.inc({ code: problem.code });
    return;
  }
  if (req.method === 'GET') return;
  const body = (req.body ?? {}) as { service?: unknown; municipality?: unknown };
  await appendProtocol(deps.pool, {
    step: 'reject',
    outcome: 'refused',
    applicationId: typeof req.params?.id === 'string' ? req.params.id : null,
    leikaId: typeof body.service === 'string' && /^99\d{12}$/.test(body.service) ? body.service : null,
    ars:
      typeof body.municipality === 'string' && /^\d{12}$/.test(body.municipality) ? body.municipality : null,
    payloadHash: payloadHash(JSON.stringify(req.body ?? null)),
    detail: {
      method: req.method,
      route: (req.route as { path?: string } | undefined)?.path ?? null,
      code: problem.code,
      role: principal.role,
      // Which fields were wrong (schema paths), never their values or the messages quoting them.
      fields: problem.errors?.slice(0, 20).map((e) => e.path.slice(0, 200)),
    },
  }).catch(() => {});
}

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // No answer of the API is meant to be interpreted as anything but its declared type.
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use('/codec', codecMiddleware(deps));
  registerThroughputMetrics(deps.metrics.registry, deps.pool);
  app.use('/portal', portalRouter());

  const routes = allRoutes(deps);
  const openApi = buildOpenApi(routes);
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(openApi));

  for (const spec of routes) {
    app[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      const stop = deps.metrics.httpDuration.startTimer({ method: spec.method, route: spec.path });
      try {
        const principal =
          spec.roles === 'public' ? ANONYMOUS : await authenticate(deps.pool, req.header('authorization'));
        res.locals.principal = principal;
        if (spec.roles !== 'public' && !(spec.roles as string[]).includes(principal.role)) {
          throw new Problem(
            'forbidden',
            `This endpoint is for ${spec.roles.join(' or ')} tokens; yours is ${principal.role}.`,
          );
        }
        const { params, query } = checkedParameters(spec, req);
        // The body is read only now, after authentication: anonymous callers get a small limit.
        let body: unknown = undefined;
        if (spec.body) {
          const limit = spec.roles === 'public' ? ANONYMOUS_BODY_LIMIT : AUTHENTICATED_BODY_LIMIT;
          body = assertValid(spec.body, await readJsonBody(req, res, limit), 'body');
        }
        const reply = await spec.handler({
          principal,
          body: body as never,
          params,
          query,
          req,
          res,
        });
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        res.status(reply.status ?? 200);
        if (reply.raw) res.type(reply.raw.contentType).send(reply.raw.data);
        else if (reply.body === undefined) res.end();
        else res.json(reply.body);
      } catch (error) {
        next(error);
      } finally {
        stop();
        deps.metrics.httpRequests.inc({
          method: spec.method,
          route: spec.path,
          status: String(res.statusCode),
        });
      }
    });
  }

  app.use((req: Request) => {
    throw new Problem('not-found', `No endpoint ${req.method} ${req.path}; see /api/v1/openapi.json.`);
  });

  app.use(errorHandler((req, res, problem) => recordRejection(deps, req, res, problem)));
  return app;
}
