// Go-live of a service in a municipality: the state, each next step or why it is not possible, test plan runs.
import { api, ApiError, seg } from '../api';
import { alertBox, button, facts, h } from '../dom';
import type { Page } from '../pages';
import { GO_LIVE_LABELS, heading, link, stateBadge, subheading, table, when } from './ui';

interface Unmet {
  code: string;
  message: string;
}
interface GoLiveView {
  ars: string;
  leikaId: string;
  state: string;
  configHash: string | null;
  passValid: boolean;
  retestRequired: boolean;
  passedAt: string | null;
  lastRunAt: string | null;
  lastRunAccepted: boolean | null;
  lastReport: {
    cases?: { name: string; expected: string; actual: string; passed: boolean }[];
    error?: string;
  } | null;
  running: boolean;
  serviceName: string;
  municipalityName: string;
  transitions: { to: string; possible: boolean; unmet: Unmet[] }[];
  history: { at: string; actor: string; from: string; to: string; reason: string }[];
}

/** Why a step is not possible, in German; the API's own sentence (with ids and times) follows. */
const UNMET_TEXT: Record<string, string> = {
  'same-state': 'Die Leistung ist bereits in diesem Zustand.',
  'state-order': 'Schritte können nicht übersprungen werden.',
  'no-binding': 'Die Leistung ist in dieser Kommune nicht konfiguriert.',
  route: 'Die Weiterleitung an die zuständige Stelle lässt sich nicht auflösen.',
  'office-address': 'Die zuständige Stelle hat keine Postanschrift; Bescheide brauchen sie.',
  'office-email': 'Die zuständige Stelle hat keine E-Mail-Adresse für das Mailsystem.',
  'no-rule': 'Für das Fachverfahren ist keine Integrationsregel aktiv.',
  'test-plan-not-passed': 'Der Testplan ist mit dieser Konfiguration noch nicht bestanden.',
  'configuration-changed': 'Die Konfiguration wurde nach dem bestandenen Testplan geändert.',
  'test-plan-failed': 'Der letzte Testlauf mit dieser Konfiguration ist gescheitert.',
};

const STEP_TEXT: Record<string, string> = {
  draft: 'Auf Entwurf zurücksetzen (nimmt die Leistung vom Netz)',
  test: 'In den Test überführen',
  pilot: 'Pilotbetrieb starten',
  live: 'Produktiv schalten',
};

const ORDER = ['draft', 'test', 'pilot', 'live'];

function reasons(unmet: Unmet[]): HTMLElement {
  return h(
    'ul',
    { class: 'kern-list' },
    unmet.map((u) =>
      h(
        'li',
        { 'data-code': u.code },
        `${UNMET_TEXT[u.code] ?? 'Nicht möglich.'} `,
        h('span', { class: 'kern-body--small', lang: 'en' }, `(${u.message})`),
      ),
    ),
  );
}

