// A form's submit handler that runs an API call and reports its outcome in the form's live region.
import { ApiError } from './api';
import { alertBox, h } from './dom';
import type { PageContext } from './pages';

/** Runs an action, shows its outcome in the live region `out`, reloads the page on success. */
export function submitAction(
  out: HTMLElement,
  ctx: PageContext,
  success: string,
  run: () => Promise<unknown>,
): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    out.replaceChildren(h('p', { class: 'kern-body' }, 'Wird gesendet …'));
    run().then(
      () => {
        out.replaceChildren(alertBox('success', success));
        setTimeout(() => ctx.reload(), 800);
      },
      (error: unknown) =>
        out.replaceChildren(
          alertBox('danger', 'Nicht möglich', error instanceof ApiError ? error.detail : String(error)),
        ),
    );
  };
}
