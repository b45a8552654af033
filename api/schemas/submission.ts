import { arsSchema, attachmentSchema, leikaIdSchema } from './common';

/** Max inline attachment size after base64 decoding is enforced in the handler. */
export const submissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'municipality', 'applicant', 'notificationConsent'],
  properties: {
    service: leikaIdSchema,
    municipality: arsSchema,
    applicant: {
      type: 'object',
      required: ['name', 'email'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        // Optional parts of the name, so records systems need not guess them (docs/xdomea.md#names).
        givenName: { type: 'string', minLength: 1, maxLength: 100, description: 'Vorname(n)' },
        familyName: { type: 'string', minLength: 1, maxLength: 100, description: 'Familienname' },
        email: { type: 'string', format: 'email', maxLength: 320 },
        postalAddress: { type: 'string', maxLength: 500 },
      },
    },
    notificationConsent: {
      type: 'object',
      additionalProperties: false,
      required: ['electronic', 'email'],
      description:
        "The applicant's answer to the consent question of § 41 (2a) VwVfG, asked explicitly by the portal (docs/procedure.md)",
      properties: {
        electronic: {
          type: 'boolean',
          description: 'true: notices are notified by retrieval from the portal mailbox; false: by post',
        },
        email: {
          type: 'boolean',
          description: 'true: notices of availability (never the notice itself) may be sent by e-mail',
        },
      },
    },
    formData: { type: 'object', description: 'Form data as JSON; validated against the service schema' },
    xmlDocument: {
      type: 'string',
      maxLength: 2_000_000,
      description: 'Alternatively the application as an XML document',
    },
    attachments: {
      type: 'array',
      maxItems: 20,
      items: attachmentSchema,
    },
    test: {
      type: 'boolean',
      description:
        'A test submission (test plan, pilot): reaches the office marked as test, counts in no usage figure (docs/go-live.md)',
    },
  },
  oneOf: [{ required: ['formData'] }, { required: ['xmlDocument'] }],
} as const;

export interface SubmissionBody {
  service: string;
  municipality: string;
  applicant: { name: string; email: string; postalAddress?: string; givenName?: string; familyName?: string };
  notificationConsent: { electronic: boolean; email: boolean };
  formData?: Record<string, unknown>;
  xmlDocument?: string;
  attachments?: { filename: string; mediaType: string; contentBase64: string }[];
  test?: boolean;
}

export const submissionAcceptedSchema = {
  type: 'object',
  required: ['applicationId', 'accessToken', 'statusUrl'],
  properties: {
    applicationId: { type: 'string' },
    accessToken: {
      type: 'string',
      description: 'Bearer token for the applicant endpoints of this application',
    },
    statusUrl: { type: 'string' },
  },
} as const;
