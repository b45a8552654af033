// What the records system needs beyond the case data: document ids unique per case, and the applicant's name
// split into given and family name. (The file reference is the office's Aktenzeichen, db/fileReferences.ts.)
import { derivedUuid } from '../../rules/envelope';

/**
 * The DMS id of one file of a case: derived from the case and the file's own record (intake attachment row or
 * case document id), so a retry produces the same id and the same bytes in another case get another one.
 */
export function documentUuid(applicationId: string, source: string): string {
  return derivedUuid(`document:${applicationId}:${source}`);
}

// Name particles that belong to the family name ("Ursula von der Leyen" -> von der Leyen).
const PARTICLES = new Set([
  'von',
  'van',
  'vom',
  'zu',
  'zum',
  'zur',
  'der',
  'den',
  'de',
  'del',
  'di',
  'da',
  'le',
  'la',
  'ter',
  'ten',
]);

/**
 * Given and family name. Separate fields of the submission win; otherwise a person in the form data whose
 * names spell the full name; otherwise a heuristic: the last word is the family name, together with the
 * lower-case particles before it (von, van, zu, de, …); a single word is a family name only.
 */
export function personName(
  applicant: { name: string; givenName?: unknown; familyName?: unknown },
  formData: Record<string, unknown>,
): { givenName?: string; familyName: string } {
  const given = typeof applicant.givenName === 'string' ? applicant.givenName.trim() : '';
  const family = typeof applicant.familyName === 'string' ? applicant.familyName.trim() : '';
  if (family) return given ? { givenName: given, familyName: family } : { familyName: family };
  const full = applicant.name.trim().replace(/\s+/g, ' ');
  for (const candidate of Object.values(formData)) {
    if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) continue;
    const p = candidate as Record<string, unknown>;
    if (typeof p.familyName !== 'string' || typeof p.givenName !== 'string') continue;
    if (`${p.givenName.trim()} ${p.familyName.trim()}`.replace(/\s+/g, ' ') === full)
      return { givenName: p.givenName.trim(), familyName: p.familyName.trim() };
  }
  const words = full.split(' ');
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start--;
  if (start === 1 && PARTICLES.has(words[0]!) && words.length > 1) start = 0;
  const givenName = words.slice(0, start).join(' ');
  const familyName = words.slice(start).join(' ');
  return givenName ? { givenName, familyName } : { familyName };
}
