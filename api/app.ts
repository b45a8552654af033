// buildApp wires the route table into express; listening is the entrypoint's job.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from './deps';
import type { RouteSpec } from './route';
import { ANONYMOUS, authenticate } from './auth';
import { assertValid } from './validate';
import { buildOpenApi } from './openapi';
import { Problem } from './problems';
import { appendProtocol, payloadHash } from '../db/protocol';
import { healthRoutes } from './routes/health';
import { submissionRoutes } from './routes/submissions';
import { applicantRoutes } from './routes/applicant';
import { caseworkerRoutes } from './routes/caseworker';
import { operationsRoutes } from './routes/operations';
import { incidentRoutes } from './routes/incidents';
import { testPlanRoutes } from './routes/testPlans';
import { tokenRoutes } from './routes/tokens';
import { configurationRoutes } from './routes/configuration';
import { processModelRoutes } from './routes/processModels';
import { processCompatibilityRoutes } from './routes/processCompatibility';
import { ruleRoutes } from './routes/rules';

export const MAX_BODY = '25mb';

/** Every route of the API, in one list: mounted below and described by the OpenAPI document. */
export function allRoutes(deps: AppDeps): RouteSpec<never>[] {
  return [
    ...healthRoutes(deps),
    ...submissionRoutes(deps),
    ...applicantRoutes(deps),
    ...caseworkerRoutes(deps),
    ...operationsRoutes(deps),
    ...incidentRoutes(deps),
    ...testPlanRoutes(deps),
    ...tokenRoutes(deps),
    ...configurationRoutes(deps),
    ...processModelRoutes(deps),
    ...processCompatibilityRoutes(deps),
    ...ruleRoutes(deps),
  ] as RouteSpec<never>[];
}

function sendProblem(res: Response, problem: Problem, instance: string): void {
  const doc = problem.toDocument(instance);
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}

/** Refused writes are recorded in the protocol, so operators see what portals send wrong. */
async function recordRejection(deps: AppDeps, req: Request, problem: Problem): Promise<void> {
  const body = (req.body ?? {}) as { service?: unknown; municipality?: unknown };
  await appendProtocol(deps.pool, {
    step: 'reject',
    outcome: 'refused',
    applicationId: typeof req.params?.id === 'string' ? req.params.id : null,
    leikaId: typeof body.service === 'string' && /^99\d{12}$/.test(body.service) ? body.service : null,
    ars:
      typeof body.municipality === 'string' && /^\d{12}$/.test(body.municipality) ? body.municipality : null,
    payloadHash: payloadHash(JSON.stringify(req.body ?? null)),
    detail: { method: req.method, path: req.path, code: problem.code, detail: problem.detail.slice(0, 2000) },
  }).catch(() => {});
}

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: MAX_BODY, type: ['application/json', 'application/*+json'] }));

  const routes = allRoutes(deps);
  const openApi = buildOpenApi(routes);
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(openApi));

  for (const spec of routes) {
    app[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      const stop = deps.metrics.httpDuration.startTimer({ method: spec.method, route: spec.path });
      try {
        const principal =
          spec.roles === 'public' ? ANONYMOUS : await authenticate(deps.pool, req.header('authorization'));
        if (spec.roles !== 'public' && !(spec.roles as string[]).includes(principal.role)) {
          throw new Problem(
            'forbidden',
            `This endpoint is for ${spec.roles.join(' or ')} tokens; yours is ${principal.role}.`,
          );
        }
        if (
          spec.body &&
          req.method !== 'GET' &&
          !req.is('application/json') &&
          !req.is('application/*+json')
        ) {
          throw new Problem('unsupported-media-type', 'Send the body as application/json.');
        }
        const body = spec.body ? assertValid(spec.body, req.body, 'body') : req.body;
        const reply = await spec.handler({
          principal,
          body: body as never,
          params: req.params as Record<string, string>,
          query: req.query as Record<string, string | undefined>,
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

  app.use(async (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof Problem) {
      if (req.method !== 'GET') await recordRejection(deps, req, error);
      return sendProblem(res, error, req.originalUrl);
    }
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large')
      return sendProblem(
        res,
        new Problem('payload-too-large', `The body exceeds ${MAX_BODY}.`),
        req.originalUrl,
      );
    if (e.type === 'entity.parse.failed')
      return sendProblem(
        res,
        new Problem('invalid-request', `The body is not valid JSON: ${e.message}`),
        req.originalUrl,
      );
    if (e.status && e.status >= 400 && e.status < 500)
      return sendProblem(res, new Problem('invalid-request', e.message ?? 'Bad request'), req.originalUrl);
    process.stderr.write(
      `[api] ${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return sendProblem(
      res,
      new Problem('internal', 'An internal error occurred; it was logged.'),
      req.originalUrl,
    );
  });
  return app;
}
