// What applicants and caseworkers send in the chaos run: drawn from everything the forms and API schemas
// allow — empty optional fields, maximum lengths (counted in code points, as the schemas count them),
// DIN 91379 names, emoji, line breaks, XML-special characters.
import type { Random } from './prng';

/** Names and places of DIN 91379 (Latin letters with diacritics, Greek, Cyrillic in the extended sets). */
export const DIN_91379_NAMES = [
  ['Yılmaz', 'Ayşe'],
  ['Šćepanović', 'Đorđe'],
  ['Kołłątaj', 'Hugo'],
  ['Ærøskøbing', 'Øyvind'],
  ['Núñez-Gómez', 'Zoë'],
  ['Müller-Lüdenscheidt', 'Jürgen'],
  ["O'Brien", 'Siobhán'],
  ['Dvořák', 'Antonín'],
  ['Nguyễn', 'Thị Minh Khai'],
  ['Ŀlull', 'Ramon'],
  ['Ḑeḑe', 'Ġużè'],
  ['Παπαδόπουλος', 'Γιώργος'],
  ['Мустерманн', 'Эрика'],
  ['Mustermann', 'Erika'],
] as const;

const PLACES = ['Łódź', 'Radebeul', 'Coswig', 'Sankt Märgen', 'Ñuñoa', 'Ilıca', 'Þingvellir', 'Zürich'];
const EMOJI = ['🥐', '🚧', '📄', '👩‍👩‍👧', '🇩🇪', '✅', '😀'];

/** A string of exactly `length` code points (each emoji is two UTF-16 units, so the JSON is longer). */
function ofLength(random: Random, length: number): string {
  const pieces = ['Ä', 'ß', 'ł', 'ş', '🥐', ' ', 'a', '\n', '&', '<'];
  let out = '';
  for (let i = 0; i < length; i++) out += random.pick(pieces);
  // The schemas' minLength counts code points; a leading or trailing space is allowed but not all spaces.
  return out.replace(/^\s/, 'X').replace(/\s$/, 'Y');
}

/** Free text of up to `max` code points: everyday, with line breaks, emoji, XML specials, or the maximum. */
export function text(random: Random, min: number, max: number): string {
  const choice = random.int(0, 5);
  const samples = [
    'Die Angaben sind vollständig.',
    `Zeile 1\nZeile 2\r\nZeile 3 – „Anführungszeichen“`,
    `Mit Emoji ${random.pick(EMOJI)} und ${random.pick(PLACES)}`,
    'Sonderzeichen: <tag> & "quotes" \'apostrophe\' ]]> §1 ½ €',
    `${random.pick(DIN_91379_NAMES).join(' ')} aus ${random.pick(PLACES)}`,
  ];
  const value = choice === 5 ? ofLength(random, max) : samples[choice]!;
  return [...value].length < min ? value.padEnd(min, '.') : [...value].slice(0, max).join('');
}

/** An optional text field: absent, empty (when allowed), or drawn. */
export function optionalText(random: Random, max: number, emptyAllowed = true): string | undefined {
  const r = random.next();
  if (r < 0.25) return undefined;
  if (r < 0.35 && emptyAllowed) return '';
  return text(random, 0, max);
}

function date(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const day = random.int(1, month === 2 ? (year % 4 === 0 ? 29 : 28) : 30);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function name(random: Random, max: number): string {
  return random.chance(0.1) ? text(random, 1, max).replace(/^\s+/, 'N') : random.pick(DIN_91379_NAMES)[0];
}

function person(random: Random) {
  const [familyName, givenName] = random.pick(DIN_91379_NAMES);
  return {
    familyName: random.chance(0.1) ? name(random, 100) : familyName,
    givenName: random.chance(0.05) ? ofLength(random, 100) : givenName,
    birthDate: date(random, 1920, 2008),
    ...(random.chance(0.7) ? { nationality: optionalText(random, 60) ?? 'deutsch' } : {}),
  };
}

function address(random: Random) {
  return {
    street: random.chance(0.1)
      ? ofLength(random, 200)
      : `${random.pick(['Meißner Straße', 'ul. Piotrkowska', 'Hauptstraße'])} ${random.int(1, 200)}`,
    postalCode: random.pick(['01445', '01640', '90001', '00000']),
    city: random.chance(0.1) ? ofLength(random, 100) : random.pick(PLACES),
  };
}

function withOptional<T extends object>(base: T, extra: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined) (base as Record<string, unknown>)[key] = value;
  return base;
}

/** Form data for a service bundle, valid against its form schema (db/seed/services.ts). */
export function formData(random: Random, bundle: string): Record<string, unknown> {
  if (bundle === 'trade')
    return withOptional(
      {
        activity: text(random, 3, 2000),
        startDate: date(random, 2026, 2028),
        operator: person(random),
        businessAddress: address(random),
      },
      {
        businessName: optionalText(random, 200),
        legalForm: random.chance(0.6)
          ? random.pick(['Einzelunternehmen', 'GbR', 'OHG', 'KG', 'GmbH', 'UG', 'AG', 'eG', 'Sonstige'])
          : undefined,
        employees: random.chance(0.6) ? random.pick([0, 1, 12, 100000]) : undefined,
      },
    );
  if (bundle === 'street-use')
    return withOptional(
      {
        location: address(random),
        from: date(random, 2027, 2027),
        to: date(random, 2027, 2028),
        purpose: text(random, 3, 1000),
      },
      { lengthMetres: random.chance(0.6) ? random.pick([1, 12.5, 500]) : undefined },
    );
  return withOptional(
    { person: person(random), eventDate: date(random, 1930, 2026), copies: random.pick([1, 2, 10]) },
    { eventPlace: optionalText(random, 100), purpose: optionalText(random, 300) },
  );
}

/** The applicant block of a submission. */
export function applicant(random: Random) {
  const [familyName, givenName] = random.pick(DIN_91379_NAMES);
  return withOptional(
    {
      name: random.chance(0.1) ? ofLength(random, 200) : `${givenName} ${familyName}`,
      email: random.pick(['ayse.yilmaz@example.org', 'x+chaos@example.org', 'o.brien@example.ie', 'a@b.de']),
    },
    {
      postalAddress: random.pick([
        undefined,
        '',
        'Hauptstraße 17, 01445 Radebeul',
        'ul. Piotrkowska 104\n90-001 Łódź\nPolska',
        `Postfach ${random.pick(EMOJI)}`,
        ofLength(random, 500),
      ]),
    },
  );
}

/** Zero to two small attachments with names of every kind the schema allows. */
export function attachments(random: Random, min = 0) {
  const count = random.int(min, 2);
  return Array.from({ length: count }, (_, i) => ({
    filename: random.pick([
      'Ausweis.pdf',
      `Nachweis Ayşe ${random.pick(EMOJI)}.pdf`,
      'Łódź & <Plan>.pdf',
      `${'ä'.repeat(250)}.pdf`,
    ]),
    mediaType: random.pick(['application/pdf', 'image/png', 'text/plain']),
    contentBase64: Buffer.from(`%PDF-1.4 chaos ${i} ${random.next()}`).toString('base64'),
  }));
}
