// The operator dashboard: service map by district, throughput times with weekly plots, incidents and parked
// deliveries, usage per month with CSV download.
import { api, apiBlob, seg } from '../api';
import { button, field, h } from '../dom';
import type { Page } from '../pages';
import { lineChart } from './chart';
import {
  BUNDLE_LABELS,
  GO_LIVE_LABELS,
  STAGE_LABELS,
  duration,
  heading,
  link,
  select,
  stateBadge,
  subheading,
  table,
  when,
} from './ui';

interface ServiceMap {
  total: number;
  districts: {
    district: string;
    name: string;
    municipalities: {
      ars: string;
      name: string;
      services: {
        leikaId: string;
        service: string;
        bundle: string;
        level: number | null;
        redirectArs: string | null;
        state: string;
      }[];
    }[];
  }[];
}
interface Throughput {
  summary: {
    leikaId: string;
    ars: string;
    stage: string;
    count: number;
    p50Seconds: number;
    p90Seconds: number;
  }[];
  weekly: { stage: string; week: string; count: number; p50Seconds: number; p90Seconds: number }[];
}
interface Usage {
  items: {
    month: string;
    ars: string;
    municipality: string;
    bundle: string;
    level: number;
    applications: number;
  }[];
}

const FILTERS = ['district', 'bundle', 'state', 'level', 'service', 'municipality'] as const;

function filterForm(query: URLSearchParams, map: ServiceMap, go: (hash: string) => void): HTMLElement {
  const district = select(
    'district',
    [['', 'alle Kreise'], ...map.districts.map((d) => [d.district, d.name] as [string, string])],
    query.get('district'),
  );
  const bundle = select(
    'bundle',
    [['', 'alle Bündel'], ...Object.entries(BUNDLE_LABELS)],
    query.get('bundle'),
  );
  const state = select(
    'state',
    [['', 'alle Zustände'], ...Object.entries(GO_LIVE_LABELS)],
    query.get('state'),
  );
  const level = select(
    'level',
    [
      ['', 'alle Stufen'],
      ['1', 'Stufe 1'],
      ['2', 'Stufe 2'],
      ['3', 'Stufe 3'],
      ['4', 'Stufe 4'],
    ],
    query.get('level'),
  );
  const apply = () => {
    const q = new URLSearchParams();
    for (const [name, el] of [
      ['district', district],
      ['bundle', bundle],
      ['state', state],
      ['level', level],
    ] as const)
      if (el.value) q.set(name, el.value);
    for (const keep of ['service', 'municipality'] as const)
      if (query.get(keep)) q.set(keep, query.get(keep)!);
    go(`#/betrieb?${q.toString()}`);
  };
  return h(
    'form',
    {
      class: 'portal-toolbar',
      'aria-label': 'Dienstlandkarte filtern',
      onsubmit: (e) => (e.preventDefault(), apply()),
    },
    field('f-district', 'Kreis', district),
    field('f-bundle', 'Leistungsbündel', bundle),
    field('f-state', 'Zustand', state),
    field('f-level', 'Umsetzungsstufe', level),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--secondary' },
      h('span', { class: 'kern-label' }, 'Filtern'),
    ),
  );
}

function serviceMapSection(map: ServiceMap): HTMLElement[] {
  return map.districts.map((d) =>
    table(
      `${d.name} (${d.district})`,
      ['Kommune', 'Leistung', 'Bündel', 'Umsetzung', 'Zustand'],
      d.municipalities.flatMap((m) =>
        m.services.map((s) => [
          `${m.name} (${m.ars})`,
          link(`#/freischaltung/${m.ars}/${s.leikaId}`, s.service),
          BUNDLE_LABELS[s.bundle] ?? s.bundle,
          s.redirectArs ? `weitergeleitet an ${s.redirectArs}` : `Stufe ${s.level}`,
          stateBadge(s.state),
        ]),
      ),
    ),
  );
}

function throughputSection(t: Throughput, map: ServiceMap): HTMLElement[] {
  const names = new Map<string, string>();
  for (const d of map.districts)
    for (const m of d.municipalities) {
      names.set(m.ars, m.name);
      for (const s of m.services) names.set(s.leikaId, s.service);
    }
  const weeks = [...new Set(t.weekly.map((p) => p.week))].sort();
  const charts = Object.entries(STAGE_LABELS).map(([stage, label], i) => {
    const points = new Map(t.weekly.filter((p) => p.stage === stage).map((p) => [p.week, p]));
    return h(
      'figure',
      { class: 'portal-figure' },
      lineChart(`chart-${i}`, `Durchlaufzeit ${label} je Woche`, weeks, [
        {
          label: 'Median (p50)',
          color: '#0b5394',
          values: weeks.map((w) => points.get(w)?.p50Seconds ?? null),
        },
        {
          label: '90. Perzentil (p90)',
          color: '#a13d00',
          dash: '6 4',
          values: weeks.map((w) => points.get(w)?.p90Seconds ?? null),
        },
      ]),
      h(
        'figcaption',
        { class: 'kern-body kern-body--small' },
        `${label}: Median und 90. Perzentil je Kalenderwoche (Wochenbeginn)`,
      ),
    );
  });
  return [
    table(
      'Durchlaufzeiten je Leistung und Kommune',
      ['Leistung', 'Kommune', 'Abschnitt', 'Fälle', 'Median (p50)', 'p90'],
      t.summary.map((r) => [
        names.get(r.leikaId) ?? r.leikaId,
        `${names.get(r.ars) ?? ''} (${r.ars})`,
        STAGE_LABELS[r.stage] ?? r.stage,
        r.count,
        duration(r.p50Seconds),
        duration(r.p90Seconds),
      ]),
      [3, 4, 5],
    ),
    ...charts,
  ];
}

