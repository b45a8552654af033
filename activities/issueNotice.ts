// Issues the notice (Bescheid): renders PDF and structured form and stores both as case documents.
import { appendProtocol } from '../db/protocol';
import { getApplication } from '../db/applications';
import { fileReferenceFor } from '../db/fileReferences';
import { storeDocument } from '../db/mailbox';
import { readConsent } from '../db/consent';
import { DEFAULT_FEE_LEGAL_BASIS } from '../db/seed/services';
import type { Decision, NotificationConsent, RouteDecision } from '../workflows/caseTypes';
import { addDays, berlinDateOf } from '../workflows/deadlines';
import { createNoticeActivities, type PostalAddress } from './notice';
import type { ActivityDeps } from './deps';

/** Reads "Street 1, 01445 City" as well as it can; offices and applicants give addresses as one line. */
export function parseAddress(text: string | null | undefined): PostalAddress {
  const match = /^(.*?),?\s*(\d{5})\s+(.+)$/.exec((text ?? '').trim());
  return match
    ? { street: match[1]!.replace(/,$/, '').trim(), postalCode: match[2]!, city: match[3]!.trim() }
    : { street: text ?? '', postalCode: '', city: '' };
}

const FEE_DUE_DAYS = 30;

export function createIssueNoticeActivities({ pool }: ActivityDeps) {
  const { renderNotice } = createNoticeActivities();
  return {
    /** Renders the notice for the decision and stores PDF and JSON; returns their document ids. */
    async issueNotice({
      applicationId,
      route,
      decision,
      issuedOn: givenDate,
      feePaidOn,
    }: {
      applicationId: string;
      route: RouteDecision;
      decision: Decision;
      /** The notice's date from workflow time (Berlin date); older workflows did not send it. */
      issuedOn?: string;
      /** The day the fee was paid online (level 3); the cost decision then asks for no payment. */
      feePaidOn?: string;
    }): Promise<{ documentIds: string[]; issuedOn: string; consent: NotificationConsent }> {
      const application = await getApplication(pool, applicationId);
      if (!application) throw new Error(`no application ${applicationId}`);
      // Read now, not from the route taken at intake: an administrator may have fixed it for a retry.
      const office = await pool.query<{ address: string | null }>(
        'SELECT address FROM offices WHERE id = $1',
        [route.officeId],
      );
      const officeAddress = office.rows[0]?.address ?? route.officeAddress;
      const applicant = application.applicant as { name: string; postalAddress?: string };
      const form = (application.formData ?? {}) as { businessAddress?: PostalAddress };
      const issuedOn = givenDate ?? berlinDateOf(new Date().toISOString());
      const consent = (await readConsent(pool, applicationId))!;
      const fee = route.feeCents
        ? {
            amountCents: route.feeCents,
            legalBasis: route.feeLegalBasis ?? DEFAULT_FEE_LEGAL_BASIS,
            // Payable within a month of the notice (30 days), unless already paid online.
            dueOn: addDays(issuedOn, FEE_DUE_DAYS),
            ...(feePaidOn ? { paidOn: feePaidOn } : {}),
          }
        : undefined;
      // Allocated here, in the activity, once per application: a retry reads the same reference back.
      const { fileReference } = await fileReferenceFor(pool, applicationId, route.officeId);
      const notice = await renderNotice({
        applicationId,
        fileReference,
        serviceName: route.serviceName,
        authority: {
          municipality: route.municipalityName,
          office: route.officeName,
          address: parseAddress(officeAddress),
        },
        applicant: {
          name: applicant.name,
          address: applicant.postalAddress
            ? parseAddress(applicant.postalAddress)
            : (form.businessAddress ?? parseAddress('')),
        },
        decision: decision.decision,
        procedureKind: route.procedureKind ?? 'application',
        receivedOn: berlinDateOf(application.createdAt),
        reasons: decision.reasons,
        issuedOn,
        signedBy: decision.decidedBy,
        ...(fee ? { fee } : {}),
        consent: {
          electronic: consent.electronic,
          email: consent.email,
          recorded: consent.recorded,
          givenOn: berlinDateOf(consent.givenAt),
        },
      });
      const title = notice.structured.title;
      const pdf = await storeDocument(pool, {
        id: `${applicationId}/notice.pdf`,
        applicationId,
        kind: 'notice',
        filename: `${title}-${applicationId}.pdf`,
        mediaType: 'application/pdf',
        content: Buffer.from(notice.pdfBase64, 'base64'),
      });
      const json = await storeDocument(pool, {
        id: `${applicationId}/notice.json`,
        applicationId,
        kind: 'notice-structured',
        filename: `${title}-${applicationId}.json`,
        mediaType: 'application/json',
        content: Buffer.from(JSON.stringify(notice.structured, null, 2)),
      });
      await appendProtocol(pool, {
        applicationId,
        ars: route.ars,
        leikaId: route.leikaId,
        step: 'decide',
        outcome: 'ok',
        payloadHash: pdf.sha256,
        detail: {
          decision: decision.decision,
          decidedBy: decision.decidedBy,
          fileReference,
          documents: [pdf.id, json.id],
        },
      });
      return {
        documentIds: [pdf.id, json.id],
        issuedOn,
        consent: { electronic: consent.electronic, email: consent.email, recorded: consent.recorded },
      };
    },
  };
}
