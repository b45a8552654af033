// The start page: who is signed in, with which scope, and the surfaces of that role.
import { facts, h } from '../dom';
import { ROLE_NAMES, type Page } from '../pages';
import { PAGES } from './index';

export const homePage: Page = {
  path: '/',
  title: 'Übersicht',
  roles: ['portal', 'applicant', 'caseworker', 'municipal-admin', 'admin'],
  nav: 'Übersicht',
  async render({ me }) {
    const surfaces = PAGES.filter((p) => p.nav && p.path !== '/' && p.roles.includes(me.role));
    return [
      h('h1', { class: 'kern-heading-large', tabindex: '-1' }, 'Übersicht'),
      facts([
        ['Rolle', ROLE_NAMES[me.role]],
        ['Angemeldet als', me.label],
        ...(me.municipality
          ? [['Kommune', `${me.municipality.name} (${me.municipality.ars})`] as [string, string]]
          : []),
        ...(me.offices.length > 0
          ? [
              ['Dienststellen', me.offices.map((o) => `${o.name}, ${o.municipality}`).join('; ')] as [
                string,
                string,
              ],
            ]
          : []),
      ]),
      surfaces.length > 0
        ? h(
            'ul',
            { class: 'kern-list' },
            surfaces.map((p) => h('li', null, h('a', { class: 'kern-link', href: `#${p.path}` }, p.nav!))),
          )
        : h(
            'p',
            { class: 'kern-body' },
            'Für diese Rolle gibt es im Portal keine weiteren Seiten; sie nutzt die API.',
          ),
    ];
  },
};
