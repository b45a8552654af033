// The case as the office sees it: data, applicant, documents, timeline and the office process.
import { api, seg } from './api';
import { facts, h, section, type Child } from './dom';
import { bytes, dateTime, STATUS_NAMES } from './format';
import { documentActions } from './documents';
import { processSection } from './diagram';

export interface CaseData {
  id: string;
  leikaId: string;
  applicant: Record<string, unknown>;
  formData: Record<string, unknown> | null;
  createdAt: string;
  route: { serviceName: string; municipalityName: string; officeName: string; level: number } | null;
  status: {
    status: string;
    phase: string;
    text: string;
    history: { status: string; phase: string; text: string; at: string }[];
    openRequests: { requestId: string; description: string; deadline: string }[];
  } | null;
  record: {
    attachments: { id: string; filename: string; mediaType: string; size: number }[];
    documents: { id: string; kind: string; filename: string; mediaType: string; size: number }[];
    protocol: { seq: number; at: string; step: string; outcome: string; target: string | null }[];
  };
}

export const loadCaseData = (id: string): Promise<CaseData> =>
  api<CaseData>('GET', `/api/v1/applications/${seg(id)}`);

/** Any JSON value as nested description lists (text only). */
export function valueView(value: unknown): Child {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value))
    return h(
      'ul',
      { class: 'kern-list' },
      value.map((v) => h('li', null, valueView(v))),
    );
  if (typeof value === 'object')
    return facts(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, valueView(v)]));
  return String(value);
}

function table(caption: string, head: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'kern-table-responsive' },
    h(
      'table',
      { class: 'kern-table' },
      h('caption', { class: 'kern-sr-only' }, caption),
      h(
        'thead',
        { class: 'kern-table__head' },
        h(
          'tr',
          { class: 'kern-table__row' },
          head.map((c) => h('th', { class: 'kern-table__header', scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        { class: 'kern-table__body' },
        rows.length
          ? rows.map((r) =>
              h(
                'tr',
                { class: 'kern-table__row' },
                r.map((c) => h('td', { class: 'kern-table__cell' }, c)),
              ),
            )
          : h('tr', null, h('td', { class: 'kern-table__cell', colspan: head.length }, 'Keine Einträge.')),
      ),
    ),
  );
}

const STEP_NAMES: Record<string, string> = {
  intake: 'Eingang',
  route: 'Zuständigkeit',
  deliver: 'Zustellung',
  status: 'Status',
  notice: 'Bescheid',
  reject: 'Abgewiesen',
};

/** The sections of a case (without actions). */
export function caseSections(c: CaseData): HTMLElement[] {
  const docs = [
    ...c.record.attachments.map((a) => [
      a.filename,
      'Anlage zum Antrag',
      bytes(a.size),
      documentActions(`/api/v1/applications/${seg(c.id)}/attachments/${seg(a.id)}`, a.filename),
    ]),
    ...c.record.documents.map((d) => [
      d.filename,
      d.kind === 'supplement' ? 'Nachreichung' : d.kind === 'notice' ? 'Bescheid' : d.kind,
      bytes(d.size),
      documentActions(`/api/v1/applications/${seg(c.id)}/documents/${seg(d.id)}`, d.filename),
    ]),
  ];
  const timeline = [
    ...(c.status?.history ?? []).map((e) => ({
      at: e.at,
      what: `${STATUS_NAMES[e.status] ?? e.status} (${e.phase})`,
      detail: e.text,
      kind: 'Status',
    })),
    ...c.record.protocol.map((p) => ({
      at: p.at,
      what: STEP_NAMES[p.step] ?? p.step,
      detail: [p.outcome, p.target].filter(Boolean).join(' · '),
      kind: 'Protokoll',
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return [
    section(
      'case-overview',
      'Vorgang',
      facts([
        ['Vorgangsnummer', c.id],
        ['Leistung', c.route?.serviceName ?? c.leikaId],
        [
          'Dienststelle',
          c.route ? `${c.route.officeName}, ${c.route.municipalityName}` : 'noch nicht zugeordnet',
        ],
        ['Umsetzungsstufe', c.route ? String(c.route.level) : '–'],
        ['Eingegangen', dateTime(c.createdAt)],
        ['Status', c.status ? `${STATUS_NAMES[c.status.status] ?? c.status.status}: ${c.status.text}` : '–'],
        ...(c.status?.openRequests.length
          ? [
              [
                'Offene Nachforderung',
                c.status.openRequests.map((r) => `${r.description} (bis ${dateTime(r.deadline)})`).join('; '),
              ] as [string, string],
            ]
          : []),
      ]),
    ),
    section('case-applicant', 'Antragsteller/in', valueView(c.applicant)),
    section('case-data', 'Antragsdaten', valueView(c.formData)),
    section(
      'case-documents',
      'Unterlagen',
      table('Unterlagen des Vorgangs', ['Datei', 'Art', 'Größe', 'Aktionen'], docs),
    ),
    section(
      'case-timeline',
      'Verlauf',
      table(
        'Verlauf: Status und Protokoll',
        ['Zeit', 'Art', 'Ereignis', 'Einzelheiten'],
        timeline.map((e) => [dateTime(e.at), e.kind, e.what, e.detail]),
      ),
    ),
    processSection(c.id),
  ];
}
