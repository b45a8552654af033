// The administrator of the chaos run: retries parked deliveries once their target is back and retries
// open incidents once the misconfiguration is fixed, through the admin API like an operator would.
import type { ApiClient } from './api';
import type { FaultState } from './faults';

export interface AdminLog {
  deliveryRetries: number;
  incidentRetries: number;
  /** Incident id -> "step errorType". */
  incidentsSeen: Map<string, string>;
  parkedSeen: Set<string>;
  /** Whether the hub has the incident API (GET /api/v1/admin/incidents). */
  incidentApi: boolean | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A retried delivery or incident shows as open until its step runs again; it is not retried again sooner. */
const COOLDOWN_MS = 20_000;

/** Polls every two seconds until `stop()` says so. */
export async function runAdmin(
  api: ApiClient,
  faults: FaultState,
  log: AdminLog,
  stop: () => boolean,
): Promise<void> {
  const retriedAt = new Map<string, number>();
  const due = (id: string) => Date.now() - (retriedAt.get(id) ?? 0) > COOLDOWN_MS;
  while (!stop()) {
    await sleep(2_000);
    const parked = await api.call('GET', '/api/v1/admin/deliveries?status=parked');
    for (const d of (parked.body?.items ?? []) as { id: string; target?: string }[]) {
      log.parkedSeen.add(d.id);
      // Retrying into an outage only parks it again; an operator waits for the system to be back.
      if ((faults.fachverfahrenDown && d.id.endsWith('/fachverfahren')) || !due(d.id)) continue;
      retriedAt.set(d.id, Date.now());
      const r = await api.call('POST', `/api/v1/admin/deliveries/${encodeURIComponent(d.id)}/retry`);
      if (r.status === 202) log.deliveryRetries += 1;
    }
    const incidents = await api.call('GET', '/api/v1/admin/incidents?state=open');
    log.incidentApi = incidents.status !== 404;
    for (const incident of (incidents.body?.items ?? []) as {
      id: string;
      state?: string;
      step?: string;
      errorType?: string;
    }[]) {
      log.incidentsSeen.set(incident.id, `${incident.step} ${incident.errorType}`);
      if (incident.state && incident.state !== 'open') continue;
      if (faults.misconfigured || faults.fachverfahrenDown || !due(incident.id)) continue;
      retriedAt.set(incident.id, Date.now());
      const r = await api.call('POST', `/api/v1/admin/incidents/${encodeURIComponent(incident.id)}/retry`);
      if (r.status < 300) log.incidentRetries += 1;
    }
  }
}
