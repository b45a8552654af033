// JSON Schemas of the JSON formats the shipped rules produce, keyed by the "schema" URN each
// document names, so a receiver's format is checked as strictly as an XML one against its XSD.

const text = { type: 'string', minLength: 1 };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const leika = { type: 'string', pattern: '^99\\d{12}$' };
const ars = { type: 'string', pattern: '^\\d{12}$' };
const messageType = { enum: ['application', 'supplement', 'notice', 'record'] };

const common = {
  nachrichtId: text,
  nachrichtentyp: messageType,
  antragsnummer: text,
  leikaSchluessel: leika,
  gemeindeschluessel: ars,
  eingangAm: { type: 'string', format: 'date-time' },
};

export const JSON_OUTPUT_SCHEMAS: Record<string, object> = {
  'urn:drehscheibe:amtsdesk:gewerbe:1': {
    type: 'object',
    additionalProperties: false,
    required: ['schema', 'nachrichtId', 'nachrichtentyp', 'vorgangsart', 'antragsnummer', 'leikaSchluessel', 'gemeindeschluessel', 'dienststelle', 'eingangAm', 'antragstellerName', 'antragstellerEmail', 'anlagen'],
    properties: {
      schema: { const: 'urn:drehscheibe:amtsdesk:gewerbe:1' },
      ...common,
      vorgangsart: text,
      gemeinde: text,
      dienststelle: text,
      ausbaustufe: { type: 'integer', minimum: 1, maximum: 4 },
      antragstellerName: text,
      antragstellerEmail: { type: 'string', format: 'email' },
      antragstellerAnschrift: text,
      betriebName: text,
      rechtsform: text,
      taetigkeit: text,
      beginn: date,
      beschaeftigte: { type: 'integer', minimum: 0 },
      inhaberFamilienname: text,
      inhaberVorname: text,
      inhaberGeburtsdatum: date,
      inhaberStaatsangehoerigkeit: text,
      betriebStrasse: text,
      betriebPlz: { type: 'string', pattern: '^\\d{5}$' },
      betriebOrt: text,
      anlagen: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['dateiname', 'medientyp', 'sha256', 'bytes'],
          properties: { dateiname: text, medientyp: text, sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' }, bytes: { type: 'integer', minimum: 0 } },
        },
      },
    },
  },
  'urn:drehscheibe:strassenverkehr:sondernutzung:1': {
    type: 'object',
    additionalProperties: false,
    required: ['schema', 'nachrichtId', 'nachrichtentyp', 'massnahme', 'antragsnummer', 'leikaSchluessel', 'gemeindeschluessel', 'eingangAm', 'ortStrasse', 'von', 'bis', 'zweck'],
    properties: {
      schema: { const: 'urn:drehscheibe:strassenverkehr:sondernutzung:1' },
      ...common,
      massnahme: { enum: ['BAUSTELLE', 'HALTEVERBOT_UMZUG', 'SONDERNUTZUNG'] },
      leistung: text,
      dienststelle: text,
      antragstellerName: text,
      antragstellerEmail: { type: 'string', format: 'email' },
      ortStrasse: text,
      ortPlz: { type: 'string', pattern: '^\\d{5}$' },
      ortGemeinde: text,
      von: date,
      bis: date,
      tage: { type: 'integer', minimum: 1 },
      zweck: text,
      laengeMeter: { type: 'number', exclusiveMinimum: 0 },
      anlagen: { type: 'integer', minimum: 0 },
    },
  },
  'urn:drehscheibe:personenstand:urkundenbestellung:1': {
    type: 'object',
    additionalProperties: false,
    required: ['schema', 'nachrichtId', 'nachrichtentyp', 'urkundenart', 'antragsnummer', 'leikaSchluessel', 'gemeindeschluessel', 'eingangAm', 'bestellerName', 'personFamilienname', 'ereignisDatum', 'anzahl'],
    properties: {
      schema: { const: 'urn:drehscheibe:personenstand:urkundenbestellung:1' },
      ...common,
      urkundenart: { enum: ['GEBURTSURKUNDE', 'EHEURKUNDE', 'STERBEURKUNDE', 'URKUNDE'] },
      standesamt: text,
      bestellerName: text,
      bestellerEmail: { type: 'string', format: 'email' },
      versandanschrift: text,
      personFamilienname: text,
      personVorname: text,
      personGeburtsdatum: date,
      ereignisDatum: date,
      ereignisOrt: text,
      anzahl: { type: 'integer', minimum: 1, maximum: 10 },
      verwendungszweck: text,
    },
  },
};
