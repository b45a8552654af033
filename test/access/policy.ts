// The access model written down independently of the code: which roles each route admits and which targets
// (whose office or municipality a case or record belongs to) each role reaches. The matrix test holds the
// route table against it; a route this file does not classify fails the test.
import type { Role } from '../../api/auth';

export type Caller = Role | 'no token' | 'wrong token';
/** Least privileged first: so the participating office completes its own statement before the operator could. */
export const CALLERS: Caller[] = [
  'no token',
  'wrong token',
  'portal',
  'applicant',
  'caseworker',
  'municipal-admin',
  'admin',
];

/**
 * Seen from the caseworker of Ordnungsamt Radebeul (and Radebeul's municipal administrator): a case or record
 * of its own office, of another Radebeul office, of Coswig, and of a Coswig case in which the Ordnungsamt
 * participates (level 4); for configuration records the last is the Coswig records of that case.
 */
export type Target =
  'own office' | 'other office, same municipality' | 'other municipality' | 'participating office';
export const TARGETS: Target[] = [
  'own office',
  'other office, same municipality',
  'other municipality',
  'participating office',
];

/** How an admitted role that may not reach the target is answered: hidden (404), refused, or left out of a list. */
export type Denial = 404 | 403 | 422 | 'filtered';

export interface Policy {
  /** Group name for the figures. */
  group: string;
  roles: Role[] | 'public';
  /** Whether an admitted role reaches the target. */
  reaches: (role: Role, target: Target) => boolean;
  denial: Denial;
}

const ownMunicipality = (t: Target) => t === 'own office' || t === 'other office, same municipality';

/** A case: the operator, its applicant and the caseworkers of the office that handles it; nobody else. */
const caseReach = (role: Role, t: Target) =>
  role === 'admin' || ((role === 'applicant' || role === 'caseworker') && t === 'own office');
/** A task: the operator and the office it is assigned to (a participating office has its statement task). */
const taskReach = (role: Role, t: Target) =>
  role === 'admin' || (role === 'caseworker' && (t === 'own office' || t === 'participating office'));
/** Records of a municipality: the operator and that municipality's administrator. */
const municipalReach = (role: Role, t: Target) =>
  role === 'admin' || (role === 'municipal-admin' && ownMunicipality(t));
const everyone = () => true;

const CASE_ROLES: Record<string, Role[]> = {
  'GET /status': ['applicant', 'caseworker', 'admin'],
  'GET /messages': ['applicant', 'admin'],
  'GET /documents/:documentId': ['applicant', 'caseworker', 'admin'],
  'GET /attachments/:attachmentId': ['applicant', 'caseworker', 'admin'],
  'POST /supplements': ['applicant'],
  'POST /objection': ['applicant'],
  'POST /document-requests': ['caseworker', 'admin'],
  'POST /decision': ['caseworker', 'admin'],
  'GET ': ['caseworker', 'admin'],
  'GET /process': ['caseworker', 'admin'],
};

const ADMINS: Role[] = ['admin', 'municipal-admin'];
const OPERATOR: Role[] = ['admin'];

