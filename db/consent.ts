// The applicant's consent to electronic notification (§ 41 (2a) VwVfG), as recorded at submission.
import type { NotificationConsent } from '../workflows/caseTypes';
import type { Pool } from './pool';

/**
 * The consent of an application, and the day it was given. Applications accepted before migration 0012 carry
 * none: they were handled as consenting to retrieval and e-mail then, and keep that (recorded: false).
 */
export async function readConsent(
  pool: Pool,
  applicationId: string,
): Promise<(NotificationConsent & { givenAt: string }) | undefined> {
  const r = await pool.query<{
    notification_consent: { electronic: boolean; email: boolean } | null;
    created_at: Date;
  }>('SELECT notification_consent, created_at FROM applications WHERE id = $1', [applicationId]);
  const row = r.rows[0];
  if (!row) return undefined;
  const consent = row.notification_consent;
  return {
    electronic: consent?.electronic ?? true,
    email: consent?.email ?? true,
    recorded: consent !== null,
    givenAt: row.created_at.toISOString(),
  };
}
