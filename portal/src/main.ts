// The portal shell: sign-in with a bearer token (kept in sessionStorage), navigation by role, hash routing.
import { api, ApiError, session } from './api';
import { alertBox, button, field, h, replace } from './dom';
import { matchPath, ROLE_NAMES, type Me, type Page } from './pages';
import { PAGES } from './pages/index';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;
let me: Me | undefined;

/** The page a role starts on. */
function startHash(role: Me['role']): string {
  if (role === 'caseworker') return '#/aufgaben';
  if (role === 'applicant') return '#/mein-antrag';
  return '#/';
}

function parseHash(): { path: string; query: URLSearchParams } {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, query] = raw.split('?', 2);
  return { path: path || '/', query: new URLSearchParams(query ?? '') };
}

function renderSignIn(message?: string): void {
  replace(nav);
  replace(who);
  document.title = 'Anmelden – Drehscheibe';
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true });
  const form = h(
    'form',
    {
      class: 'kern-stack',
      onsubmit: (event) => {
        event.preventDefault();
        session.signIn(input.value.trim());
        void boot(true);
      },
    },
    field(
      'token',
      'Zugangsschlüssel (Token)',
      input,
      'Den Schlüssel erhalten Sie von Ihrer Verwaltung oder mit Ihrem Antrag. Er bleibt nur bis zum Schließen des Browserfensters gespeichert.',
    ),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--primary' },
      h('span', { class: 'kern-label' }, 'Anmelden'),
    ),
  );
  replace(
    main,
    h('h1', { class: 'kern-heading-large', tabindex: '-1' }, 'Anmelden'),
    message ? alertBox('danger', 'Anmeldung nicht möglich', message) : null,
    form,
  );
  input.focus();
}

function renderChrome(current: Me): void {
  replace(
    who,
    h('span', { class: 'kern-body kern-body--small' }, `${ROLE_NAMES[current.role]}: ${current.label}`),
    button(
      'Abmelden',
      () => {
        session.signOut();
        me = undefined;
        history.replaceState(null, '', location.pathname);
        renderSignIn();
      },
      'tertiary',
    ),
  );
  const links = PAGES.filter((p) => p.nav && p.roles.includes(current.role));
  replace(
    nav,
    h(
      'ul',
      { class: 'kern-list kern-list--horizontal portal-nav' },
      links.map((p) =>
        h('li', null, h('a', { class: 'kern-link', href: `#${p.path}`, 'data-path': p.path }, p.nav!)),
      ),
    ),
  );
}

function markCurrent(path: string): void {
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.path === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route(): Promise<void> {
  if (!me) return;
  const { path, query } = parseHash();
  let found: { page: Page; params: Record<string, string> } | undefined;
  for (const page of PAGES) {
    const params = matchPath(page.path, path);
    if (params) {
      found = { page, params };
      break;
    }
  }
  markCurrent(path);
  if (!found || !found.page.roles.includes(me.role)) {
    document.title = 'Nicht gefunden – Drehscheibe';
    replace(
      main,
      h('h1', { class: 'kern-heading-large', tabindex: '-1' }, 'Seite nicht verfügbar'),
      alertBox('warning', 'Diese Seite gibt es nicht oder sie ist für Ihre Rolle nicht freigegeben.'),
    );
    return;
  }
  const { page, params } = found;
  document.title = `${page.title} – Drehscheibe`;
  main.setAttribute('aria-busy', 'true');
  replace(main, h('p', { class: 'kern-body', role: 'status' }, 'Wird geladen …'));
  const ctx = {
    me,
    params,
    query,
    go: (hash: string) => void (location.hash = hash),
    reload: () => void route(),
  };
  try {
    replace(main, await page.render(ctx));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      return renderSignIn('Der Zugangsschlüssel ist nicht (mehr) gültig.');
    const text = error instanceof ApiError ? error.detail : String(error);
    replace(
      main,
      h('h1', { class: 'kern-heading-large', tabindex: '-1' }, page.title),
      alertBox('danger', 'Die Seite konnte nicht geladen werden', text),
    );
  } finally {
    // Which route the content shows (tests and bench/portal.ts wait for it).
    main.dataset.rendered = location.hash;
    main.removeAttribute('aria-busy');
  }
  // Screen readers hear the new page: focus its heading (not on the first load, where the user starts at the top).
  if (routed) main.querySelector<HTMLElement>('h1')?.focus();
  routed = true;
}
let routed = false;

async function boot(signingIn = false): Promise<void> {
  if (!session.token()) return renderSignIn();
  try {
    me = await api<Me>('GET', '/api/v1/me');
  } catch (error) {
    session.signOut();
    return renderSignIn(
      error instanceof ApiError && error.status === 401
        ? 'Der Zugangsschlüssel ist unbekannt oder widerrufen.'
        : String(error),
    );
  }
  renderChrome(me);
  if (signingIn || !location.hash.startsWith('#/')) {
    const target = startHash(me.role);
    if (location.hash === target) await route();
    else location.hash = target;
  } else await route();
}

window.addEventListener('hashchange', () => {
  // In-page anchors (the skip link) are not routes.
  if (location.hash.startsWith('#/')) void route();
});
document.getElementById('skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
void boot();