export const goLivePage: Page = {
  path: '/freischaltung/:ars/:serviceId',
  title: 'Freischaltung',
  roles: ['admin', 'municipal-admin'],
  async render({ params, reload }) {
    const base = `/api/v1/admin/go-live/${seg(params.ars!)}/${seg(params.serviceId!)}`;
    const view = await api<GoLiveView>('GET', base);
    const message = h('div', { 'aria-live': 'polite' });
    const act = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        reload();
      } catch (error) {
        message.replaceChildren(
          alertBox(
            'danger',
            'Schritt nicht möglich',
            error instanceof ApiError ? error.detail : String(error),
          ),
        );
      }
    };
    const waitForRun = async () => {
      message.replaceChildren(
        alertBox('info', 'Der Testplan läuft', 'Testanträge werden eingereicht und zugestellt …'),
      );
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        if (!(await api<GoLiveView>('GET', base)).running) return;
      }
    };
    const steps = view.transitions
      .filter((t) => ORDER.indexOf(t.to) > ORDER.indexOf(view.state))
      .map((t) =>
        h(
          'div',
          { class: 'kern-stack portal-step', 'data-step': t.to },
          h('h3', { class: 'kern-heading-small' }, `Nächster Schritt: ${GO_LIVE_LABELS[t.to]}`),
          t.possible
            ? h('p', { class: 'kern-body' }, 'Alle Voraussetzungen sind erfüllt.')
            : [h('p', { class: 'kern-body' }, 'Noch nicht möglich:'), reasons(t.unmet)],
          h(
            'div',
            { class: 'portal-toolbar' },
            button(
              STEP_TEXT[t.to]!,
              () => void act(() => api('POST', `${base}/transitions`, { to: t.to })),
              'primary',
              { disabled: !t.possible },
            ),
          ),
        ),
      );
    const back = view.transitions
      .filter((t) => ORDER.indexOf(t.to) < ORDER.indexOf(view.state))
      .map((t) =>
        button(
          STEP_TEXT[t.to]!.replace('In den Test überführen', 'Zurück in den Test'),
          () => void act(() => api('POST', `${base}/transitions`, { to: t.to })),
          'secondary',
        ),
      );
    const report = view.lastReport?.cases ?? [];
    return [
      heading(`Freischaltung: ${view.serviceName} in ${view.municipalityName}`),
      h(
        'p',
        { class: 'kern-body' },
        link(`#/konfiguration?ars=${view.ars}`, 'Zur Konfiguration der Kommune'),
      ),
      facts([
        ['Zustand', stateBadge(view.state)],
        [
          'Testplan bestanden',
          view.passedAt
            ? `${when(view.passedAt)}${view.passValid ? ' (mit der aktuellen Konfiguration)' : ' (Konfiguration seither geändert)'}`
            : 'noch nie',
        ],
        [
          'Letzter Testlauf',
          view.lastRunAt
            ? `${when(view.lastRunAt)}: ${view.lastRunAccepted ? 'bestanden' : 'nicht bestanden'}`
            : '–',
        ],
        ['Konfigurationsstand', h('code', null, (view.configHash ?? '–').slice(0, 12))],
      ]),
      view.retestRequired
        ? alertBox(
            'warning',
            'Erneuter Test empfohlen',
            'Die Leistung ist produktiv, aber ihre Konfiguration wurde seit dem letzten bestandenen Testplan geändert.',
          )
        : null,
      message,
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'steps' },
        subheading('Schritte', 'steps'),
        steps.length ? steps : h('p', { class: 'kern-body' }, 'Die Leistung ist produktiv.'),
        back.length ? h('div', { class: 'portal-toolbar' }, back) : null,
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'testplan' },
        subheading('Testplan', 'testplan'),
        h(
          'p',
          { class: 'kern-body' },
          'Der Testplan reicht Testanträge gegen genau diese Konfiguration ein; gültige müssen bei der Stelle ankommen, ungültige abgelehnt werden.',
        ),
        view.state === 'draft'
          ? h('p', { class: 'kern-body' }, 'Der Testplan läuft ab dem Zustand „Test“.')
          : button(
              view.running ? 'Testplan läuft …' : 'Testplan ausführen',
              () =>
                void act(async () => {
                  await api('POST', `${base}/test-run`);
                  await waitForRun();
                }),
              'secondary',
              { disabled: view.running },
            ),
        view.lastReport?.error ? alertBox('danger', 'Testlauf abgebrochen', view.lastReport.error) : null,
        report.length
          ? table(
              'Ergebnis des letzten Testlaufs',
              ['Testfall', 'Erwartet', 'Ergebnis', 'Bestanden'],
              report.map((c) => [c.name, c.expected, c.actual, c.passed ? 'ja' : 'nein']),
            )
          : null,
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'history' },
        subheading('Verlauf', 'history'),
        table(
          'Übergänge, neueste zuerst',
          ['Zeit', 'Von', 'Nach', 'Durch', 'Anlass'],
          view.history.map((e) => [
            when(e.at),
            GO_LIVE_LABELS[e.from] ?? e.from,
            GO_LIVE_LABELS[e.to] ?? e.to,
            e.actor,
            e.reason === 'requested' ? 'beantragt' : e.reason,
          ]),
        ),
      ),
    ];
  },
};

interface MapEntry {
  leikaId: string;
  service: string;
  level: number | null;
  redirectArs: string | null;
  state: string;
}
interface ServiceMap {
  districts: { name: string; municipalities: { ars: string; name: string; services: MapEntry[] }[] }[];
}

/** All bindings with their go-live state, linking to each one's page. */
export const goLiveListPage: Page = {
  path: '/freischaltung',
  title: 'Freischaltung',
  roles: ['admin', 'municipal-admin'],
  nav: 'Freischaltung',
  async render() {
    const map = await api<ServiceMap>('GET', '/api/v1/admin/dashboard/service-map');
    const rows = map.districts.flatMap((d) =>
      d.municipalities.flatMap((m) =>
        m.services.map((s) => [
          `${m.name} (${m.ars})`,
          link(`#/freischaltung/${m.ars}/${s.leikaId}`, s.service),
          s.redirectArs ? `weitergeleitet an ${s.redirectArs}` : `Stufe ${s.level}`,
          stateBadge(s.state),
        ]),
      ),
    );
    return [
      heading('Freischaltung'),
      h(
        'p',
        { class: 'kern-body' },
        'Jede Leistung geht je Kommune vom Entwurf über Test und Pilotbetrieb in den Produktivbetrieb.',
      ),
      table('Leistungen je Kommune', ['Kommune', 'Leistung', 'Umsetzung', 'Zustand'], rows),
    ];
  },
};
