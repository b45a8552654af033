// Which office and which systems receive an application: the binding of municipality x service,
// following redirects (shared services) to the municipality that actually decides.
import type { Pool } from './pool';
import type { RouteDecision, SystemTarget } from '../workflows/caseTypes';

export type { RouteDecision, SystemTarget };

export class RoutingError extends Error {
  constructor(
    readonly code: 'unknown-service' | 'unknown-municipality' | 'no-binding' | 'redirect-loop',
    message: string,
  ) {
    super(message);
  }
}

const MAX_REDIRECTS = 5;

async function system(pool: Pool, id: string | null): Promise<SystemTarget | null> {
  if (!id) return null;
  const r = await pool.query(
    `SELECT s.id, s.endpoint, p.id AS product_id, p.name, p.kind, p.adapter, p.message_format
       FROM systems s JOIN system_products p ON p.id = s.product_id WHERE s.id = $1`,
    [id],
  );
  const row = r.rows[0];
  return (
    row && {
      systemId: row.id,
      productId: row.product_id,
      productName: row.name,
      kind: row.kind,
      adapter: row.adapter,
      messageFormat: row.message_format,
      endpoint: row.endpoint,
    }
  );
}

/** Explains, for a service and municipality, who decides and where the data goes. */
export async function resolveRoute(
  pool: Pool,
  leikaId: string,
  requestedArs: string,
): Promise<RouteDecision> {
  const service = (
    await pool.query(
      'SELECT name, bundle, fee_cents, procedure_kind, acknowledgement_days, fee_legal_basis FROM services WHERE leika_id = $1',
      [leikaId],
    )
  ).rows[0];
  if (!service)
    throw new RoutingError(
      'unknown-service',
      `No service with LeiKa key ${leikaId}; see GET /api/v1/admin/services.`,
    );
  const requested = (await pool.query('SELECT name FROM municipalities WHERE ars = $1', [requestedArs]))
    .rows[0];
  if (!requested) throw new RoutingError('unknown-municipality', `No municipality with ARS ${requestedArs}.`);

  const redirects: string[] = [];
  let ars = requestedArs;
  for (;;) {
    const binding = (
      await pool.query('SELECT * FROM bindings WHERE ars = $1 AND leika_id = $2', [ars, leikaId])
    ).rows[0];
    if (!binding) {
      throw new RoutingError(
        'no-binding',
        `${requested.name} (${requestedArs}) offers "${service.name}" (${leikaId}) online not yet${redirects.length ? ` (redirected to ${ars})` : ''}.`,
      );
    }
    if (binding.redirect_ars) {
      redirects.push(binding.redirect_ars.trim());
      if (
        redirects.length > MAX_REDIRECTS ||
        redirects.slice(0, -1).includes(binding.redirect_ars.trim()) ||
        binding.redirect_ars.trim() === requestedArs
      ) {
        throw new RoutingError(
          'redirect-loop',
          `Redirects for ${leikaId} loop or are too deep: ${[requestedArs, ...redirects].join(' -> ')}`,
        );
      }
      ars = binding.redirect_ars.trim();
      continue;
    }
    const office = (
      await pool.query(
        'SELECT o.name, o.email, o.address, o.corpus_christi, m.name AS municipality FROM offices o JOIN municipalities m ON m.ars = o.ars WHERE o.id = $1',
        [binding.office_id],
      )
    ).rows[0];
    return {
      bindingId: binding.id,
      leikaId,
      serviceName: service.name,
      bundle: service.bundle,
      feeCents: service.fee_cents,
      requestedArs,
      ars,
      municipalityName: office.municipality,
      officeId: binding.office_id,
      officeName: office.name,
      officeEmail: office.email,
      officeAddress: office.address,
      level: binding.level,
      redirects,
      fachverfahren: await system(pool, binding.fachverfahren_system_id),
      dms: await system(pool, binding.dms_system_id),
      mail: await system(pool, binding.mail_system_id),
      participatingOfficeIds: binding.participating_office_ids ?? [],
      procedureKind: service.procedure_kind,
      acknowledgementDays: service.acknowledgement_days,
      feeLegalBasis: service.fee_legal_basis,
      corpusChristi: office.corpus_christi,
    };
  }
}

/** Credentials of a system, for adapters only (never leaves the worker). */
export async function systemCredentials(pool: Pool, systemId: string): Promise<Record<string, string>> {
  const r = await pool.query('SELECT credentials FROM systems WHERE id = $1', [systemId]);
  return r.rows[0]?.credentials ?? {};
}
