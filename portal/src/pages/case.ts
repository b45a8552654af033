// One case by its number (for operators and for links from the timeline), without task form.
import { h } from '../dom';
import { caseSections, loadCaseData } from '../caseView';
import type { Page } from '../pages';

export const casePage: Page = {
  path: '/vorgang/:id',
  title: 'Vorgang',
  roles: ['caseworker', 'admin'],
  async render({ params }) {
    const c = await loadCaseData(params.id!);
    return [h('h1', { class: 'kern-heading-large', tabindex: '-1' }, `Vorgang ${c.id}`), caseSections(c)];
  },
};
