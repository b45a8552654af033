// Operations: the transaction protocol and parked deliveries.
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { problemSchema } from '../schemas/common';
import { listProtocol, verifyProtocol } from '../../db/protocol';
import { getDelivery, listDeliveries } from '../../db/deliveries';
import { scopeOf } from '../municipalScope';
import { retryDeliverySignal } from '../../workflows/applicationMessages';
import { MUNICIPALITY_QUERY, SERVICE_QUERY, listedMunicipality } from './adminFilters';

export function operationsRoutes({ pool, temporal }: AppDeps) {
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/protocol',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      summary:
        "The transaction protocol (append-only, hash-chained); a municipal administrator's: its municipality's rows",
      query: {
        applicationId: { type: 'string', description: 'one application' },
        municipality: MUNICIPALITY_QUERY,
        service: SERVICE_QUERY,
        outcome: { type: 'string', description: 'ok, refused, error, parked' },
        step: { type: 'string', description: 'receive, route, transform, validate, deliver, ...' },
        from: { type: 'string', format: 'date-time', description: 'ISO time, inclusive' },
        to: { type: 'string', format: 'date-time', description: 'ISO time, exclusive' },
        limit: { type: 'integer', minimum: 1, maximum: 5000, description: 'max rows (default 500)' },
      },
      responses: { 200: { description: 'Entries in order' } },
      handler: async ({ query, principal }) => ({
        body: {
          items: await listProtocol(pool, {
            applicationId: query.applicationId,
            ars: listedMunicipality(principal, query),
            leikaId: query.service,
            outcome: query.outcome,
            step: query.step,
            from: query.from,
            to: query.to,
            limit: query.limit ? Number(query.limit) : undefined,
          }),
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/protocol/verify',
      tag: 'operations',
      roles: ['admin'],
      summary:
        'Recompute the hash chain in chain order; lists rows that were changed or unlinked, and whether the tail is complete (docs/protocol.md)',
      responses: { 200: { description: 'Verification result' } },
      handler: async () => {
        const result = await verifyProtocol(pool);
        return { body: { ...result, intact: result.broken.length === 0 && result.headMatches } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/deliveries',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      summary:
        "Deliveries to target systems (e.g. ?status=parked); a municipal administrator's: its municipality's cases",
      query: {
        status: { type: 'string', description: 'pending, delivered, parked' },
        applicationId: { type: 'string', description: 'one case' },
      },
      responses: { 200: { description: 'Deliveries' } },
      handler: async ({ query, principal }) => ({
        body: { items: await listDeliveries(pool, { ...query, ars: scopeOf(principal) }) },
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/deliveries/:deliveryId/retry',
      tag: 'operations',
      roles: ['admin', 'municipal-admin'],
      summary: "Retry a parked delivery (a municipal administrator: of its municipality's cases)",
      responses: {
        202: { description: 'Retry requested' },
        404: { description: 'Unknown', schema: problemSchema },
        409: { description: 'Not parked', schema: problemSchema },
      },
      handler: async ({ params, principal }) => {
        const delivery = await getDelivery(pool, params.deliveryId!, scopeOf(principal));
        if (!delivery) throw new Problem('not-found', `No delivery ${params.deliveryId}.`);
        if (delivery.status !== 'parked')
          throw new Problem('conflict', `Delivery ${delivery.id} is ${delivery.status}, not parked.`);
        await temporal.workflow
          .getHandle(delivery.applicationId)
          .signal(retryDeliverySignal, { deliveryId: delivery.id });
        return { status: 202, body: { retrying: delivery.id } };
      },
    }),
  ];
}
