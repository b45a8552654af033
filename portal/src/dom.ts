// Builds DOM nodes from data. Text always goes in as text nodes: no HTML string is ever parsed, so case data cannot inject markup.
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | null | undefined>;

/** One element with attributes (`on…` take functions, booleans toggle) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name.startsWith('on') || name === 'style' || name === 'srcdoc')
      throw new Error(`attribute ${name} must not be set from a string`);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children; strings and numbers become text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of a node. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A KERN alert (role=alert for errors, status otherwise). */
export function alertBox(
  kind: 'info' | 'success' | 'warning' | 'danger',
  title: string,
  text?: string,
): HTMLElement {
  return h(
    'div',
    { class: `kern-alert kern-alert--${kind}`, role: kind === 'danger' ? 'alert' : 'status' },
    h('div', { class: 'kern-alert__header' }, h('span', { class: 'kern-title' }, title)),
    text ? h('div', { class: 'kern-alert__body' }, h('p', { class: 'kern-body' }, text)) : null,
  );
}

/** A labelled text input in KERN markup. */
export function field(
  id: string,
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  input.id = id;
  if (!input.className)
    input.className =
      input instanceof HTMLSelectElement ? 'kern-form-input__select' : 'kern-form-input__input';
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  const control =
    input instanceof HTMLSelectElement
      ? h('div', { class: 'kern-form-input__select-wrapper' }, input)
      : input;
  return h(
    'div',
    { class: 'kern-form-input' },
    h('label', { class: 'kern-label', for: id }, label),
    hint ? h('div', { class: 'kern-hint', id: `${id}-hint` }, hint) : null,
    control,
  );
}

/** A KERN button. */
export function button(
  text: string,
  onclick: Handler,
  kind: 'primary' | 'secondary' | 'tertiary' = 'primary',
  attrs: Attrs = {},
): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: `kern-btn kern-btn--${kind}`, onclick, ...attrs },
    h('span', { class: 'kern-label' }, text),
  );
}

/** A description list of label/value pairs. */
export function facts(rows: [string, Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'kern-description-list' },
    rows.map(([k, v]) =>
      h(
        'div',
        { class: 'kern-description-list-item' },
        h('dt', { class: 'kern-description-list-item__key' }, k),
        h('dd', { class: 'kern-description-list-item__value' }, v),
      ),
    ),
  );
}

/** A page section with its heading; `id` names the heading for the section's aria-labelledby. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'portal-section', 'aria-labelledby': id },
    h('h2', { class: 'kern-heading-medium', id }, title),
    children,
  );
}
