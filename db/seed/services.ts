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

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const postalCode = { type: 'string', pattern: '^[0-9]{5}$' };
const yesNo = { type: 'boolean' };

/**
 * The operator of a trade: the person fields plus what the official XGewerbeanzeige messages carry. Code values
 * (nationalityCodes, sex) are checked against their lists at intake (rules/xgewerbeanzeige/codeLists.ts).
 */
const tradeOperator = {
  ...person,
  properties: {
    ...person.properties,
    doctoralDegree: text(40),
    sex: {
      type: 'string',
      pattern: '^[0-9]$',
      description: 'Geschlecht as code: 1 männlich, 2 weiblich, 3 divers, 4 ohne Angabe',
    },
    birthName: text(100),
    birthPlace: text(100),
    birthCountry: text(100),
    nationalityCodes: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[0-9]{3}$' },
      description: 'Staatsangehörigkeiten as Destatis keys, e.g. ["000"] (deutsch)',
    },
    address,
    phone: { type: 'string', minLength: 3, maxLength: 40, pattern: '^[0-9 +()/-]+$' },
    residencePermit: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: {
        status: { enum: ['1', '2', '3'] },
        issuedAt: date,
        issuerName: text(200),
        issuerPostalCode: postalCode,
        issuerCity: text(100),
      },
    },
  },
};

/** Gewerbeanmeldung and its siblings share one form. */
const tradeForm = {
  type: 'object',
  required: ['activity', 'startDate', 'operator', 'businessAddress'],
  properties: {
    businessName: { type: 'string', maxLength: 200 },
    activity: { type: 'string', minLength: 3, maxLength: 2000, description: 'Angemeldete Tätigkeit' },
    activityCode: { type: 'string', pattern: '^[0-9]{5}$', description: 'WZ 2008 code of the main activity' },
    activityKeyword: text(200),
    furtherActivities: { type: 'array', maxItems: 20, items: text(300) },
    startDate: date,
    legalForm: { enum: ['Einzelunternehmen', 'GbR', 'OHG', 'KG', 'GmbH', 'UG', 'AG', 'eG', 'Sonstige'] },
    legalFormCode: {
      type: 'string',
      pattern: '^[0-9]{3}$',
      description: 'Rechtsform as code, e.g. 180 (nicht eingetragenes Einzelunternehmen)',
    },
    commercialRegister: {
      type: 'object',
      required: ['kind', 'number', 'court'],
      additionalProperties: false,
      properties: {
        kind: { enum: ['A', 'B', 'G', 'P', 'V'], description: 'HRA, HRB, GnR, PR, VR' },
        number: { type: 'string', pattern: '^[0-9A-Za-z ]{1,20}$' },
        court: { type: 'string', pattern: '^[A-Z][0-9]{4}$', description: 'register court key, e.g. G1103' },
        city: text(100),
        postalCode,
      },
    },
    employees: { type: 'integer', minimum: 0, maximum: 100000 },
    employeesPartTime: { type: 'integer', minimum: 0, maximum: 100000 },
    businessKind: {
      type: 'object',
      required: ['industry', 'craft', 'trade', 'other'],
      additionalProperties: false,
      properties: { industry: yesNo, craft: yesNo, trade: yesNo, other: yesNo },
      description: 'Art des Betriebs (betriebArt): Industrie, Handwerk, Handel, Sonstiges',
    },
    establishment: {
      enum: ['1', '2', '3'],
      description: 'Hauptniederlassung 1, Zweigniederlassung 2, unselbständige Zweigstelle 3',
    },
    itinerant: yesNo,
    sideline: yesNo,
    craftCard: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: {
        status: { enum: ['1', '2', '3'] },
        issuedAt: date,
        issuerPostalCode: postalCode,
        issuerCity: text(100),
        issuerCode: { type: 'string', pattern: '^[0-9]{5}$', description: 'chamber key' },
      },
    },
    registrationReason: {
      type: 'string',
      pattern: '^[0-9]{2}$',
      description: 'grundAnmeldungSchluessel, e.g. 01',
    },
    operator: tradeOperator,
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
