// German display of dates, statuses and file sizes.
const DATE_TIME = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Berlin',
});
const DATE = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });

/** 30.11.2026, 14:05 (or an em dash for none). */
export const dateTime = (iso: string | null | undefined): string =>
  iso ? DATE_TIME.format(new Date(iso)) : '–';
/** 30.11.2026 */
export const date = (iso: string | null | undefined): string => (iso ? DATE.format(new Date(iso)) : '–');

export const STATUS_NAMES: Record<string, string> = {
  SUBMITTED: 'Eingereicht',
  RECEIVED: 'Eingegangen',
  PROCESSING: 'In Bearbeitung',
  ACTION_REQUIRED: 'Handlung erforderlich',
  COMPLETED: 'Abgeschlossen',
  REJECTED: 'Abgelehnt',
};

export const TASK_STATUS_NAMES: Record<string, string> = {
  open: 'offen',
  completed: 'erledigt',
  cancelled: 'abgebrochen',
};

export const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1048576).toFixed(1)} MB`;
