// Register look-ups (level 2+): the residents' register confirms the applicant's identity data.
import { appendProtocol } from '../db/protocol';
import { getApplication } from '../db/applications';
import type { ActivityDeps } from './deps';

export interface RegisterResult {
  checked: boolean;
  found: boolean;
  detail: string;
}

export function createRegisterActivities({ pool, integrations }: ActivityDeps) {
  return {
    /** Looks up the person named in the form (operator or person) in the residents' register. */
    async checkResidentRegister({ applicationId }: { applicationId: string }): Promise<RegisterResult> {
      const application = await getApplication(pool, applicationId);
      type Person = { familyName?: string; givenName?: string; birthDate?: string };
      const form = (application?.formData ?? {}) as { operator?: Person; person?: Person };
      const person = form.operator ?? form.person;
      if (!integrations.residentsRegisterUrl || !person) {
        return {
          checked: false,
          found: false,
          detail: integrations.residentsRegisterUrl
            ? 'no person in the form'
            : 'no residents register configured',
        };
      }
      const url = new URL('/residents', integrations.residentsRegisterUrl);
      url.searchParams.set('familyName', String(person.familyName ?? ''));
      url.searchParams.set('givenName', String(person.givenName ?? ''));
      url.searchParams.set('birthDate', String(person.birthDate ?? ''));
      const response = await fetch(url, {
        headers: integrations.registerToken ? { authorization: `Bearer ${integrations.registerToken}` } : {},
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status >= 500) throw new Error(`residents register answered ${response.status}`);
      const found = response.status === 200;
      const result = {
        checked: true,
        found,
        detail: found ? 'person registered' : `not found (${response.status})`,
      };
      await appendProtocol(pool, {
        applicationId,
        ars: application?.ars,
        leikaId: application?.leikaId,
        step: 'process',
        outcome: 'ok',
        target: 'residents-register',
        detail: { check: 'residents', ...result },
      });
      return result;
    },
  };
}
