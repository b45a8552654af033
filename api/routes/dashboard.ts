// The operator dashboard: service map, throughput times (p50/p90, weekly) and usage with CSV export.
import { route } from '../route';
import type { Principal } from '../auth';
import type { AppDeps } from '../deps';
import { toCsv } from '../csv';
import { SAXON_DISTRICTS, districtOf, serviceMap, usage, type ServiceMapEntry } from '../../db/dashboard';
import { throughputSummary, throughputWeekly } from '../../db/throughput';
import { GO_LIVE_STATES } from '../../db/goLive';
import { MUNICIPALITY_QUERY, SERVICE_QUERY, listedMunicipality } from './adminFilters';

const BASE = '/api/v1/admin/dashboard';
const MONTH = { type: 'string' as const, description: 'month YYYY-MM (inclusive)' };

/** Groups the map by district, then municipality, as the dashboard shows it. */
function byDistrict(entries: ServiceMapEntry[]) {
  const districts = new Map<string, Map<string, ServiceMapEntry[]>>();
  for (const e of entries) {
    const d = districts.get(districtOf(e.ars)) ?? new Map<string, ServiceMapEntry[]>();
    districts.set(districtOf(e.ars), d);
    d.set(e.ars, [...(d.get(e.ars) ?? []), e]);
  }
  return [...districts.entries()].map(([district, municipalities]) => ({
    district,
    name: SAXON_DISTRICTS[district] ?? district,
    municipalities: [...municipalities.values()].map((services) => ({
      ars: services[0]!.ars,
      name: services[0]!.municipality,
      services: services.map((s) => ({
        leikaId: s.leikaId,
        service: s.service,
        bundle: s.bundle,
        level: s.level,
        redirectArs: s.redirectArs,
        state: s.state,
      })),
    })),
  }));
}

const USAGE_QUERY = {
  municipality: MUNICIPALITY_QUERY,
  from: MONTH,
  to: MONTH,
};

export function dashboardRoutes({ pool }: AppDeps) {
  const usageRows = (query: Record<string, string | undefined>, principal: Principal) =>
    usage(pool, { ars: listedMunicipality(principal, query), from: query.from, to: query.to });
  return [
    route({
      method: 'get',
      path: `${BASE}/service-map`,
      tag: 'dashboard',
      roles: ['admin', 'municipal-admin'],
      summary:
        'Which service runs at which level and go-live state in which municipality, grouped by district',
      query: {
        municipality: MUNICIPALITY_QUERY,
        district: { type: 'string', description: 'district key: the first five digits of the ARS' },
        bundle: { type: 'string', description: 'trade, street-use, civil-status, other' },
        state: { type: 'string', description: 'go-live state', enum: [...GO_LIVE_STATES] },
        level: { type: 'integer', minimum: 1, maximum: 4, description: 'implementation level' },
      },
      responses: { 200: { description: 'Districts with their municipalities and services' } },
      handler: async ({ query, principal }) => {
        const entries = await serviceMap(pool, {
          ars: listedMunicipality(principal, query),
          district: query.district,
          bundle: query.bundle,
          state: query.state,
          level: query.level ? Number(query.level) : undefined,
        });
        return { body: { total: entries.length, districts: byDistrict(entries) } };
      },
    }),
    route({
      method: 'get',
      path: `${BASE}/throughput`,
      tag: 'dashboard',
      roles: ['admin', 'municipal-admin'],
      summary:
        'Throughput times (submission->office, office->notice, notice->final) as p50/p90 per service and municipality, and per week',
      query: {
        municipality: MUNICIPALITY_QUERY,
        service: SERVICE_QUERY,
        from: { type: 'string', format: 'date-time', description: 'stage ended at or after' },
        to: { type: 'string', format: 'date-time', description: 'stage ended before' },
      },
      responses: {
        200: { description: 'Summary rows and weekly series (seconds; test submissions excluded)' },
      },
      handler: async ({ query, principal }) => {
        const filter = {
          ars: listedMunicipality(principal, query),
          leikaId: query.service,
          from: query.from,
          to: query.to,
        };
        const [summary, weekly] = await Promise.all([
          throughputSummary(pool, filter),
          throughputWeekly(pool, filter),
        ]);
        return { body: { summary, weekly } };
      },
    }),
    route({
      method: 'get',
      path: `${BASE}/usage`,
      tag: 'dashboard',
      roles: ['admin', 'municipal-admin'],
      summary: 'Real applications per month, municipality, bundle and level (test submissions excluded)',
      query: USAGE_QUERY,
      responses: { 200: { description: 'Usage rows' } },
      handler: async ({ query, principal }) => ({ body: { items: await usageRows(query, principal) } }),
    }),
    route({
      method: 'get',
      path: `${BASE}/usage/csv`,
      tag: 'dashboard',
      roles: ['admin', 'municipal-admin'],
      summary: 'The usage table as CSV for German spreadsheets: semicolons, UTF-8 with BOM, CRLF',
      query: USAGE_QUERY,
      responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
      handler: async ({ query, principal }) => {
        const rows = await usageRows(query, principal);
        const csv = toCsv(
          ['Monat', 'ARS', 'Kommune', 'Leistungsbündel', 'Umsetzungsstufe', 'Anträge'],
          rows.map((r) => [r.month, r.ars, r.municipality, r.bundle, r.level, r.applications]),
        );
        return {
          headers: { 'Content-Disposition': 'attachment; filename="nutzung.csv"' },
          raw: { contentType: 'text/csv; charset=utf-8', data: csv },
        };
      },
    }),
  ];
}
