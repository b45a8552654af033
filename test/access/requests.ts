// One request per route and target of the access matrix: path parameters and bodies that reach the access
// check (valid bodies, existing records); deletes and creates get fresh records so no cell spoils another.
import type { TestHub } from '../support/testHub';
import { DEMO_OFFICE } from '../../demo/seed';
import type { Fixtures, TargetFixture } from './fixtures';
import type { Target } from './policy';

export interface CellRequest {
  path: string;
  body?: unknown;
  /** For lists: whether the target's item is in the answer. */
  found?: (body: any) => boolean;
}

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;
const freshLeika = () =>
  `9999${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(7, '0')}`;
const freshArs = () =>
  `1499${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(5, '0')}`;

async function asOperator(hub: TestHub, method: string, path: string, body?: unknown) {
  const res = await hub.call(method, path, { body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Offices a caseworker token of the target would get (the participating target spans both towns). */
const grantOffices = (target: Target, f: TargetFixture) =>
  target === 'participating office' ? [DEMO_OFFICE, ...f.officeIds] : f.officeIds;

/** Creates a record of a configuration resource in the target's municipality (as the operator). */
async function freshRecord(
  hub: TestHub,
  resource: string,
  f: TargetFixture,
): Promise<Record<string, unknown>> {
  switch (resource) {
    case 'offices':
      return { id: fresh('mx-office'), ars: f.ars, name: 'Matrixamt' };
    case 'systems':
      return { id: fresh('mx-system'), productId: 'amtsdesk', ars: f.ars, endpoint: 'https://mx.example/in' };
    case 'bindings': {
      const service = await asOperator(hub, 'POST', '/api/v1/admin/services', {
        leikaId: freshLeika(),
        name: 'Matrixleistung',
        bundle: 'other',
      });
      return { ars: f.ars, leikaId: service.leikaId, officeId: f.officeIds[0] };
    }
    case 'municipalities':
      return { ars: freshArs(), name: 'Matrixdorf' };
    case 'services':
      return { leikaId: freshLeika(), name: 'Matrixleistung', bundle: 'other' };
    case 'system-products':
      return {
        id: fresh('mx-product'),
        name: 'Matrix',
        vendor: 'Matrix',
        kind: 'fachverfahren',
        adapter: 'http',
        messageFormat: 'json',
      };
    case 'trade-receivers':
      return {
        id: fresh('mx-receiver'),
        ars: f.ars,
        kind: 'chamber-ihk',
        name: 'Matrixkammer',
        readerPrefix: 'xga',
        readerId: '000000001',
        endpoint: 'https://mx.example/receiver',
      };
    case 'trade-authors': {
      const office = await asOperator(hub, 'POST', '/api/v1/admin/offices', {
        id: fresh('mx-author'),
        ars: f.ars,
        name: 'Matrixgewerbeamt',
      });
      return { officeId: office.id, ars: f.ars };
    }
    default:
      throw new Error(`no fresh ${resource}`);
  }
}

const KEY: Record<string, string> = {
  offices: 'id',
  systems: 'id',
  bindings: 'id',
  municipalities: 'ars',
  services: 'leikaId',
  'system-products': 'id',
  'trade-receivers': 'id',
  'trade-authors': 'officeId',
};
/** A harmless change: a field set to the value it has. */
const SAME_FIELD: Record<string, string> = {
  offices: 'name',
  systems: 'endpoint',
  bindings: 'level',
  municipalities: 'name',
  services: 'name',
  'system-products': 'name',
  'trade-receivers': 'name',
  'trade-authors': 'authorPrefix',
};

function existing(resource: string, f: TargetFixture): string {
  return {
    offices: f.officeIds[0]!,
    systems: f.systemId,
    bindings: f.bindingId,
    municipalities: f.ars,
    services: '99050012104000',
    'system-products': 'amtsdesk',
    'trade-receivers': `mx-receiver-${f.ars}`,
    'trade-authors': f.officeIds[0]!,
  }[resource]!;
}

async function configurationRequest(
  hub: TestHub,
  method: string,
  resource: string,
  one: boolean,
  f: TargetFixture,
): Promise<CellRequest> {
  const base = `/api/v1/admin/${resource}`;
  const id = existing(resource, f);
  if (method === 'GET' && !one)
    return { path: base, found: (b) => b.items?.some((r: any) => r[KEY[resource]!] === id) };
  if (method === 'GET') return { path: `${base}/${id}` };
  if (method === 'POST') return { path: base, body: await freshRecord(hub, resource, f) };
  if (method === 'PATCH') {
    const current = await asOperator(hub, 'GET', `${base}/${id}`);
    return { path: `${base}/${id}`, body: { [SAME_FIELD[resource]!]: current[SAME_FIELD[resource]!] } };
  }
  const created = await asOperator(hub, 'POST', base, await freshRecord(hub, resource, f));
  return { path: `${base}/${encodeURIComponent(created[KEY[resource]!])}` };
}

const pdf = Buffer.from('%PDF-1.4 matrix').toString('base64');
const CASE_BODIES: Record<string, unknown> = {
  supplements: {
    note: 'Anbei',
    attachments: [{ filename: 'a.pdf', mediaType: 'application/pdf', contentBase64: pdf }],
  },
  objection: { reasons: 'Ich widerspreche.' },
  'document-requests': {
    description: 'Bitte reichen Sie den Nachweis ein.',
    deadline: new Date(Date.now() + 3_600_000).toISOString(),
  },
  decision: { decision: 'approved', reasons: 'Die Voraussetzungen liegen vor.' },
};

/** The request of one cell; `fixtures` holds the target's case and records. */
export async function requestFor(
  hub: TestHub,
  fixtures: Fixtures,
  method: string,
  path: string,
  target: Target,
): Promise<CellRequest> {
  const f = fixtures[target];
  const tail = /^\/api\/v1\/applications\/:id\/?([a-z-]*)/.exec(path);
  if (tail) {
    return {
      path: path
        .replace(':id', f.applicationId)
        .replace(':documentId', encodeURIComponent(f.documentId))
        .replace(':attachmentId', f.attachmentId),
      body: method === 'POST' ? CASE_BODIES[tail[1]!] : undefined,
    };
  }
  if (path === '/api/v1/tasks')
    return {
      path: `/api/v1/tasks?applicationId=${f.applicationId}`,
      found: (b) => b.items?.some((t: any) => t.id === f.taskId),
    };
  if (path.startsWith('/api/v1/tasks/:taskId'))
    return {
      path: path.replace(':taskId', encodeURIComponent(f.taskId)).replace(':attachmentId', f.attachmentId),
      body: method === 'POST' ? { output: { statement: 'Keine Bedenken.', consent: true } } : undefined,
    };
  const config =
    /^\/api\/v1\/admin\/(offices|systems|bindings|municipalities|services|system-products|trade-receivers|trade-authors)(\/:id)?$/.exec(
      path,
    );
  if (config) return configurationRequest(hub, method, config[1]!, !!config[2], f);
  if (path === '/api/v1/admin/tokens' && method === 'GET')
    return { path, found: (b) => b.items?.some((t: any) => t.id === f.tokenId) };
  if (path === '/api/v1/admin/tokens')
    return { path, body: { role: 'caseworker', label: 'Matrix', officeIds: grantOffices(target, f) } };
  if (path === '/api/v1/admin/tokens/:id') {
    const issued = await asOperator(hub, 'POST', '/api/v1/admin/tokens', {
      role: 'caseworker',
      label: 'Matrix',
      officeIds: grantOffices(target, f),
    });
    return { path: `/api/v1/admin/tokens/${issued.id}` };
  }
  const listOf = (query: string) => ({ path: `${path}?${query}`, found: (b: any) => b.items?.length > 0 });
  if (path === '/api/v1/admin/audit') return listOf(`entity=bindings&entityId=${f.bindingId}`);
  if (path === '/api/v1/admin/protocol' || path === '/api/v1/admin/deliveries')
    return listOf(`applicationId=${f.applicationId}`);
  if (path === '/api/v1/admin/incidents') return listOf(`applicationId=${f.applicationId}`);
  if (path.startsWith('/api/v1/admin/incidents/:id'))
    return {
      path: path.replace(':id', encodeURIComponent(f.incidentId)),
      body: method === 'POST' ? (path.endsWith('/resolve') ? { outcome: 'skip' } : {}) : undefined,
    };
  if (path === '/api/v1/admin/deliveries/:deliveryId/retry')
    return { path: path.replace(':deliveryId', encodeURIComponent(f.deliveryId)) };
  if (path.startsWith('/api/v1/admin/go-live/:ars/:serviceId'))
    return {
      path: path.replace(':ars', f.bindingId.slice(0, 12)).replace(':serviceId', f.bindingId.slice(13)),
      // Already live: an admitted caller is told so (409) and nothing changes.
      body: path.endsWith('/transitions') ? { to: 'live' } : undefined,
    };
  if (path === '/api/v1/admin/go-live')
    return { path, found: (b) => b.items?.some((r: any) => `${r.ars}-${r.leikaId}` === f.bindingId) };
  if (path === '/api/v1/admin/dashboard/service-map')
    return {
      path,
      found: (b) => b.districts?.some((d: any) => d.municipalities.some((m: any) => m.ars === f.ars)),
    };
  if (path === '/api/v1/admin/dashboard/throughput')
    return { path, found: (b) => b.summary?.some((r: any) => r.ars === f.ars) };
  if (path === '/api/v1/admin/dashboard/usage')
    return { path, found: (b) => b.items?.some((r: any) => r.ars === f.ars) };
  if (path === '/api/v1/admin/dashboard/usage/csv')
    return { path, found: (b) => typeof b === 'string' && b.includes(`;${f.ars};`) };
  if (path.startsWith('/api/v1/callbacks/'))
    return { path: path.replace(/:\w+/, f.applicationId), body: { paymentId: 'mx', status: 'paid' } };
  // Global routes: unknown ids and empty bodies reach the role check without changing anything.
  return {
    path: path.replace(':serviceId', '99999999999999').replace(/:\w+/g, 'matrix-unknown'),
    body: method === 'GET' ? undefined : {},
  };
}
