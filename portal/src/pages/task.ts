// One task: its form, the case actions (request documents, decide) and the case itself.
import { api, seg } from '../api';
import { facts, field, h, type Child } from '../dom';
import { dateTime, TASK_STATUS_NAMES } from '../format';
import { caseSections, loadCaseData, valueView } from '../caseView';
import type { Page, PageContext } from '../pages';
import { submitAction } from '../submitAction';

interface FormField {
  id?: string;
  key?: string;
  label?: string;
  type?: string;
  required?: boolean;
  values?: string[];
  options?: { value: string; label?: string }[];
}

interface Task {
  id: string;
  applicationId: string;
  title: string;
  kind: string;
  status: string;
  dueAt: string | null;
  createdAt: string;
  formFields: FormField[];
  case?: unknown;
}

const CHOICE_LABELS: Record<string, string> = { approved: 'Bewilligen', rejected: 'Ablehnen' };

function fieldInput(f: FormField, name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const type = (f.type ?? 'text').toLowerCase();
  const choices = f.values ?? f.options?.map((o) => o.value) ?? [];
  if (['enum', 'select', 'radio'].includes(type))
    return h(
      'select',
      { name, required: !!f.required },
      h('option', { value: '' }, 'Bitte wählen'),
      choices.map((c) =>
        h('option', { value: c }, f.options?.find((o) => o.value === c)?.label ?? CHOICE_LABELS[c] ?? c),
      ),
    );
  if (['number', 'long', 'integer', 'int', 'double', 'float'].includes(type))
    return h('input', { type: 'number', name, required: !!f.required, step: 'any' });
  if (['boolean', 'checkbox'].includes(type))
    return h('input', { type: 'checkbox', name, class: 'kern-form-check__checkbox' });
  if (['date'].includes(type)) return h('input', { type: 'date', name, required: !!f.required });
  if (type === 'text' || type === 'textarea')
    return h('textarea', { name, rows: 4, required: !!f.required, class: 'kern-form-input__input' });
  return h('input', { type: 'text', name, required: !!f.required });
}

function readField(f: FormField, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): unknown {
  const type = (f.type ?? 'text').toLowerCase();
  if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked;
  if (input.value === '') return undefined;
  if (input instanceof HTMLInputElement && input.type === 'number') return Number(input.value);
  if (type === 'date') return input.value;
  return input.value;
}

function taskForm(task: Task, ctx: PageContext): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const inputs = task.formFields.map((f, i) => {
    const key = f.key ?? f.id ?? `field${i}`;
    return { f, key, input: fieldInput(f, key) };
  });
  const form = h(
    'form',
    {
      class: 'kern-stack',
      id: 'task-form',
      onsubmit: submitAction(out, ctx, 'Die Aufgabe ist abgeschlossen.', () => {
        const output: Record<string, unknown> = {};
        for (const { f, key, input } of inputs) {
          const value = readField(f, input);
          if (value !== undefined) output[key] = value;
        }
        return api('POST', `/api/v1/tasks/${seg(task.id)}/complete`, { output });
      }),
    },
    inputs.map(({ f, key, input }) =>
      field(`task-${key}`, `${f.label ?? key}${f.required ? '' : ' (optional)'}`, input),
    ),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--primary' },
      h('span', { class: 'kern-label' }, 'Aufgabe abschließen'),
    ),
  );
  return h(
    'section',
    { class: 'portal-section', 'aria-labelledby': 'task-form-heading' },
    h('h2', { class: 'kern-heading-medium', id: 'task-form-heading' }, 'Formular der Aufgabe'),
    form,
    out,
  );
}