/** The policy of one route, or undefined if the access model does not know it (the test then fails). */
export function policyFor(method: string, path: string): Policy | undefined {
  const m = method.toUpperCase();
  // The codec server's sign-in for the Temporal Web UI checks the token it is given, not a header.
  const publicPaths = ['/healthz', '/readyz', '/codec/login', '/codec/logout'];
  if (publicPaths.includes(path) || path.startsWith('/api/v1/callbacks/'))
    return { group: 'public', roles: 'public', reaches: everyone, denial: 404 };
  // "Who am I" answers only about the caller's own token.
  if (path === '/api/v1/me')
    return {
      group: 'self',
      roles: ['portal', 'applicant', 'caseworker', 'municipal-admin', 'admin'],
      reaches: everyone,
      denial: 404,
    };
  if (path === '/api/v1/submissions')
    return { group: 'intake', roles: ['portal'], reaches: everyone, denial: 404 };
  const caseRoute = /^\/api\/v1\/applications\/:id(.*)$/.exec(path);
  if (caseRoute) {
    const roles = CASE_ROLES[`${m} ${caseRoute[1]}`];
    return roles && { group: 'cases', roles, reaches: caseReach, denial: 404 };
  }
  if (m === 'GET' && path === '/api/v1/tasks')
    return { group: 'tasks', roles: ['caseworker', 'admin'], reaches: taskReach, denial: 'filtered' };
  if (/^\/api\/v1\/tasks\/:taskId(\/complete|\/attachments\/:attachmentId)?$/.test(path))
    return { group: 'tasks', roles: ['caseworker', 'admin'], reaches: taskReach, denial: 404 };

  const admin = /^\/api\/v1\/admin\/([a-z-]+)(\/:id)?$/.exec(path);
  const resource = admin?.[1];
  const one = !!admin?.[2];
  if (resource && ['offices', 'systems', 'bindings', 'trade-receivers', 'trade-authors'].includes(resource)) {
    // Create names the municipality itself, so another one's is refused (403), not hidden.
    const denial: Denial = m === 'GET' && !one ? 'filtered' : m === 'POST' ? 403 : 404;
    return { group: 'configuration (municipal)', roles: ADMINS, reaches: municipalReach, denial };
  }
  if (resource === 'municipalities') {
    if (m !== 'GET')
      return { group: 'configuration (global)', roles: OPERATOR, reaches: everyone, denial: 404 };
    return {
      group: 'configuration (municipal)',
      roles: ADMINS,
      reaches: municipalReach,
      denial: one ? 404 : 'filtered',
    };
  }
  if (resource === 'services' || resource === 'system-products')
    return m === 'GET'
      ? { group: 'catalogue', roles: ADMINS, reaches: everyone, denial: 404 }
      : { group: 'configuration (global)', roles: OPERATOR, reaches: everyone, denial: 404 };
  if (resource === 'tokens' || path === '/api/v1/admin/tokens/:id') {
    // Issuing for another municipality's office answers like an unknown office (422): ids cannot be probed.
    const denial: Denial = m === 'GET' ? 'filtered' : m === 'POST' ? 422 : 404;
    return { group: 'tokens', roles: ADMINS, reaches: municipalReach, denial };
  }
  // Incidents (a case paused at a step): the municipality that handles the case.
  if (m === 'GET' && path === '/api/v1/admin/incidents')
    return { group: 'operations (municipal)', roles: ADMINS, reaches: municipalReach, denial: 'filtered' };
  if (path.startsWith('/api/v1/admin/incidents/:id'))
    return { group: 'operations (municipal)', roles: ADMINS, reaches: municipalReach, denial: 404 };
  if (m === 'GET' && ['audit', 'protocol', 'deliveries'].includes(resource ?? ''))
    return { group: 'operations (municipal)', roles: ADMINS, reaches: municipalReach, denial: 'filtered' };
  if (path === '/api/v1/admin/deliveries/:deliveryId/retry')
    return { group: 'operations (municipal)', roles: ADMINS, reaches: municipalReach, denial: 404 };
  // Go-live and the dashboard's figures: the municipality the binding or case belongs to.
  if (m === 'GET' && (path === '/api/v1/admin/go-live' || path.startsWith('/api/v1/admin/dashboard/')))
    return { group: 'go-live and dashboard', roles: ADMINS, reaches: municipalReach, denial: 'filtered' };
  if (path.startsWith('/api/v1/admin/go-live/:ars/:serviceId'))
    return { group: 'go-live and dashboard', roles: ADMINS, reaches: municipalReach, denial: 404 };
  // Decoding Temporal histories shows every municipality's cases: operators only.
  if (path === '/metrics' || path.startsWith('/api/v1/admin/') || path.startsWith('/codec/'))
    return { group: 'operator only', roles: OPERATOR, reaches: everyone, denial: 404 };
  return undefined;
}

export type Expectation =
  | { kind: 'public' }
  | { kind: 'status'; status: 401 | 403 | 404 | 422 }
  | { kind: 'allowed' }
  | { kind: 'filtered' };

/** What the answer must be for one cell of the matrix. */
export function expectation(policy: Policy, caller: Caller, target: Target): Expectation {
  if (policy.roles === 'public') return { kind: 'public' };
  if (caller === 'no token' || caller === 'wrong token') return { kind: 'status', status: 401 };
  if (!policy.roles.includes(caller)) return { kind: 'status', status: 403 };
  if (policy.reaches(caller, target)) return { kind: 'allowed' };
  return policy.denial === 'filtered' ? { kind: 'filtered' } : { kind: 'status', status: policy.denial };
}
