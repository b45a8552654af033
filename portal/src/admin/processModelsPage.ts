// The process models of a service: versions, the import report of one, and its diagram (bpmn-js viewer).
import { api, apiBlob, seg } from '../api';
import { loadViewer } from '../bpmnViewer';
import { alertBox, facts, h } from '../dom';
import type { Page } from '../pages';
import { heading, link, subheading, table, when } from './ui';

interface ModelSummary {
  id: string;
  version: number;
  name: string;
  ars: string | null;
  executable: boolean;
  createdAt: string;
  activeFor: string[];
}
interface ModelDetail extends ModelSummary {
  report: {
    findings: { elementId: string; elementType: string; severity: string; code: string; message: string }[];
    counts: { elements: Record<string, number>; findings: Record<string, number> };
  };
}
const SEVERITY: Record<string, string> = { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' };

export const processModelsPage: Page = {
  path: '/prozessmodelle/:serviceId',
  title: 'Prozessmodelle',
  roles: ['admin'],
  async render({ params, query }) {
    const items = (
      await api<{ items: ModelSummary[] }>(
        'GET',
        `/api/v1/admin/process-models?leikaId=${seg(params.serviceId!)}`,
      )
    ).items;
    const chosen = query.get('model') ?? items[0]?.id;
    const detail = chosen
      ? await api<ModelDetail>('GET', `/api/v1/admin/process-models/${seg(chosen)}`)
      : undefined;
    const container = h('div', { class: 'portal-diagram', id: 'model-diagram' });
    if (detail)
      void (async () => {
        try {
          const xml = await (await apiBlob(`/api/v1/admin/process-models/${seg(detail.id)}/diagram`)).text();
          const BpmnJS = await loadViewer();
          const viewer = new BpmnJS({ container });
          await viewer.importXML(xml);
          viewer.get('canvas').zoom('fit-viewport');
          container.dataset.ready = 'true';
        } catch (error) {
          container.replaceChildren(
            alertBox(
              'warning',
              'Das Diagramm ist nicht verfügbar',
              error instanceof Error ? error.message : String(error),
            ),
          );
        }
      })();
    return [
      heading(`Prozessmodelle der Leistung ${params.serviceId!}`),
      table(
        'Versionen, neueste zuerst',
        ['Version', 'Name', 'Geltung', 'Ausführbar', 'Aktiv für', 'Importiert'],
        items.map((m) => [
          link(`#/prozessmodelle/${params.serviceId!}?model=${m.id}`, `Version ${m.version}`),
          m.name,
          m.ars ?? 'alle Kommunen',
          m.executable ? 'ja' : 'nein',
          m.activeFor.map((a) => (a === '*' ? 'alle' : a)).join(', ') || '–',
          when(m.createdAt),
        ]),
      ),
      detail
        ? h(
            'section',
            { class: 'portal-section', 'aria-labelledby': 'report' },
            subheading(`Importbericht: ${detail.name}, Version ${detail.version}`, 'report'),
            facts(
              Object.entries(detail.report.counts.findings).map(
                ([k, v]) => [SEVERITY[k] ?? k, String(v)] as [string, string],
              ),
            ),
            table(
              'Befunde',
              ['Element', 'Typ', 'Schwere', 'Code', 'Meldung'],
              detail.report.findings.map((f) => [
                f.elementId,
                f.elementType,
                SEVERITY[f.severity] ?? f.severity,
                f.code,
                f.message,
              ]),
            ),
            subheading('Diagramm'),
            h('figure', { 'aria-label': `Diagramm des Prozessmodells ${detail.name}` }, container),
          )
        : h('p', { class: 'kern-body' }, 'Für diese Leistung ist kein Prozessmodell importiert.'),
    ];
  },
};
