// The service catalogue of the three bundles named in the seed (8.1.2). The trade registration key is the
// real LeiKa key; the others follow the LeiKa pattern for the demo and are replaced by an admin as needed.

const date = { type: 'string', format: 'date' };
const address = {
  type: 'object',
  required: ['street', 'postalCode', 'city'],
  properties: {
    street: { type: 'string', minLength: 1, maxLength: 200 },
    postalCode: { type: 'string', pattern: '^[0-9]{5}$' },
    city: { type: 'string', minLength: 1, maxLength: 100 },
  },
};
const person = {
  type: 'object',
  required: ['familyName', 'givenName', 'birthDate'],
  properties: {
    familyName: { type: 'string', minLength: 1, maxLength: 100 },
    givenName: { type: 'string', minLength: 1, maxLength: 100 },
    birthDate: date,
    nationality: { type: 'string', maxLength: 60 },
  },
};

/** Gewerbeanmeldung and its siblings share one form. */
const tradeForm = {
  type: 'object',
  required: ['activity', 'startDate', 'operator', 'businessAddress'],
  properties: {
    businessName: { type: 'string', maxLength: 200 },
    activity: { type: 'string', minLength: 3, maxLength: 2000, description: 'Angemeldete Tätigkeit' },
    startDate: date,
    legalForm: { enum: ['Einzelunternehmen', 'GbR', 'OHG', 'KG', 'GmbH', 'UG', 'AG', 'eG', 'Sonstige'] },
    employees: { type: 'integer', minimum: 0, maximum: 100000 },
    operator: person,
    businessAddress: address,
  },
};

const streetUseForm = {
  type: 'object',
  required: ['location', 'from', 'to', 'purpose'],
  properties: {
    location: address,
    from: date,
    to: date,
    purpose: { type: 'string', minLength: 3, maxLength: 1000 },
    lengthMetres: { type: 'number', minimum: 1, maximum: 500 },
  },
};

const certificateForm = {
  type: 'object',
  required: ['person', 'eventDate', 'copies'],
  properties: {
    person,
    eventDate: date,
    eventPlace: { type: 'string', maxLength: 100 },
    copies: { type: 'integer', minimum: 1, maximum: 10 },
    purpose: { type: 'string', maxLength: 300 },
  },
};

export interface CatalogService {
  leikaId: string;
  name: string;
  bundle: 'trade' | 'street-use' | 'civil-status';
  formSchema: object;
  feeCents: number;
  /** Antrag (Bescheid), Anzeige (Empfangsbescheinigung) or issuance of a certificate (docs/procedure.md). */
  procedureKind: 'application' | 'notification' | 'certificate';
  /** Statutory period for the Empfangsbescheinigung of an Anzeige, in days (§ 15 (1) GewO: three). */
  acknowledgementDays?: number;
}

/** The legal basis the cost decision (Kostenfestsetzung) names; an administrator sets the exact one per service. */
export const DEFAULT_FEE_LEGAL_BASIS =
  'Sächsisches Verwaltungskostengesetz (SächsVwKG) in Verbindung mit dem Sächsischen Kostenverzeichnis';

export const SERVICES: CatalogService[] = [
  {
    leikaId: '99050012104000',
    name: 'Gewerbe anmelden',
    bundle: 'trade',
    formSchema: tradeForm,
    feeCents: 2600,
    procedureKind: 'notification',
    acknowledgementDays: 3,
  },
  {
    leikaId: '99050012104001',
    name: 'Gewerbe ummelden',
    bundle: 'trade',
    formSchema: tradeForm,
    feeCents: 2000,
    procedureKind: 'notification',
    acknowledgementDays: 3,
  },
  {
    leikaId: '99050012104002',
    name: 'Gewerbe abmelden',
    bundle: 'trade',
    formSchema: tradeForm,
    feeCents: 1500,
    procedureKind: 'notification',
    acknowledgementDays: 3,
  },
  {
    leikaId: '99050012104003',
    name: 'Auszug aus dem Gewerberegister',
    bundle: 'trade',
    formSchema: tradeForm,
    feeCents: 1000,
    procedureKind: 'certificate',
  },
  {
    leikaId: '99086004000001',
    name: 'Verkehrsrechtliche Anordnung Baustellensicherung',
    bundle: 'street-use',
    formSchema: streetUseForm,
    feeCents: 5000,
    procedureKind: 'application',
  },
  {
    leikaId: '99086004000002',
    name: 'Halteverbot für einen Umzug',
    bundle: 'street-use',
    formSchema: streetUseForm,
    feeCents: 3500,
    procedureKind: 'application',
  },
  {
    leikaId: '99086004000003',
    name: 'Sondernutzungserlaubnis (sonstige)',
    bundle: 'street-use',
    formSchema: streetUseForm,
    feeCents: 4000,
    procedureKind: 'application',
  },
  {
    leikaId: '99063006000001',
    name: 'Geburtsurkunde',
    bundle: 'civil-status',
    formSchema: certificateForm,
    feeCents: 1200,
    procedureKind: 'certificate',
  },
  {
    leikaId: '99063006000002',
    name: 'Eheurkunde',
    bundle: 'civil-status',
    formSchema: certificateForm,
    feeCents: 1200,
    procedureKind: 'certificate',
  },
  {
    leikaId: '99063006000003',
    name: 'Sterbeurkunde',
    bundle: 'civil-status',
    formSchema: certificateForm,
    feeCents: 1200,
    procedureKind: 'certificate',
  },
];
