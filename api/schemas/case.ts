// Request bodies of the applicant and caseworker endpoints; limits shared with the workflow's update validators.
import { attachmentSchema } from './common';
import { LIMITS } from '../../workflows/inputLimits';

/** Some non-whitespace character (a text of blanks is refused, as the workflow refuses it). */
const NOT_BLANK = '\\S';

export const supplementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attachments'],
  properties: {
    requestId: { type: 'string' },
    note: { type: 'string', maxLength: LIMITS.supplementNote },
    attachments: {
      type: 'array',
      minItems: 1,
      maxItems: LIMITS.supplementDocuments,
      items: attachmentSchema,
    },
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
  properties: { reasons: { type: 'string', minLength: 1, maxLength: LIMITS.reasons, pattern: NOT_BLANK } },
} as const;

export const documentRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'deadline'],
  properties: {
    description: {
      type: 'string',
      minLength: LIMITS.requestDescription.min,
      maxLength: LIMITS.requestDescription.max,
      pattern: NOT_BLANK,
    },
    deadline: { type: 'string', format: 'date-time' },
  },
} as const;

export const decisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    decision: {
      enum: ['approved', 'rejected', 'acknowledged'],
      description: "'acknowledged' for a notification (Anzeige), approve or reject for every other case",
    },
    reasons: {
      type: 'string',
      maxLength: LIMITS.reasons,
      description:
        'Begründung; becomes part of the notice. Optional: without it (or blank) the notice states a standard sentence.',
    },
  },
} as const;

export const taskCompletionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['output'],
  properties: {
    output: {
      type: 'object',
      description:
        "Values of the task's announced form fields (required, type, choices, maxLength are checked; 422 names the field)",
    },
  },
} as const;