interface Incident {
  applicationId: string;
  step: string;
  municipality: string;
  message: string;
  createdAt: string;
}
interface Delivery {
  id: string;
  applicationId: string;
  target: string;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

export const dashboardPage: Page = {
  path: '/betrieb',
  title: 'Betrieb',
  roles: ['admin', 'municipal-admin'],
  nav: 'Betrieb',
  async render({ query, go }) {
    const mapQuery = new URLSearchParams();
    for (const name of ['district', 'bundle', 'state', 'level'] as const)
      if (query.get(name)) mapQuery.set(name, query.get(name)!);
    const tq = new URLSearchParams();
    if (query.get('service')) tq.set('service', query.get('service')!);
    if (query.get('municipality')) tq.set('municipality', query.get('municipality')!);
    const [fullMap, map, throughput, incidents, parked, usage] = await Promise.all([
      api<ServiceMap>('GET', '/api/v1/admin/dashboard/service-map'),
      api<ServiceMap>('GET', `/api/v1/admin/dashboard/service-map?${mapQuery.toString()}`),
      api<Throughput>('GET', `/api/v1/admin/dashboard/throughput?${tq.toString()}`),
      api<{ items: Incident[] }>('GET', '/api/v1/admin/incidents?state=open&limit=100'),
      api<{ items: Delivery[] }>('GET', '/api/v1/admin/deliveries?status=parked'),
      api<Usage>('GET', '/api/v1/admin/dashboard/usage'),
    ]);
    const download = h('p', { class: 'kern-body', 'aria-live': 'polite' });
    const csv = button(
      'Nutzung als CSV herunterladen',
      async () => {
        const blob = await apiBlob('/api/v1/admin/dashboard/usage/csv');
        const a = h(
          'a',
          { class: 'kern-link', href: URL.createObjectURL(blob), download: 'nutzung.csv' },
          'nutzung.csv',
        );
        download.replaceChildren('Bereit: ', a);
        a.click();
      },
      'secondary',
    );
    void FILTERS;
    return [
      heading('Betrieb'),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'map' },
        subheading('Dienstlandkarte', 'map'),
        h('p', { class: 'kern-body' }, `${map.total} Leistungen in ${map.districts.length} Kreisen.`),
        filterForm(query, fullMap, go),
        ...serviceMapSection(map),
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'sla' },
        subheading('Durchlaufzeiten', 'sla'),
        h(
          'p',
          { class: 'kern-body' },
          'Nur echte Anträge (ohne Testanträge). Abschnitte: Eingang bis Zustellung an die Behörde, Behörde bis Bescheid, Bescheid bis Bestandskraft.',
        ),
        ...throughputSection(throughput, fullMap),
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'incidents' },
        subheading('Störungen und geparkte Zustellungen', 'incidents'),
        table(
          'Offene Störungen',
          ['Antrag', 'Schritt', 'Kommune', 'Meldung', 'Seit'],
          incidents.items.map((i) => [i.applicationId, i.step, i.municipality, i.message, when(i.createdAt)]),
        ),
        table(
          'Geparkte Zustellungen',
          ['Zustellung', 'Antrag', 'Ziel', 'Versuche', 'Fehler', 'Seit'],
          parked.items.map((d) => [
            d.id,
            d.applicationId,
            d.target,
            d.attempts,
            d.lastError ?? '–',
            when(d.updatedAt),
          ]),
          [3],
        ),
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'usage' },
        subheading('Nutzung', 'usage'),
        table(
          'Anträge je Monat, Kommune, Bündel und Stufe',
          ['Monat', 'Kommune', 'Bündel', 'Stufe', 'Anträge'],
          usage.items.map((u) => [
            u.month,
            `${u.municipality} (${u.ars})`,
            BUNDLE_LABELS[u.bundle] ?? u.bundle,
            u.level,
            u.applications,
          ]),
          [3, 4],
        ),
        csv,
        download,
      ),
    ];
  },
};
void seg;
