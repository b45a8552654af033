// The configuration portal: a municipality's offices, which service runs at which level through which
// systems (redirects, participating offices), and the systems that receive its cases.
import { api, seg } from '../api';
import { field, h } from '../dom';
import type { Page } from '../pages';
import { BUNDLE_LABELS, heading, link, select, stateBadge, subheading, table } from './ui';

type Row = Record<string, unknown>;
const KNOWN_OFFICE_FIELDS = new Set(['id', 'ars', 'name', 'email', 'address', 'createdAt']);

/** Settings other parts of the hub add to offices (holiday calendar, file plan, ...), shown as they come. */
function otherSettings(office: Row): string {
  const extra = Object.entries(office).filter(
    ([k, v]) => !KNOWN_OFFICE_FIELDS.has(k) && v !== null && v !== undefined,
  );
  return extra.length
    ? extra.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ')
    : '–';
}

export const configurationPage: Page = {
  path: '/konfiguration',
  title: 'Konfiguration',
  roles: ['admin', 'municipal-admin'],
  nav: 'Konfiguration',
  async render({ me, query, go }) {
    const ars = me.municipality?.ars ?? query.get('ars') ?? '146270210210';
    const [municipalities, offices, bindings, systems, services, goLive] = await Promise.all([
      api<{ items: { ars: string; name: string }[] }>('GET', '/api/v1/admin/municipalities'),
      api<{ items: Row[] }>('GET', `/api/v1/admin/offices?ars=${seg(ars)}`),
      api<{ items: Row[] }>('GET', `/api/v1/admin/bindings?ars=${seg(ars)}`),
      api<{ items: Row[] }>('GET', '/api/v1/admin/systems'),
      api<{ items: { leikaId: string; name: string; bundle: string }[] }>('GET', '/api/v1/admin/services'),
      api<{ items: { leikaId: string; state: string }[] }>(
        'GET',
        `/api/v1/admin/go-live?municipality=${seg(ars)}`,
      ),
    ]);
    const name = municipalities.items.find((m) => m.ars === ars)?.name ?? ars;
    const serviceName = new Map(services.items.map((s) => [s.leikaId, s]));
    const state = new Map(goLive.items.map((g) => [g.leikaId, g.state]));
    const officeName = new Map(offices.items.map((o) => [o.id as string, o.name as string]));
    const chooser = me.municipality
      ? null
      : (() => {
          const choice = select(
            'ars',
            municipalities.items.map((m) => [m.ars, `${m.name} (${m.ars})`] as [string, string]),
            ars,
          );
          return h(
            'form',
            {
              class: 'portal-toolbar',
              onsubmit: (e) => (e.preventDefault(), go(`#/konfiguration?ars=${choice.value}`)),
            },
            field('c-ars', 'Kommune', choice),
            h(
              'button',
              { type: 'submit', class: 'kern-btn kern-btn--secondary' },
              h('span', { class: 'kern-label' }, 'Anzeigen'),
            ),
          );
        })();
    const usedSystems = new Set(
      bindings.items.flatMap((b) => [b.fachverfahrenSystemId, b.dmsSystemId, b.mailSystemId]),
    );
    return [
      heading(`Konfiguration: ${name}`),
      chooser,
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'offices' },
        subheading('Dienststellen', 'offices'),
        table(
          'Dienststellen der Kommune',
          ['Kennung', 'Name', 'E-Mail', 'Postanschrift', 'Weitere Einstellungen'],
          offices.items.map((o) => [
            o.id as string,
            o.name as string,
            (o.email as string) ?? '–',
            (o.address as string) ?? '–',
            otherSettings(o),
          ]),
        ),
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'bindings' },
        subheading('Leistungen', 'bindings'),
        table(
          'Welche Leistung auf welcher Stufe über welche Systeme läuft',
          [
            'Leistung',
            'Stufe',
            'Zuständige Stelle / Weiterleitung',
            'Fachverfahren',
            'E-Akte',
            'Mail',
            'Beteiligte Stellen',
            'Zustand',
            'Aktionen',
          ],
          bindings.items.map((b) => {
            const leika = b.leikaId as string;
            const s = serviceName.get(leika);
            return [
              s ? `${s.name} (${BUNDLE_LABELS[s.bundle] ?? s.bundle})` : leika,
              b.redirectArs ? '–' : String(b.level),
              b.redirectArs
                ? `weitergeleitet an ${b.redirectArs as string}`
                : (officeName.get(b.officeId as string) ?? (b.officeId as string)),
              (b.fachverfahrenSystemId as string) ?? '–',
              (b.dmsSystemId as string) ?? '–',
              (b.mailSystemId as string) ?? '–',
              ((b.participatingOfficeIds as string[]) ?? []).join(', ') || '–',
              stateBadge(state.get(leika) ?? 'draft'),
              h(
                'span',
                { class: 'portal-toolbar' },
                link(`#/konfiguration/bindung/${seg(b.id as string)}`, 'Ändern'),
                link(`#/freischaltung/${ars}/${leika}`, 'Freischaltung'),
                me.role === 'admin' ? link(`#/regeln/${leika}`, 'Regeln') : null,
                me.role === 'admin' ? link(`#/prozessmodelle/${leika}`, 'Prozessmodelle') : null,
              ),
            ];
          }),
        ),
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'systems' },
        subheading('Empfangende Systeme', 'systems'),
        table(
          'Systeme der Kommune und gemeinsam genutzte, die ihre Leistungen empfangen',
          ['Kennung', 'Produkt', 'Kommune', 'Endpunkt', 'Zugangsdaten'],
          systems.items
            .filter((s) => s.ars === ars || usedSystems.has(s.id))
            .map((s) => [
              s.id as string,
              s.productId as string,
              (s.ars as string) ?? 'gemeinsam',
              s.endpoint as string,
              s.credentialsSet ? 'hinterlegt' : 'keine',
            ]),
        ),
      ),
    ];
  },
};
