// The applicant's page (access token of one application): status and history, open requests with upload,
// the mailbox with the notice, and the objection within the appeal period.
import { api, seg } from '../api';
import { facts, field, h, section, type Child } from '../dom';
import { dateTime, STATUS_NAMES } from '../format';
import { documentActions, filesAsAttachments } from '../documents';
import type { Page, PageContext } from '../pages';
import { submitAction } from '../submitAction';

interface Status {
  applicationId: string;
  status: string;
  phase: string;
  text: string;
  openRequests: { requestId: string; kind: string; description: string; deadline: string }[];
  history: { status: string; phase: string; text: string; at: string }[];
}
interface Message {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt?: string;
  retrievedAt?: string | null;
  documents: { id: string; kind: string; filename: string }[];
}

function supplementForm(id: string, request: Status['openRequests'][number], ctx: PageContext): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const files = h('input', { type: 'file', name: 'files', multiple: true, required: true });
  const note = h('textarea', { name: 'note', rows: 3, class: 'kern-form-input__input' });
  const key = request.requestId.replace(/[^a-zA-Z0-9]/g, '-');
  return h(
    'form',
    {
      class: 'kern-stack',
      onsubmit: submitAction(out, ctx, 'Ihre Unterlagen sind eingereicht.', async () =>
        api('POST', `/api/v1/applications/${seg(id)}/supplements`, {
          requestId: request.requestId,
          note: note.value,
          attachments: await filesAsAttachments(files.files!),
        }),
      ),
    },
    h(
      'p',
      { class: 'kern-body' },
      request.description,
      h('br'),
      h('strong', null, `Frist: ${dateTime(request.deadline)}`),
    ),
    field(`files-${key}`, 'Dateien auswählen', files),
    field(`note-${key}`, 'Nachricht an die Behörde (optional)', note),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--primary' },
      h('span', { class: 'kern-label' }, 'Unterlagen nachreichen'),
    ),
    out,
  );
}

function objectionForm(id: string, deadline: string | null, ctx: PageContext): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const reasons = h('textarea', {
    name: 'reasons',
    rows: 5,
    required: true,
    class: 'kern-form-input__input',
  });
  return h(
    'form',
    {
      class: 'kern-stack',
      id: 'objection-form',
      onsubmit: submitAction(out, ctx, 'Ihr Widerspruch ist eingegangen.', () =>
        api('POST', `/api/v1/applications/${seg(id)}/objection`, { reasons: reasons.value }),
      ),
    },
    h(
      'p',
      { class: 'kern-body' },
      deadline
        ? `Sie können bis ${dateTime(deadline)} Widerspruch gegen den Bescheid einlegen.`
        : 'Sie können innerhalb eines Monats nach Bekanntgabe Widerspruch gegen den Bescheid einlegen (siehe Rechtsbehelfsbelehrung im Bescheid).',
    ),
    field('objection-reasons', 'Begründung des Widerspruchs', reasons),
    h(
      'button',
      { type: 'submit', class: 'kern-btn kern-btn--secondary' },
      h('span', { class: 'kern-label' }, 'Widerspruch einlegen'),
    ),
    out,
  );
}

async function render(ctx: PageContext): Promise<Child> {
  const id = ctx.me.applicationId!;
  const [status, mailbox] = await Promise.all([
    api<Status>('GET', `/api/v1/applications/${seg(id)}/status`),
    api<{ items: Message[] }>('GET', `/api/v1/applications/${seg(id)}/messages`),
  ]);
  const documentRequests = status.openRequests.filter((r) => r.kind === 'documents');
  // The hub refuses an objection outside the appeal period with its reason; the form is offered while it runs.
  const objectionWindow =
    status.openRequests.find((r) => r.kind === 'objection-window') ??
    (['notice-delivered', 'appeal-period'].includes(status.phase) ? { deadline: null } : undefined);
  return [
    h('h1', { class: 'kern-heading-large', tabindex: '-1' }, 'Mein Antrag'),
    facts([
      ['Vorgangsnummer', status.applicationId],
      ['Status', STATUS_NAMES[status.status] ?? status.status],
      ['Stand', status.text],
    ]),
    documentRequests.length > 0
      ? section(
          'requests',
          'Angeforderte Unterlagen',
          documentRequests.map((r) => supplementForm(id, r, ctx)),
        )
      : null,
    section(
      'mailbox',
      'Postfach',
      mailbox.items.length === 0
        ? h('p', { class: 'kern-body' }, 'Noch keine Nachrichten.')
        : h(
            'ul',
            { class: 'kern-list' },
            mailbox.items.map((m) =>
              h(
                'li',
                { class: 'portal-message' },
                h('h3', { class: 'kern-heading-small' }, m.subject),
                m.createdAt ? h('p', { class: 'kern-body kern-body--small' }, dateTime(m.createdAt)) : null,
                h('p', { class: 'kern-body portal-pre' }, m.body),
                m.kind === 'notice'
                  ? h(
                      'p',
                      { class: 'kern-body kern-body--bold' },
                      m.retrievedAt
                        ? `Abgerufen am ${dateTime(m.retrievedAt)}; der Bescheid gilt am folgenden Tag als bekannt gegeben.`
                        : 'Noch nicht abgerufen. Mit dem Öffnen des Bescheids gilt er am folgenden Tag als bekannt gegeben.',
                    )
                  : null,
                m.documents.map((d) =>
                  h(
                    'div',
                    null,
                    h(
                      'p',
                      { class: 'kern-body' },
                      d.kind === 'notice' ? `Bescheid: ${d.filename}` : d.filename,
                    ),
                    documentActions(`/api/v1/applications/${seg(id)}/documents/${seg(d.id)}`, d.filename),
                  ),
                ),
              ),
            ),
          ),
    ),
    objectionWindow
      ? section('objection', 'Widerspruch', objectionForm(id, objectionWindow.deadline, ctx))
      : null,
    section(
      'history',
      'Verlauf',
      h(
        'ol',
        { class: 'kern-list' },
        status.history.map((e) =>
          h(
            'li',
            null,
            h('strong', null, `${dateTime(e.at)} – ${STATUS_NAMES[e.status] ?? e.status}: `),
            e.text,
          ),
        ),
      ),
    ),
  ];
}

export const applicantPage: Page = {
  path: '/mein-antrag',
  title: 'Mein Antrag',
  roles: ['applicant'],
  nav: 'Mein Antrag',
  render,
};
