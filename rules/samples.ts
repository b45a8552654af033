// Realistic sample messages per bundle: the admin test endpoint wraps bare form data in them, the
// shipped rules are tested on them, and the benchmark transforms them.
import { SERVICES } from '../db/seed/services';
import { applicationEnvelope, type EnvelopeInput, type MessageType } from './envelope';

export const SAMPLE_FORM_DATA = {
  trade: {
    businessName: 'Feinkost Müller & Söhne',
    activity: 'Einzelhandel mit Lebensmitteln, Feinkost und Wein; Partyservice',
    startDate: '2026-08-01',
    legalForm: 'Einzelunternehmen',
    employees: 3,
    employeesPartTime: 1,
    businessKind: { industry: false, craft: false, trade: true, other: false },
    operator: {
      familyName: 'Müller',
      givenName: 'Erika',
      birthDate: '1984-05-17',
      nationality: 'deutsch',
      nationalityCodes: ['000'],
      sex: '2',
    },
    businessAddress: { street: 'Königsbrücker Straße 12a', postalCode: '01099', city: 'Dresden' },
  },
  'street-use': {
    location: { street: 'Louisenstraße 47', postalCode: '01099', city: 'Dresden' },
    from: '2026-09-12',
    to: '2026-09-13',
    purpose: 'Umzug: Möbelwagen (7,5 t) vor dem Haus',
    lengthMetres: 15,
  },
  'civil-status': {
    person: { familyName: 'Schmidt', givenName: 'Lena', birthDate: '2026-03-02' },
    eventDate: '2026-03-02',
    eventPlace: 'Dresden',
    copies: 2,
    purpose: 'Kindergeldantrag',
  },
} as const;

export type SampleBundle = keyof typeof SAMPLE_FORM_DATA;

/** What activities/tradeForwarding.ts hands the official-message rule: a chamber as reader, the Gewerbeamt as author. */
export const SAMPLE_XGA_PAYLOAD = {
  xga: {
    messageType: '0300',
    ags: '14612000',
    legalFormCode: '180',
    businessId: '6f1d2c3b-4a59-5687-9a0b-1c2d3e4f5a6b',
    recordUuid: '0a1b2c3d-4e5f-5a6b-8c7d-8e9f0a1b2c3d',
    reader: {
      prefix: 'xga',
      id: '000492949',
      listUri: 'urn:xoev-de:xgewerbeanzeige:codeliste:weiterekommunikationspartner',
      listVersion: '2018-01-31',
      name: 'IHK Dresden',
      email: 'gewerbemeldung@ihk-dresden.example',
    },
    author: {
      prefix: 'MELDID',
      id: '14612000',
      listUri: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags',
      listVersion: '2018-01-31',
      name: 'Gewerbeamt Dresden',
      email: 'gewerbeamt@dresden.example',
      phone: '0351 4880',
      street: 'Theaterstraße',
      houseNumber: '11',
      postalCode: '01067',
      city: 'Dresden',
    },
  },
};

const SAMPLE_OFFICES: Record<SampleBundle, EnvelopeInput['office']> = {
  trade: { id: 'dresden-gewerbeamt', name: 'Gewerbeamt Dresden', email: 'gewerbeamt@dresden.example' },
  'street-use': {
    id: 'dresden-strassenverkehr',
    name: 'Straßenverkehrsbehörde Dresden',
    email: 'verkehr@dresden.example',
  },
  'civil-status': {
    id: 'dresden-standesamt',
    name: 'Standesamt Dresden',
    email: 'standesamt@dresden.example',
  },
};

/** The bundle of a seeded service; unknown services are treated as trade. */
export function bundleOf(leikaId: string): SampleBundle {
  return SERVICES.find((service) => service.leikaId === leikaId)?.bundle ?? 'trade';
}

export interface SampleOptions {
  leikaId: string;
  serviceName?: string;
  messageType?: MessageType;
  formData?: Record<string, unknown>;
}

/** The envelope input of a sample application in Dresden for a seeded service: the bundle's form data, one attachment, and documents for notices and records. */
export function sampleEnvelopeInput(options: SampleOptions): EnvelopeInput {
  const messageType = options.messageType ?? 'application';
  const bundle = bundleOf(options.leikaId);
  const serviceName =
    options.serviceName ?? SERVICES.find((service) => service.leikaId === options.leikaId)?.name;
  const pdf = {
    filename: 'Personalausweis.pdf',
    mediaType: 'application/pdf',
    sha256: 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00',
    size: 48213,
    documentId: '6f1c0b3e-2a4d-5e8f-9a1b-2c3d4e5f6a70',
  };
  const notice = {
    filename: 'Bescheid.pdf',
    mediaType: 'application/pdf',
    sha256: '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff1',
    size: 23117,
    // The hub names case documents by their kind; rules give them their German titles.
    title: 'notice',
    documentId: '0b9e8d7c-6b5a-5f4e-8d3c-2b1a0f9e8d7c',
  };
  const objection = {
    filename: 'Widerspruch.json',
    mediaType: 'application/json',
    sha256: '5e4d3c2b1a0f9e8d7c6b5a49382716059a8b7c6d5e4f30211203948576a6b7c8',
    size: 412,
    title: 'objection',
    documentId: '1c2d3e4f-5a6b-5c7d-8e9f-0a1b2c3d4e5f',
  };
  return {
    applicationId: 'A-20260701-1A2B3C4D5E',
    messageType,
    createdAt: '2026-07-01T07:31:00.000Z',
    service: { leikaId: options.leikaId, name: serviceName },
    municipality: { ars: '146120000000', name: 'Dresden, Stadt' },
    office: SAMPLE_OFFICES[bundle],
    implementationLevel: 3,
    submittedAt: '2026-07-01T07:30:00.000Z',
    applicant: {
      name: 'Erika Müller',
      givenName: 'Erika',
      familyName: 'Müller',
      email: 'erika.mueller@example.org',
      postalAddress: 'Alaunstraße 5, 01099 Dresden',
    },
    filing: {
      fileReference: '32.20.01-2026/1A2B3C4D5E',
      filePlanEntry: '32.20.01',
      retentionYears: 10,
      disposal: 'bewerten',
      confidentiality: 'offen',
    },
    formData: options.formData ?? (structuredClone(SAMPLE_FORM_DATA[bundle]) as Record<string, unknown>),
    attachments: messageType === 'application' || messageType === 'supplement' ? [pdf] : [],
    ...(messageType === 'notice'
      ? {
          notice: {
            subject: 'Bescheid',
            text: 'Dem Antrag wird stattgegeben.',
            decision: 'approved',
            decidedAt: '2026-07-03T10:00:00.000Z',
          },
          documents: [notice],
        }
      : {}),
    ...(messageType === 'record'
      ? { documents: [notice, objection], payload: { finalStatus: 'COMPLETED', phase: 'closed' } }
      : {}),
    ...(messageType === 'application' && bundle === 'trade' ? { payload: SAMPLE_XGA_PAYLOAD } : {}),
  };
}

/** A complete sample envelope (XML) for a service and message type. */
export function sampleEnvelope(options: SampleOptions): string {
  return applicationEnvelope(sampleEnvelopeInput(options));
}
