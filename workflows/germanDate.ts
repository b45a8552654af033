// German date formatting (TT.MM.JJJJ) for applicant-facing texts, notices and mails, in one place.

/** `2027-03-01` or `2027-03-01T…` as `01.03.2027` (the calendar date as written, no time-zone shift). */
export function germanDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}
