// Schemas shared by several routes.

export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

/** A response documented as an RFC 7807 problem. */
export const problemResponse = (description: string) => ({ description, schema: problemSchema });

export const leikaIdSchema = {
  type: 'string',
  pattern: '^99[0-9]{12}$',
  description: 'LeiKa service key',
} as const;
export const arsSchema = {
  type: 'string',
  pattern: '^[0-9]{12}$',
  description: 'ARS municipality key (12 digits)',
} as const;

export const statusSchema = {
  type: 'object',
  required: ['applicationId', 'status', 'phase', 'text', 'openRequests', 'history'],
  properties: {
    applicationId: { type: 'string' },
    status: { enum: ['SUBMITTED', 'RECEIVED', 'PROCESSING', 'ACTION_REQUIRED', 'COMPLETED', 'REJECTED'] },
    phase: { type: 'string' },
    text: { type: 'string', description: 'German, for the applicant' },
    openRequests: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          requestId: { type: 'string' },
          kind: { type: 'string' },
          description: { type: 'string' },
          deadline: { type: 'string', format: 'date-time' },
        },
      },
    },
    updatedAt: { type: 'string', format: 'date-time' },
    history: { type: 'array', items: { type: 'object' } },
  },
} as const;

/** An inline attachment; its size is checked after decoding (api/attachments.ts). */
export const attachmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['filename', 'mediaType', 'contentBase64'],
  properties: {
    filename: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      // No path separators and no control characters (CR/LF would break the download header).
      pattern: '^[^/\\\\\\u0000-\\u001f\\u007f-\\u009f]+$',
      description: 'Any Unicode text (DIN 91379 names included) without / \\ or control characters',
    },
    mediaType: { type: 'string', pattern: '^[a-z]+/[a-zA-Z0-9.+-]+$' },
    contentBase64: { type: 'string', contentEncoding: 'base64' },
  },
} as const;
