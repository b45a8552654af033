// Viewing and downloading case documents: fetched with the token in the header, shown from a blob: URL.
import { apiBlob } from './api';
import { button, h } from './dom';

async function objectUrl(path: string): Promise<string> {
  const url = URL.createObjectURL(await apiBlob(path));
  // The tab that shows it has loaded it by then; the URL must not outlive the page for long.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}

/** "Ansehen" (opens in a new tab) and "Herunterladen" buttons for one document. */
export function documentActions(path: string, filename: string, onOpened?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'portal-toolbar' },
    button(
      'Ansehen',
      () =>
        void objectUrl(path).then((url) => {
          window.open(url, '_blank', 'noopener');
          onOpened?.();
        }),
      'secondary',
      { 'aria-label': `${filename} ansehen` },
    ),
    button(
      'Herunterladen',
      () =>
        void objectUrl(path).then((url) => {
          const a = h('a', { href: url, download: filename });
          document.body.append(a);
          a.click();
          a.remove();
          onOpened?.();
        }),
      'tertiary',
      { 'aria-label': `${filename} herunterladen` },
    ),
  );
}

/** Reads chosen files as the API's inline attachments (base64). */
export async function filesAsAttachments(
  files: FileList,
): Promise<{ filename: string; mediaType: string; contentBase64: string }[]> {
  return Promise.all(
    [...files].map(async (file) => {
      const data = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000)
        binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return {
        filename: file.name,
        mediaType: file.type || 'application/octet-stream',
        contentBase64: btoa(binary),
      };
    }),
  );
}
