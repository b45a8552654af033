// Records incidents raised by case workflows and BPMN processes: a row for administrators, a protocol entry.
import { getApplication } from '../db/applications';
import { closeIncident, insertIncident } from '../db/incidents';
import { appendProtocol } from '../db/protocol';
import type { IncidentRecord } from '../workflows/incidents';
import type { ActivityDeps } from './deps';

const MAX_MESSAGE = 500;

/**
 * Error messages may quote the data that failed (names, addresses, form values). What the incident keeps is
 * the technical part only: quoted values, e-mail addresses and long digit runs are replaced, and it is short.
 */
export function scrubMessage(message: string): string {
  const scrubbed = message
    .replace(/"[^"]*"|'[^']*'|„[^“”]*[“”]|«[^»]*»|`[^`]*`/g, '"…"')
    .replace(/[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}/g, '<e-mail>')
    .replace(/\d{6,}/g, (digits) => (digits.length === 12 || digits.length === 14 ? digits : '<number>'))
    .replace(/\s+/g, ' ')
    .trim();
  return scrubbed.length > MAX_MESSAGE ? `${scrubbed.slice(0, MAX_MESSAGE - 1)}…` : scrubbed || 'error';
}

export function createIncidentActivities({ pool }: ActivityDeps) {
  return {
    /** Records an incident (idempotent by id) and protocols it with ids and the error type only. */
    async recordIncident(given: IncidentRecord): Promise<void> {
      // BPMN processes know only their business key: municipality, office and service come from the case.
      const route = given.ars ? undefined : (await getApplication(pool, given.applicationId))?.route;
      const incident = route
        ? { ...given, ars: route.ars, officeId: route.officeId, leikaId: route.leikaId }
        : given;
      const created = await insertIncident(pool, { ...incident, message: scrubMessage(incident.message) });
      if (!created) return;
      await appendProtocol(pool, {
        applicationId: incident.applicationId,
        ars: incident.ars ?? null,
        leikaId: incident.leikaId ?? null,
        step: 'failure',
        outcome: 'error',
        detail: {
          incident: incident.id,
          workflow: incident.workflowId,
          step: incident.step,
          ...(incident.elementId ? { element: incident.elementId } : {}),
          errorType: incident.errorType,
        },
      });
    },
    /** Closes an incident as retried or resolved and protocols the outcome (no-op when the API already did both). */
    async closeIncidentRecord(input: {
      id: string;
      applicationId: string;
      state: 'retried' | 'resolved';
      outcome: Record<string, unknown>;
      by: string;
    }): Promise<void> {
      if (!(await closeIncident(pool, input.id, input.state, input.outcome, input.by))) return;
      await appendProtocol(pool, {
        applicationId: input.applicationId,
        step: 'admin',
        outcome: 'ok',
        detail: { incident: input.id, state: input.state, outcome: input.outcome.outcome ?? input.state },
      });
    },
  };
}
