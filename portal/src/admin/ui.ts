// Building blocks of the administration pages: tables, selects, badges and German labels of API values.
import { h, type Child } from '../dom';

/** A KERN table with a caption (screen readers announce it) and header cells scoped to their columns. */
export function table(
  caption: string,
  headers: string[],
  rows: Child[][],
  numeric: number[] = [],
): HTMLElement {
  return h(
    'div',
    { class: 'kern-table-responsive' },
    h(
      'table',
      { class: 'kern-table kern-table--small' },
      h('caption', { class: 'kern-title' }, caption),
      h(
        'thead',
        { class: 'kern-table__header' },
        h(
          'tr',
          { class: 'kern-table__row' },
          headers.map((t, i) =>
            h(
              'th',
              {
                scope: 'col',
                class: `kern-table__header${numeric.includes(i) ? ' kern-table__header--numeric' : ''}`,
              },
              t,
            ),
          ),
        ),
      ),
      h(
        'tbody',
        { class: 'kern-table__body' },
        rows.length === 0
          ? h(
              'tr',
              { class: 'kern-table__row' },
              h('td', { class: 'kern-table__cell', colspan: headers.length }, 'Keine Einträge.'),
            )
          : rows.map((r) =>
              h(
                'tr',
                { class: 'kern-table__row' },
                r.map((c, i) =>
                  h(
                    'td',
                    { class: `kern-table__cell${numeric.includes(i) ? ' kern-table__cell--numeric' : ''}` },
                    c,
                  ),
                ),
              ),
            ),
      ),
    ),
  );
}

/** A select with its options; `value` preselects one. */
export function select(name: string, options: [string, string][], value?: string | null): HTMLSelectElement {
  return h(
    'select',
    { name },
    options.map(([v, label]) => h('option', { value: v, selected: v === (value ?? '') }, label)),
  );
}

export const GO_LIVE_LABELS: Record<string, string> = {
  draft: 'Entwurf',
  test: 'Test',
  pilot: 'Pilotbetrieb',
  live: 'Produktiv',
};

const BADGE: Record<string, string> = { draft: 'info', test: 'warning', pilot: 'warning', live: 'success' };

/** The go-live state as a badge: the text carries the meaning, the colour only repeats it. */
export function stateBadge(state: string): HTMLElement {
  return h(
    'span',
    { class: `kern-badge kern-badge--${BADGE[state] ?? 'info'}` },
    h('span', { class: 'kern-label kern-label--small' }, GO_LIVE_LABELS[state] ?? state),
  );
}

export const BUNDLE_LABELS: Record<string, string> = {
  trade: 'Gewerbe',
  'street-use': 'Sondernutzung',
  'civil-status': 'Personenstand',
  other: 'Sonstige',
};

export const STAGE_LABELS: Record<string, string> = {
  'submission-office': 'Antrag → Behörde',
  'office-notice': 'Behörde → Bescheid',
  'notice-final': 'Bescheid → bestandskräftig',
};

/** Seconds as a short German duration: "45 s", "12 min", "3,5 h", "2,1 Tage". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const fmt = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 1 });
  if (seconds < 60) return `${fmt(seconds)} s`;
  if (seconds < 3_600) return `${fmt(seconds / 60)} min`;
  if (seconds < 86_400) return `${fmt(seconds / 3_600)} h`;
  return `${fmt(seconds / 86_400)} Tage`;
}

/** An ISO time in German notation. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('de-DE', { dateStyle: 'short', timeStyle: 'short' }) : '–';
}

/** A page heading (focused by the shell after navigation). */
export const heading = (text: string) => h('h1', { class: 'kern-heading-large', tabindex: '-1' }, text);
export const subheading = (text: string, id?: string) => h('h2', { class: 'kern-heading-medium', id }, text);

/** A link inside the portal. */
export const link = (hash: string, text: string) => h('a', { class: 'kern-link', href: hash }, text);
