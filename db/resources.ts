// The configuration portal's tables, described once (see db/configuration.ts).
import type { Resource } from './configuration';
import { DEFAULT_FILE_REFERENCE_PATTERN, FILE_REFERENCE_PLACEHOLDERS } from './fileReferences';
import { OFFICE_FILING_FIELDS } from './officeFiling';
import { tradeAuthors, tradeReceivers } from './tradeReceiverResources';

const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' };
const ars = { type: 'string', pattern: '^[0-9]{12}$' };
const text = (max = 300) => ({ type: 'string', minLength: 1, maxLength: max });

export const municipalities: Resource = {
  name: 'municipalities',
  table: 'municipalities',
  key: { field: 'ars', column: 'ars' },
  municipal: { column: 'ars', write: false },
  fields: {
    ars: { column: 'ars', schema: ars, required: true },
    name: { column: 'name', schema: text(), required: true },
  },
};

export const offices: Resource = {
  name: 'offices',
  table: 'offices',
  key: { field: 'id', column: 'id' },
  municipal: { column: 'ars', write: true },
  fields: {
    id: { column: 'id', schema: id, required: true },
    ars: { column: 'ars', schema: ars, required: true, filter: true },
    name: { column: 'name', schema: text(), required: true },
    email: { column: 'email', schema: { type: 'string', format: 'email' } },
    // The notice names it in its letterhead: "Street 1, 01445 City" (parsed by activities/issueNotice.ts).
    address: {
      column: 'address',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 500,
        pattern: '^\\s*\\S.*?,?\\s+[0-9]{5}\\s+\\S.*$',
        description:
          'postal address as "Street number, postal code city", e.g. "Pestalozzistraße 6, 01445 Radebeul"',
      },
    },
    // Appeal periods of the office's cases skip Fronleichnam; preset per FronleichnamsVO (docs/procedure.md).
    corpusChristi: {
      column: 'corpus_christi',
      schema: {
        type: 'boolean',
        description:
          "Fronleichnam is a public holiday at the office's seat (FronleichnamsVO); preset when omitted",
      },
    },
    // The office's file reference (Aktenzeichen) scheme; checked fully by db/fileReferences.ts on create and change.
    fileReferencePattern: {
      column: 'file_reference_pattern',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        description: `file reference (Aktenzeichen) pattern, default "${DEFAULT_FILE_REFERENCE_PATTERN}"; placeholders ${FILE_REFERENCE_PLACEHOLDERS}; {seq} and {year} or {yy} required`,
      },
    },
    ...OFFICE_FILING_FIELDS,
  },
};

export const services: Resource = {
  name: 'services',
  table: 'services',
  key: { field: 'leikaId', column: 'leika_id' },
  municipal: 'read',
  fields: {
    leikaId: { column: 'leika_id', schema: { type: 'string', pattern: '^99[0-9]{12}$' }, required: true },
    name: { column: 'name', schema: text(), required: true },
    bundle: {
      column: 'bundle',
      schema: { enum: ['trade', 'street-use', 'civil-status', 'other'] },
      required: true,
      filter: true,
    },
    formSchema: {
      column: 'form_schema',
      schema: { type: 'object', description: 'JSON Schema of the form data' },
      json: true,
    },
    feeCents: { column: 'fee_cents', schema: { type: 'integer', minimum: 0 } },
    procedureKind: {
      column: 'procedure_kind',
      schema: {
        enum: ['application', 'notification', 'certificate'],
        description:
          'Antrag (Bescheid), Anzeige (Empfangsbescheinigung) or Ausstellung (document and fee notice)',
      },
      filter: true,
    },
    acknowledgementDays: {
      column: 'acknowledgement_days',
      schema: {
        type: ['integer', 'null'],
        minimum: 1,
        maximum: 90,
        description: 'Anzeige only: statutory period of the Empfangsbescheinigung in days (§ 15 GewO: 3)',
      },
    },
    feeLegalBasis: {
      column: 'fee_legal_basis',
      schema: { ...text(), type: ['string', 'null'], description: 'legal basis named in the cost decision' },
    },
  },
};

export const systemProducts: Resource = {
  name: 'system-products',
  table: 'system_products',
  key: { field: 'id', column: 'id' },
  municipal: 'read',
  fields: {
    id: { column: 'id', schema: id, required: true },
    name: { column: 'name', schema: text(), required: true },
    vendor: { column: 'vendor', schema: text(), required: true },
    kind: {
      column: 'kind',
      schema: { enum: ['fachverfahren', 'dms', 'mail'] },
      required: true,
      filter: true,
    },
    adapter: { column: 'adapter', schema: { enum: ['http', 'smtp', 'xdomea'] }, required: true },
    messageFormat: { column: 'message_format', schema: text(60), required: true },
  },
};

export const systems: Resource = {
  name: 'systems',
  table: 'systems',
  key: { field: 'id', column: 'id' },
  municipal: { column: 'ars', write: true },
  fields: {
    id: { column: 'id', schema: id, required: true },
    productId: { column: 'product_id', schema: id, required: true, filter: true },
    ars: { column: 'ars', schema: ars, filter: true },
    endpoint: {
      column: 'endpoint',
      schema: { type: 'string', pattern: '^(https?|smtp)://', maxLength: 500 },
      required: true,
    },
    credentials: {
      column: 'credentials',
      schema: {
        type: 'object',
        properties: {
          bearerToken: { type: 'string' },
          username: { type: 'string' },
          password: { type: 'string' },
        },
        additionalProperties: false,
      },
      json: true,
      secret: true,
    },
  },
};

export const bindings: Resource = {
  name: 'bindings',
  table: 'bindings',
  key: { field: 'id', column: 'id', generated: true },
  municipal: { column: 'ars', write: true },
  fields: {
    id: { column: 'id', schema: { type: 'string', maxLength: 100 } },
    ars: { column: 'ars', schema: ars, required: true, filter: true },
    leikaId: {
      column: 'leika_id',
      schema: { type: 'string', pattern: '^99[0-9]{12}$' },
      required: true,
      filter: true,
    },
    officeId: { column: 'office_id', schema: { ...id, type: ['string', 'null'] } },
    level: { column: 'level', schema: { type: 'integer', minimum: 1, maximum: 4 } },
    fachverfahrenSystemId: { column: 'fachverfahren_system_id', schema: { ...id, type: ['string', 'null'] } },
    dmsSystemId: { column: 'dms_system_id', schema: { ...id, type: ['string', 'null'] } },
    mailSystemId: { column: 'mail_system_id', schema: { ...id, type: ['string', 'null'] } },
    redirectArs: { column: 'redirect_ars', schema: { ...ars, type: ['string', 'null'] } },
    participatingOfficeIds: { column: 'participating_office_ids', schema: { type: 'array', items: id } },
  },
};

export const RESOURCES = [
  municipalities,
  offices,
  services,
  systemProducts,
  systems,
  bindings,
  tradeReceivers,
  tradeAuthors,
];
