// Given applicants' names and files, when the hub prepares a filing, then names are split into given and family
// name and document ids are unique per case.
import { describe, expect, it } from 'vitest';
import { documentUuid, personName } from '../../activities/delivery/filing';

describe('filing data for the records system', () => {
  it.each([
    ['Erika Mustermann', { givenName: 'Erika', familyName: 'Mustermann' }],
    ['Ayşe Yılmaz', { givenName: 'Ayşe', familyName: 'Yılmaz' }],
    ['Ursula von der Leyen', { givenName: 'Ursula', familyName: 'von der Leyen' }],
    ['Hans-Peter  van Dijk', { givenName: 'Hans-Peter', familyName: 'van Dijk' }],
    ['Anna Maria Schmidt', { givenName: 'Anna Maria', familyName: 'Schmidt' }],
    ['Madonna', { familyName: 'Madonna' }],
    ['von Goethe', { familyName: 'von Goethe' }],
  ])('splits "%s" by the heuristic', (name, expected) => {
    expect(personName({ name }, {})).toEqual(expected);
  });

  it('prefers separate fields, then a person in the form data whose names spell the full name', () => {
    expect(
      personName({ name: 'María García López', givenName: 'María', familyName: 'García López' }, {}),
    ).toEqual({
      givenName: 'María',
      familyName: 'García López',
    });
    const form = { operator: { givenName: 'María', familyName: 'García López' } };
    expect(personName({ name: 'María García López' }, form)).toEqual({
      givenName: 'María',
      familyName: 'García López',
    });
    // a form person with another name is not the applicant
    expect(personName({ name: 'Max Muster' }, form)).toEqual({ givenName: 'Max', familyName: 'Muster' });
  });

  it('gives the same file in two cases different ids, and the same id on a retry', () => {
    const a = documentUuid('A-20260302-0000000001', 'attachment:7');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(documentUuid('A-20260302-0000000002', 'attachment:7')).not.toBe(a);
    expect(documentUuid('A-20260302-0000000001', 'attachment:8')).not.toBe(a);
    expect(documentUuid('A-20260302-0000000001', 'attachment:7')).toBe(a);
  });
});
