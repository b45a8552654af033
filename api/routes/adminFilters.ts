// The filters the administrative lists share: the same query parameters, and the municipality a caller may list.
import type { Principal } from '../auth';
import { scopeFilter, scopeOf } from '../municipalScope';
import type { QueryParam } from '../route';

export const MUNICIPALITY_QUERY: QueryParam = { type: 'string', description: 'ARS' };
export const SERVICE_QUERY: QueryParam = { type: 'string', description: 'LeiKa key' };

/** The municipality a list shows: ?municipality for an operator, a municipal administrator's own only. */
export function listedMunicipality(
  principal: Principal,
  query: Record<string, string | undefined>,
): string | undefined {
  return scopeFilter(scopeOf(principal), query.municipality);
}
