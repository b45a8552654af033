// The caseworker's inbox: the office's tasks, filtered, sorted and paginated by the server.
import { api } from '../api';
import { field, h } from '../dom';
import { dateTime, TASK_STATUS_NAMES } from '../format';
import type { Page, PageContext } from '../pages';

export const PAGE_SIZE = 20;

interface TaskItem {
  id: string;
  applicationId: string;
  title: string;
  serviceName: string | null;
  leikaId: string;
  status: string;
  dueAt: string | null;
  createdAt: string;
}

const COLUMNS: { key: string | null; label: string }[] = [
  { key: 'title', label: 'Aufgabe' },
  { key: null, label: 'Vorgang' },
  { key: 'service', label: 'Leistung' },
  { key: 'createdAt', label: 'Eingang' },
  { key: 'dueAt', label: 'Frist' },
  { key: null, label: 'Status' },
];

function hashFor(query: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  const qs = next.toString();
  return `#/aufgaben${qs ? `?${qs}` : ''}`;
}

async function render({ me, query, go }: PageContext) {
  const status = query.get('status') ?? 'open';
  const sort = query.get('sort') ?? 'createdAt';
  const order = query.get('order') === 'desc' ? 'desc' : 'asc';
  const text = query.get('q') ?? '';
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const params = new URLSearchParams({
    status,
    sort,
    order,
    limit: String(PAGE_SIZE),
    offset: String((page - 1) * PAGE_SIZE),
  });
  if (text) params.set('q', text);
  const result = await api<{ items: TaskItem[]; total: number }>('GET', `/api/v1/tasks?${params}`);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));

  const q = h('input', { type: 'search', name: 'q', value: text });
  const statusSelect = h(
    'select',
    { name: 'status' },
    Object.entries(TASK_STATUS_NAMES).map(([value, label]) =>
      h('option', { value, selected: value === status }, label),
    ),
  );
  const filter = h(
    'form',
    {
      class: 'portal-toolbar',
      role: 'search',
      'aria-label': 'Aufgaben filtern',
      onsubmit: (event) => {
        event.preventDefault();
        go(hashFor(query, { q: q.value.trim(), status: statusSelect.value, page: null }));
      },
    },
    field('inbox-q', 'Suche (Aufgabe oder Vorgangsnummer)', q),
    field('inbox-status', 'Status', statusSelect),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--secondary' },
      h('span', { class: 'kern-label' }, 'Filtern'),
    ),
  );

  const header = h(
    'tr',
    { class: 'kern-table__row' },
    COLUMNS.map((c) => {
      if (!c.key) return h('th', { class: 'kern-table__header', scope: 'col' }, c.label);
      const active = sort === c.key;
      const nextOrder = active && order === 'asc' ? 'desc' : 'asc';
      return h(
        'th',
        {
          class: 'kern-table__header',
          scope: 'col',
          'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : null,
        },
        h(
          'a',
          { class: 'kern-link', href: hashFor(query, { sort: c.key, order: nextOrder, page: null }) },
          c.label,
          active ? (order === 'asc' ? ' ▲' : ' ▼') : '',
          h(
            'span',
            { class: 'kern-sr-only' },
            ` (sortieren ${nextOrder === 'asc' ? 'aufsteigend' : 'absteigend'})`,
          ),
        ),
      );
    }),
  );
  const rows = result.items.map((t) =>
    h(
      'tr',
      { class: 'kern-table__row' },
      h(
        'td',
        { class: 'kern-table__cell' },
        h('a', { class: 'kern-link', href: `#/aufgaben/${encodeURIComponent(t.id)}` }, t.title),
      ),
      h('td', { class: 'kern-table__cell' }, t.applicationId),
      h('td', { class: 'kern-table__cell' }, t.serviceName ?? t.leikaId),
      h('td', { class: 'kern-table__cell' }, dateTime(t.createdAt)),
      h('td', { class: 'kern-table__cell' }, dateTime(t.dueAt)),
      h('td', { class: 'kern-table__cell' }, TASK_STATUS_NAMES[t.status] ?? t.status),
    ),
  );
  const office = me.offices.map((o) => o.name).join(', ');
  return [
    h('h1', { class: 'kern-heading-large', tabindex: '-1' }, 'Aufgaben', office ? ` – ${office}` : ''),
    filter,
    h(
      'p',
      { class: 'kern-body', role: 'status', id: 'inbox-count' },
      `${result.total} Aufgaben, Seite ${page} von ${pages}`,
    ),
    h(
      'div',
      { class: 'kern-table-responsive' },
      h(
        'table',
        { class: 'kern-table kern-table--striped' },
        h('caption', { class: 'kern-sr-only' }, 'Aufgaben meiner Dienststelle'),
        h('thead', { class: 'kern-table__head' }, header),
        h(
          'tbody',
          { class: 'kern-table__body' },
          rows.length > 0
            ? rows
            : h(
                'tr',
                null,
                h('td', { colspan: COLUMNS.length, class: 'kern-table__cell' }, 'Keine Aufgaben.'),
              ),
        ),
      ),
    ),
    h(
      'nav',
      { 'aria-label': 'Seiten der Aufgabenliste', class: 'portal-toolbar' },
      page > 1
        ? h(
            'a',
            { class: 'kern-link', href: hashFor(query, { page: String(page - 1) }), rel: 'prev' },
            '‹ Vorherige Seite',
          )
        : null,
      page < pages
        ? h(
            'a',
            { class: 'kern-link', href: hashFor(query, { page: String(page + 1) }), rel: 'next' },
            'Nächste Seite ›',
          )
        : null,
    ),
  ];
}

export const inboxPage: Page = {
  path: '/aufgaben',
  title: 'Aufgaben',
  roles: ['caseworker', 'admin'],
  nav: 'Aufgaben',
  render,
};