function caseActions(applicationId: string, ctx: PageContext): HTMLElement {
  const requestOut = h('div', { 'aria-live': 'polite' });
  const description = h('textarea', {
    name: 'description',
    rows: 3,
    required: true,
    class: 'kern-form-input__input',
  });
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const deadline = h('input', {
    type: 'date',
    name: 'deadline',
    required: true,
    value: inTwoWeeks,
    min: new Date().toISOString().slice(0, 10),
  });
  const request = h(
    'form',
    {
      class: 'kern-stack',
      id: 'request-form',
      onsubmit: submitAction(requestOut, ctx, 'Die Unterlagen sind angefordert.', () =>
        // The deadline runs to the end of the chosen day (German time is at most two hours ahead of UTC).
        api('POST', `/api/v1/applications/${seg(applicationId)}/document-requests`, {
          description: description.value,
          deadline: new Date(`${deadline.value}T21:59:59Z`).toISOString(),
        }),
      ),
    },
    field('request-description', 'Welche Unterlagen fehlen?', description),
    field(
      'request-deadline',
      'Frist',
      deadline,
      'Bis zu diesem Tag kann die antragstellende Person nachreichen.',
    ),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--secondary' },
      h('span', { class: 'kern-label' }, 'Unterlagen nachfordern'),
    ),
    requestOut,
  );
  const decideOut = h('div', { 'aria-live': 'polite' });
  const decision = h(
    'select',
    { name: 'decision', required: true },
    h('option', { value: '' }, 'Bitte wählen'),
    h('option', { value: 'approved' }, 'Bewilligen'),
    h('option', { value: 'rejected' }, 'Ablehnen'),
  );
  const reasons = h('textarea', { name: 'reasons', rows: 4, class: 'kern-form-input__input' });
  const decide = h(
    'form',
    {
      class: 'kern-stack',
      id: 'decision-form',
      onsubmit: submitAction(
        decideOut,
        ctx,
        'Die Entscheidung ist getroffen; der Bescheid wird erstellt.',
        () =>
          api('POST', `/api/v1/applications/${seg(applicationId)}/decision`, {
            decision: decision.value,
            reasons: reasons.value,
          }),
      ),
    },
    field('decision-decision', 'Entscheidung', decision),
    field('decision-reasons', 'Begründung (wird Teil des Bescheids)', reasons),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--primary' },
      h('span', { class: 'kern-label' }, 'Entscheiden'),
    ),
    decideOut,
  );
  return h(
    'section',
    { class: 'portal-section', 'aria-labelledby': 'actions-heading' },
    h('h2', { class: 'kern-heading-medium', id: 'actions-heading' }, 'Aktionen'),
    h('h3', { class: 'kern-heading-small' }, 'Nachforderung'),
    request,
    h('h3', { class: 'kern-heading-small' }, 'Entscheidung'),
    decide,
  );
}

async function render(ctx: PageContext): Promise<Child> {
  const task = await api<Task>('GET', `/api/v1/tasks/${seg(ctx.params.taskId!)}`);
  const head = [
    h('p', null, h('a', { class: 'kern-link', href: '#/aufgaben' }, '‹ Zurück zu den Aufgaben')),
    h('h1', { class: 'kern-heading-large', tabindex: '-1' }, task.title),
    facts([
      ['Vorgang', task.applicationId],
      ['Status der Aufgabe', TASK_STATUS_NAMES[task.status] ?? task.status],
      ['Erstellt', dateTime(task.createdAt)],
      ['Frist', dateTime(task.dueAt)],
    ]),
  ];
  const open = task.status === 'open';
  // A participating office sees only the excerpt its statement needs, never the case.
  if (task.kind === 'statement')
    return [
      head,
      open ? taskForm(task, ctx) : null,
      h(
        'section',
        { class: 'portal-section' },
        h('h2', { class: 'kern-heading-medium' }, 'Auszug für die Stellungnahme'),
        valueView(task.case),
      ),
    ];
  const c = await loadCaseData(task.applicationId);
  return [
    head,
    open ? taskForm(task, ctx) : null,
    open ? caseActions(task.applicationId, ctx) : null,
    caseSections(c),
  ];
}

export const taskPage: Page = {
  path: '/aufgaben/:taskId',
  title: 'Aufgabe',
  roles: ['caseworker', 'admin'],
  render,
};
