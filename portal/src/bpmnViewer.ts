// The bpmn-js NavigatedViewer, a file of this origin (the CSP allows no other), loaded once on demand for every
// page that shows a diagram.
import { h } from './dom';

/** The part of the bpmn-js viewer the portal uses. */
export interface Viewer {
  importXML(xml: string): Promise<unknown>;
  get(name: 'canvas'): { zoom(mode: string): void; addMarker(id: string, marker: string): void };
  get(name: 'elementRegistry'): { get(id: string): { businessObject?: { name?: string } } | undefined };
}
export type ViewerClass = new (options: { container: HTMLElement }) => Viewer;

let loading: Promise<ViewerClass> | undefined;

/** The viewer class; the script and its style sheets are added to the page on the first call only. */
export function loadViewer(): Promise<ViewerClass> {
  loading ??= new Promise((resolve, reject) => {
    for (const css of ['assets/diagram-js.css', 'assets/bpmn-js.css'])
      document.head.append(h('link', { rel: 'stylesheet', href: `vendor/bpmn-js/${css}` }));
    const script = h('script', { src: 'vendor/bpmn-js/bpmn-navigated-viewer.production.min.js' });
    script.addEventListener('load', () => resolve((window as unknown as { BpmnJS: ViewerClass }).BpmnJS));
    script.addEventListener('error', () => reject(new Error('bpmn-js konnte nicht geladen werden')));
    document.head.append(script);
  });
  return loading;
}
