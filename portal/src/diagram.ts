// The case's office process as a BPMN diagram (bpmn-js NavigatedViewer, loaded on demand as a file of this
// origin), with completed elements and current tokens marked, plus the same facts as text for screen readers.
import { api, seg } from './api';
import { loadViewer } from './bpmnViewer';
import { alertBox, h } from './dom';

interface ProcessView {
  kind: 'bpmn' | 'default' | 'none';
  model?: { id: string; name: string; version: number };
  xml?: string | null;
  completed?: string[];
  active?: string[];
}

/** A section with the diagram of the case's office process (fills itself once loaded). */
export function processSection(applicationId: string): HTMLElement {
  const body = h(
    'div',
    null,
    h('p', { class: 'kern-body', role: 'status' }, 'Prozessdiagramm wird geladen …'),
  );
  const section = h(
    'section',
    { class: 'portal-section', 'aria-labelledby': 'process-heading' },
    h('h2', { class: 'kern-heading-medium', id: 'process-heading' }, 'Prozess der Dienststelle'),
    body,
  );
  void fill(applicationId, body);
  return section;
}

async function fill(applicationId: string, body: HTMLElement): Promise<void> {
  try {
    const view = await api<ProcessView>('GET', `/api/v1/applications/${seg(applicationId)}/process`);
    if (view.kind !== 'bpmn' || !view.xml) {
      body.replaceChildren(
        h(
          'p',
          { class: 'kern-body' },
          view.kind === 'default'
            ? 'Dieser Vorgang läuft mit der Standardprüfung (ohne BPMN-Modell der Dienststelle).'
            : 'Für diesen Vorgang läuft noch kein Prozess.',
        ),
      );
      return;
    }
    // A figure, not role=img: the viewer's canvas is focusable (keyboard panning), which an img may not contain.
    const container = h('div', { class: 'portal-diagram', id: 'process-diagram' });
    const summary = h('p', { class: 'kern-body', id: 'process-summary' });
    body.replaceChildren(
      h(
        'p',
        { class: 'kern-body' },
        `Modell „${view.model?.name ?? ''}“, Version ${view.model?.version ?? ''}`,
      ),
      h(
        'div',
        { class: 'portal-legend', 'aria-hidden': 'true' },
        h('span', null, h('span', { class: 'portal-swatch portal-swatch--completed' }), 'erledigt'),
        h('span', null, h('span', { class: 'portal-swatch portal-swatch--active' }), 'aktuell'),
      ),
      h('figure', { 'aria-labelledby': 'process-summary' }, container, h('figcaption', null, summary)),
    );
    const BpmnJS = await loadViewer();
    const viewer = new BpmnJS({ container });
    await viewer.importXML(view.xml);
    const canvas = viewer.get('canvas');
    canvas.zoom('fit-viewport');
    const registry = viewer.get('elementRegistry');
    const name = (id: string) => registry.get(id)?.businessObject?.name || id;
    for (const id of view.completed ?? []) if (registry.get(id)) canvas.addMarker(id, 'portal-completed');
    for (const id of view.active ?? []) if (registry.get(id)) canvas.addMarker(id, 'portal-active');
    summary.textContent = `Aktuell: ${(view.active ?? []).map(name).join(', ') || 'keine offenen Schritte'}. Erledigt: ${(view.completed ?? []).map(name).join(', ') || '–'}.`;
    container.dataset.ready = 'true';
  } catch (error) {
    body.replaceChildren(
      alertBox(
        'warning',
        'Das Prozessdiagramm ist nicht verfügbar',
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
}
