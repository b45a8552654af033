import { attachmentSchema } from './common';
// Request bodies of the applicant and caseworker endpoints.

export const supplementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attachments'],
  properties: {
    requestId: { type: 'string' },
    note: { type: 'string', maxLength: 5000 },
    attachments: { type: 'array', minItems: 1, maxItems: 20, items: attachmentSchema },
  },
} as const;
export interface SupplementBody {
  requestId?: string;
  note?: string;
  attachments: { filename: string; mediaType: string; contentBase64: string }[];
}

export const objectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reasons'],
  properties: { reasons: { type: 'string', minLength: 1, maxLength: 20000 } },
} as const;

export const documentRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'deadline'],
  properties: {
    description: { type: 'string', minLength: 3, maxLength: 2000 },
    deadline: { type: 'string', format: 'date-time' },
  },
} as const;

export const decisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'reasons'],
  properties: {
    decision: { enum: ['approved', 'rejected'] },
    reasons: {
      type: 'string',
      minLength: 1,
      maxLength: 20000,
      description: 'Begründung; becomes part of the notice',
    },
  },
} as const;

export const taskCompletionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['output'],
  properties: { output: { type: 'object', description: 'Values of the task form fields' } },
} as const;
