// The rule versions of a service: which is active, a line diff between two versions, and a test run on sample data.
import { api, ApiError, seg } from '../api';
import { alertBox, button, field, h } from '../dom';
import type { Page } from '../pages';
import { lineDiff } from './diff';
import { heading, select, subheading, table, when } from './ui';

interface RuleVersion {
  id: string;
  leikaId: string;
  messageType: string;
  targetFormat: string;
  version: number;
  createdAt: string;
  createdBy: string;
  note: string | null;
  active: boolean;
}

const SIGN = { same: ' ', added: '+', removed: '−' } as const;
const LABEL = { same: '', added: 'hinzugefügt: ', removed: 'entfernt: ' } as const;

export const rulesPage: Page = {
  path: '/regeln/:serviceId',
  title: 'Integrationsregeln',
  roles: ['admin'],
  async render({ params }) {
    const items = (
      await api<{ items: RuleVersion[] }>('GET', `/api/v1/admin/rules?leikaId=${seg(params.serviceId!)}`)
    ).items;
    const options = items.map(
      (r) =>
        [r.id, `${r.messageType} → ${r.targetFormat}, Version ${r.version}${r.active ? ' (aktiv)' : ''}`] as [
          string,
          string,
        ],
    );
    const diffOut = h('div', { 'aria-live': 'polite' });
    const testOut = h('div', { 'aria-live': 'polite' });
    const from = select('from', options, items[1]?.id ?? items[0]?.id);
    const to = select('to', options, items[0]?.id);
    const version = select('version', options, items[0]?.id);
    const sample = h('textarea', { name: 'sample', rows: 8, class: 'kern-form-input__input' });
    sample.value = '{\n  "businessName": "Feinkost Mustermann"\n}';
    const compare = async () => {
      const [a, b] = await Promise.all([
        api<{ xslt: string }>('GET', `/api/v1/admin/rules/${seg(from.value)}`),
        api<{ xslt: string }>('GET', `/api/v1/admin/rules/${seg(to.value)}`),
      ]);
      const lines = lineDiff(a.xslt, b.xslt);
      const changed = lines.filter((l) => l.kind !== 'same').length;
      diffOut.replaceChildren(
        h(
          'p',
          { class: 'kern-body', role: 'status' },
          changed ? `${changed} geänderte Zeilen.` : 'Die Versionen sind gleich.',
        ),
        h(
          'pre',
          { class: 'portal-pre portal-diff' },
          lines.map((l) =>
            h(
              l.kind === 'same' ? 'span' : l.kind === 'added' ? 'ins' : 'del',
              { class: `portal-diff--${l.kind}` },
              h('span', { class: 'portal-visually-hidden' }, LABEL[l.kind]),
              `${SIGN[l.kind]} ${l.text}\n`,
            ),
          ),
        ),
      );
    };
    const runTest = async () => {
      let body: unknown;
      try {
        body = { sample: JSON.parse(sample.value) as unknown };
      } catch {
        testOut.replaceChildren(
          alertBox(
            'danger',
            'Beispieldaten ungültig',
            'Bitte gültiges JSON eingeben (ein Objekt mit Formulardaten).',
          ),
        );
        return;
      }
      try {
        const r = await api<{
          ok: boolean;
          output?: string;
          validation?: { valid: boolean; errors?: unknown[] };
          error?: { message: string };
        }>('POST', `/api/v1/admin/rules/${seg(version.value)}/test`, body);
        testOut.replaceChildren(
          r.ok
            ? alertBox('success', 'Testlauf erfolgreich', 'Die Ausgabe ist gültig.')
            : alertBox(
                'warning',
                'Testlauf mit Befund',
                r.error?.message ?? JSON.stringify(r.validation?.errors ?? []),
              ),
          h('pre', { class: 'portal-pre' }, r.output ?? ''),
        );
      } catch (error) {
        testOut.replaceChildren(
          alertBox('danger', 'Testlauf abgelehnt', error instanceof ApiError ? error.detail : String(error)),
        );
      }
    };
    return [
      heading(`Integrationsregeln der Leistung ${params.serviceId!}`),
      table(
        'Versionen, neueste zuerst je Nachricht und Zielformat',
        ['Kennung', 'Nachricht', 'Zielformat', 'Version', 'Aktiv', 'Erstellt', 'Notiz'],
        items.map((r) => [
          r.id,
          r.messageType,
          r.targetFormat,
          r.version,
          r.active ? 'ja' : 'nein',
          `${when(r.createdAt)} (${r.createdBy})`,
          r.note ?? '–',
        ]),
        [3],
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'diff' },
        subheading('Versionen vergleichen', 'diff'),
        h(
          'form',
          { class: 'portal-toolbar', onsubmit: (e) => (e.preventDefault(), void compare()) },
          field('r-from', 'Alte Version', from),
          field('r-to', 'Neue Version', to),
          h(
            'button',
            { type: 'submit', class: 'kern-btn kern-btn--secondary' },
            h('span', { class: 'kern-label' }, 'Vergleichen'),
          ),
        ),
        diffOut,
      ),
      h(
        'section',
        { class: 'portal-section', 'aria-labelledby': 'ruletest' },
        subheading('Testlauf mit Beispieldaten', 'ruletest'),
        field('r-version', 'Version', version),
        field(
          'r-sample',
          'Formulardaten (JSON)',
          sample,
          'Die Daten werden in einen Beispielantrag einer Demo-Kommune verpackt.',
        ),
        button('Testlauf starten', () => void runTest(), 'secondary'),
        testOut,
      ),
    ];
  },
};
