// Registers compare names the way a clerk would: case, surrounding spaces and Unicode composition
// (a decomposed "ü" from a form) do not matter.

/** Normalised form of a name for comparisons. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}
