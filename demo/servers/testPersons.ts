// The people and businesses of the fictive test organisation. Tests import these constants instead
// of repeating names and dates, so a register answer and a test's expectation cannot drift apart.

/** ARS keys of the demo municipalities (real keys of the Saxon district Meißen). */
export const DEMO_MUNICIPALITIES = {
  radebeul: { ars: '146270210210', name: 'Radebeul, Stadt', postalCode: '01445' },
  coswig: { ars: '146270010010', name: 'Coswig, Stadt', postalCode: '01640' },
} as const;

export interface Resident {
  id: string;
  familyName: string;
  givenName: string;
  birthName?: string;
  /** YYYY-MM-DD */
  birthDate: string;
  birthPlace: string;
  nationality: string;
  address: { street: string; houseNumber: string; postalCode: string; city: string; ars: string };
  registeredSince: string;
}

export interface Trade {
  id: string;
  ars: string;
  /** Business name as registered. */
  name: string;
  activity: string;
  holder: { familyName: string; givenName: string; birthDate: string };
  address: { street: string; houseNumber: string; postalCode: string; city: string };
  registeredOn: string;
  status: 'active' | 'deregistered';
  deregisteredOn?: string;
}

const { radebeul, coswig } = DEMO_MUNICIPALITIES;

/** Registered residents; `TEST_PERSONS.notRegistered` deliberately has no entry. */
export const TEST_PERSONS = {
  erika: {
    id: 'MR-146270210210-0001',
    familyName: 'Mustermann',
    givenName: 'Erika',
    birthName: 'Gabler',
    birthDate: '1964-08-12',
    birthPlace: 'Berlin',
    nationality: 'deutsch',
    address: {
      street: 'Hauptstraße',
      houseNumber: '17',
      postalCode: radebeul.postalCode,
      city: 'Radebeul',
      ars: radebeul.ars,
    },
    registeredSince: '2003-04-01',
  },
  max: {
    id: 'MR-146270010010-0002',
    familyName: 'Mustermann',
    givenName: 'Max',
    birthDate: '1961-03-07',
    birthPlace: 'Dresden',
    nationality: 'deutsch',
    address: {
      street: 'Bahnhofstraße',
      houseNumber: '3a',
      postalCode: coswig.postalCode,
      city: 'Coswig',
      ars: coswig.ars,
    },
    registeredSince: '1998-10-15',
  },
  lieschen: {
    id: 'MR-146270210210-0003',
    familyName: 'Müller',
    givenName: 'Lieschen',
    birthDate: '1990-01-31',
    birthPlace: 'Meißen',
    nationality: 'deutsch',
    address: {
      street: 'Meißner Straße',
      houseNumber: '101',
      postalCode: radebeul.postalCode,
      city: 'Radebeul',
      ars: radebeul.ars,
    },
    registeredSince: '2019-07-01',
  },
  ayse: {
    id: 'MR-146270010010-0004',
    familyName: 'Yılmaz',
    givenName: 'Ayşe',
    birthDate: '1985-11-23',
    birthPlace: 'Izmir',
    nationality: 'türkisch',
    address: {
      street: 'Dresdner Straße',
      houseNumber: '8',
      postalCode: coswig.postalCode,
      city: 'Coswig',
      ars: coswig.ars,
    },
    registeredSince: '2012-02-20',
  },
  /** Not in the residents' register: the register check must fail for him. */
  notRegistered: {
    id: 'none',
    familyName: 'Normalverbraucher',
    givenName: 'Otto',
    birthDate: '1970-05-05',
    birthPlace: 'Leipzig',
    nationality: 'deutsch',
    address: {
      street: 'Unbekannte Gasse',
      houseNumber: '1',
      postalCode: radebeul.postalCode,
      city: 'Radebeul',
      ars: radebeul.ars,
    },
    registeredSince: '',
  },
} as const satisfies Record<string, Resident>;

/** The residents' register holds everyone above except the unregistered person. */
export const RESIDENTS: readonly Resident[] = [
  TEST_PERSONS.erika,
  TEST_PERSONS.max,
  TEST_PERSONS.lieschen,
  TEST_PERSONS.ayse,
];

function holder(person: Resident) {
  return { familyName: person.familyName, givenName: person.givenName, birthDate: person.birthDate };
}

/** The trade register: Erika's delicatessen (active), Max's former business (deregistered), Ayşe's shop. */
export const TEST_TRADES = {
  erikaFeinkost: {
    id: 'GR-146270210210-0001',
    ars: radebeul.ars,
    name: 'Mustermann Feinkost',
    activity: 'Einzelhandel mit Lebensmitteln',
    holder: holder(TEST_PERSONS.erika),
    address: { street: 'Hauptstraße', houseNumber: '17', postalCode: radebeul.postalCode, city: 'Radebeul' },
    registeredOn: '2015-06-01',
    status: 'active',
  },
  maxHausmeister: {
    id: 'GR-146270010010-0002',
    ars: coswig.ars,
    name: 'Hausmeisterservice Mustermann',
    activity: 'Hausmeisterdienste',
    holder: holder(TEST_PERSONS.max),
    address: { street: 'Bahnhofstraße', houseNumber: '3a', postalCode: coswig.postalCode, city: 'Coswig' },
    registeredOn: '2001-01-02',
    status: 'deregistered',
    deregisteredOn: '2020-12-31',
  },
  ayseSchneiderei: {
    id: 'GR-146270010010-0003',
    ars: coswig.ars,
    name: 'Änderungsschneiderei Yılmaz',
    activity: 'Änderungsschneiderei',
    holder: holder(TEST_PERSONS.ayse),
    address: { street: 'Dresdner Straße', houseNumber: '8', postalCode: coswig.postalCode, city: 'Coswig' },
    registeredOn: '2016-09-15',
    status: 'active',
  },
} as const satisfies Record<string, Trade>;

export const TRADES: readonly Trade[] = Object.values(TEST_TRADES);
