// Change one binding (level, office, systems, redirect, participating offices); the hub validates the change
// and the page shows the problem's text when it refuses.
import { api, ApiError, seg } from '../api';
import { alertBox, field, h } from '../dom';
import type { Page } from '../pages';
import { heading, link, select } from './ui';

type Row = Record<string, unknown>;

export const bindingPage: Page = {
  path: '/konfiguration/bindung/:id',
  title: 'Leistung ändern',
  roles: ['admin', 'municipal-admin'],
  async render({ params }) {
    const binding = await api<Row>('GET', `/api/v1/admin/bindings/${seg(params.id!)}`);
    const ars = binding.ars as string;
    const [offices, systems] = await Promise.all([
      api<{ items: Row[] }>('GET', `/api/v1/admin/offices?ars=${seg(ars)}`),
      api<{ items: Row[] }>('GET', '/api/v1/admin/systems'),
    ]);
    const none: [string, string] = ['', '– keines –'];
    const systemOptions = systems.items.map(
      (s) => [s.id as string, `${s.id as string} (${s.productId as string})`] as [string, string],
    );
    const inputs = {
      level: select(
        'level',
        [
          ['1', 'Stufe 1'],
          ['2', 'Stufe 2'],
          ['3', 'Stufe 3'],
          ['4', 'Stufe 4'],
        ],
        String(binding.level),
      ),
      officeId: select(
        'officeId',
        [none, ...offices.items.map((o) => [o.id as string, o.name as string] as [string, string])],
        binding.officeId as string,
      ),
      fachverfahrenSystemId: select(
        'fachverfahrenSystemId',
        [none, ...systemOptions],
        binding.fachverfahrenSystemId as string,
      ),
      dmsSystemId: select('dmsSystemId', [none, ...systemOptions], binding.dmsSystemId as string),
      mailSystemId: select('mailSystemId', [none, ...systemOptions], binding.mailSystemId as string),
      redirectArs: h('input', {
        type: 'text',
        name: 'redirectArs',
        value: (binding.redirectArs as string) ?? '',
        inputmode: 'numeric',
      }),
      participatingOfficeIds: h('input', {
        type: 'text',
        name: 'participatingOfficeIds',
        value: ((binding.participatingOfficeIds as string[]) ?? []).join(', '),
      }),
    };
    const message = h('div', { 'aria-live': 'polite' });
    const save = async () => {
      const wanted: Row = {
        level: Number(inputs.level.value),
        officeId: inputs.officeId.value || null,
        fachverfahrenSystemId: inputs.fachverfahrenSystemId.value || null,
        dmsSystemId: inputs.dmsSystemId.value || null,
        mailSystemId: inputs.mailSystemId.value || null,
        redirectArs: inputs.redirectArs.value.trim() || null,
        participatingOfficeIds: inputs.participatingOfficeIds.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
      // Only what changed goes to the hub, so the audit log shows the real change.
      const change = Object.fromEntries(
        Object.entries(wanted).filter(
          ([k, v]) =>
            JSON.stringify(v) !== JSON.stringify(binding[k] ?? (k === 'participatingOfficeIds' ? [] : null)),
        ),
      );
      if (Object.keys(change).length === 0) {
        message.replaceChildren(
          alertBox('info', 'Keine Änderung', 'Die Werte entsprechen der gespeicherten Konfiguration.'),
        );
        return;
      }
      try {
        const saved = await api<Row>('PATCH', `/api/v1/admin/bindings/${seg(params.id!)}`, change);
        Object.assign(binding, saved);
        message.replaceChildren(
          alertBox(
            'success',
            'Gespeichert',
            'Eine geänderte Konfiguration braucht vor dem Pilot- oder Produktivbetrieb einen neuen Testlauf (siehe Freischaltung).',
          ),
        );
      } catch (error) {
        message.replaceChildren(
          alertBox('danger', 'Änderung abgelehnt', error instanceof ApiError ? error.detail : String(error)),
        );
      }
    };
    return [
      heading(`Leistung ${binding.leikaId as string} in ${ars} ändern`),
      h(
        'p',
        { class: 'kern-body' },
        link(`#/konfiguration?ars=${ars}`, 'Zurück zur Konfiguration'),
        ' · ',
        link(`#/freischaltung/${ars}/${binding.leikaId as string}`, 'Freischaltung'),
      ),
      h(
        'form',
        { class: 'kern-stack', onsubmit: (e) => (e.preventDefault(), void save()) },
        field('b-level', 'Umsetzungsstufe', inputs.level),
        field(
          'b-office',
          'Zuständige Stelle',
          inputs.officeId,
          'Leer lassen, wenn die Leistung an eine andere Kommune weitergeleitet wird.',
        ),
        field('b-fv', 'Fachverfahren', inputs.fachverfahrenSystemId),
        field('b-dms', 'E-Akte (DMS)', inputs.dmsSystemId),
        field('b-mail', 'Mailsystem', inputs.mailSystemId),
        field(
          'b-redirect',
          'Weiterleitung an Kommune (ARS)',
          inputs.redirectArs,
          '12 Ziffern; leer lassen, wenn die eigene Stelle entscheidet.',
        ),
        field(
          'b-participants',
          'Beteiligte Stellen (Stufe 4)',
          inputs.participatingOfficeIds,
          'Kennungen, durch Komma getrennt.',
        ),
        h(
          'button',
          { type: 'submit', class: 'kern-btn kern-btn--primary' },
          h('span', { class: 'kern-label' }, 'Speichern'),
        ),
      ),
      message,
    ];
  },
};
