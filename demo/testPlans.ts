// Test plans (seed 3.3.3 i): per service, test messages with their expected outcome, run through the real
// pipeline against the fictive test organisation. Valid messages must be accepted and arrive in the
// office's systems; invalid ones must be refused with the named problem.
import { SERVICES, type CatalogService } from '../db/seed/services';
import { TEST_PERSONS } from './servers/testPersons';

export interface TestMessage {
  name: string;
  body: Record<string, unknown>;
  expect: { accepted: true } | { accepted: false; problem: string };
}

const erika = TEST_PERSONS.erika;
const applicant = {
  name: 'Erika Mustermann',
  email: 'erika.mustermann@example.org',
  postalAddress: 'Hauptstraße 17, 01445 Radebeul',
};
const person = {
  familyName: erika.familyName,
  givenName: erika.givenName,
  birthDate: erika.birthDate,
  nationality: 'deutsch',
};

const VALID_FORMS: Record<CatalogService['bundle'], Record<string, unknown>> = {
  trade: {
    businessName: 'Feinkost Mustermann',
    activity: 'Einzelhandel mit Lebensmitteln',
    startDate: '2027-01-01',
    legalForm: 'Einzelunternehmen',
    employees: 1,
    operator: person,
    businessAddress: { street: 'Meißner Straße 12', postalCode: '01445', city: 'Radebeul' },
  },
  'street-use': {
    location: { street: 'Hauptstraße 17', postalCode: '01445', city: 'Radebeul' },
    from: '2027-03-01',
    to: '2027-03-02',
    purpose: 'Halteverbot für den Umzugswagen',
    lengthMetres: 15,
  },
  'civil-status': {
    person,
    eventDate: erika.birthDate,
    eventPlace: erika.birthPlace,
    copies: 2,
    purpose: 'Rentenangelegenheit',
  },
};

/** Removes the first required field, so the schema must refuse the form. */
function withoutRequired(form: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...form };
  delete copy[field];
  return copy;
}

/** The test plan of one service, for one municipality. */
export function testPlan(leikaId: string, ars: string): TestMessage[] | undefined {
  const service = SERVICES.find((s) => s.leikaId === leikaId);
  if (!service) return undefined;
  const form = VALID_FORMS[service.bundle];
  const required = (service.formSchema as { required: string[] }).required;
  const base = {
    service: leikaId,
    municipality: ars,
    applicant,
    notificationConsent: { electronic: true, email: true },
  };
  return [
    {
      name: 'valid application with complete form data',
      body: { ...base, formData: form },
      expect: { accepted: true },
    },
    {
      name: 'valid application with an attachment',
      expect: { accepted: true },
      body: {
        ...base,
        formData: form,
        attachments: [
          {
            filename: 'Nachweis.pdf',
            mediaType: 'application/pdf',
            contentBase64: Buffer.from('%PDF-1.4 test').toString('base64'),
          },
        ],
      },
    },
    {
      name: `form without the required field "${required[0]}"`,
      body: { ...base, formData: withoutRequired(form, required[0]!) },
      expect: { accepted: false, problem: 'validation-failed' },
    },
    {
      name: 'applicant without e-mail address',
      body: { ...base, applicant: { name: applicant.name }, formData: form },
      expect: { accepted: false, problem: 'validation-failed' },
    },
    {
      name: 'municipality key that does not exist',
      body: { ...base, municipality: '149999999999', formData: form },
      expect: { accepted: false, problem: 'unknown-municipality' },
    },
    {
      name: 'XML document with an external entity (XXE)',
      expect: { accepted: false, problem: 'unsafe-xml' },
      body: {
        ...base,
        xmlDocument:
          '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><antrag>&x;</antrag>',
      },
    },
  ];
}
