// Debian's chromium for the browser tests and bench/portal.ts: installed with apt-get when absent (CI runs as
// root on a fresh machine), then launched headless and offline-friendly with a fresh profile per launch.
import { chromium, type Browser } from 'playwright-core';
import { ensureDebianPackage } from './debianPackage';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs chromium once per machine (bench/debianPackage.ts). */
export function ensureChromium(): void {
  ensureDebianPackage(CHROMIUM, 'chromium');
}

/** A headless chromium; playwright gives every launch a fresh --user-data-dir and removes it on close. */
export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
