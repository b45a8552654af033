// Envelope stage: the case's data, files and documents as the application envelope a rule reads.
import { ApplicationFailure } from '@temporalio/activity';
import { readIntakeAttachments } from '../../db/attachments';
import { getApplication } from '../../db/applications';
import { listDocuments, readDocument } from '../../db/mailbox';
import type { Pool } from '../../db/pool';
import { fileReferenceFor } from '../../db/fileReferences';
import { readOfficeFiling } from '../../db/officeFiling';
import { applicationEnvelope } from '../../rules/envelope';
import { documentUuid, personName } from './filing';
import type { Delivery, DeliveryFile, Envelope } from './message';

/** Builds the envelope of a delivery; an unknown application is final (NonRetryable UNKNOWN_APPLICATION). */
export async function buildEnvelope(pool: Pool, delivery: Delivery): Promise<Envelope> {
  const { id, input, route } = delivery;
  const application = await getApplication(pool, input.applicationId);
  if (!application)
    throw ApplicationFailure.nonRetryable(`no application ${input.applicationId}`, 'UNKNOWN_APPLICATION');
  const files = {
    fromIntake: (await readIntakeAttachments(pool, input.applicationId)).map((a) => ({
      ...a,
      documentId: documentUuid(input.applicationId, `attachment:${a.id}`),
    })),
    fromCase: await caseDocuments(pool, input.applicationId, input.documentIds ?? []),
  };
  const applicant = application.applicant as { name: string; email: string; postalAddress?: string };
  const filing = await readOfficeFiling(pool, route.officeId);
  // The office's Aktenzeichen, the one the notice names (allocated once per application, whoever asks first).
  const { fileReference } = await fileReferenceFor(pool, input.applicationId, route.officeId);
  const xml = applicationEnvelope({
    applicationId: input.applicationId,
    messageType: input.messageType,
    messageId: id,
    service: { leikaId: route.leikaId, name: route.serviceName },
    municipality: { ars: route.ars, name: route.municipalityName },
    office: { id: route.officeId, name: route.officeName, email: route.officeEmail ?? undefined },
    implementationLevel: route.level,
    submittedAt: application.createdAt,
    applicant: { ...applicant, ...personName(applicant, application.formData ?? {}) },
    filing: {
      fileReference,
      filePlanEntry: filing.filePlanEntry ?? undefined,
      retentionYears: filing.retentionYears ?? undefined,
      disposal: filing.disposal,
      confidentiality: filing.confidentiality,
    },
    formData: application.formData ?? {},
    attachments: files.fromIntake.map(describe),
    documents: files.fromCase.map(describe),
    notice: input.notice,
    // An application submitted as an XML document travels with it, as text, for rules that read it.
    payload: application.xmlDocument
      ? { ...input.payload, submittedXml: application.xmlDocument }
      : input.payload,
  });
  return { xml, application, files };
}

async function caseDocuments(
  pool: Pool,
  applicationId: string,
  documentIds: string[],
): Promise<DeliveryFile[]> {
  const docs = (await listDocuments(pool, applicationId)).filter((d) => documentIds.includes(d.id));
  return Promise.all(
    docs.map(async (d) => ({
      filename: d.filename,
      mediaType: d.mediaType,
      sha256: d.sha256,
      title: d.kind,
      documentId: documentUuid(applicationId, `document:${d.id}`),
      content: (await readDocument(pool, d.id))!.content,
    })),
  );
}

/** What the envelope says about a file; the content travels only to the adapters. */
function describe(f: DeliveryFile) {
  return {
    filename: f.filename,
    mediaType: f.mediaType,
    sha256: f.sha256,
    size: f.content.length,
    title: f.title,
    documentId: f.documentId,
  };
}
