// Debian's chromium for the browser tests and bench/portal.ts: installed with apt-get when absent (CI runs as
// root on a fresh machine), then launched headless and offline-friendly with a fresh profile per launch.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs chromium once per machine; a lock keeps parallel test files from running apt-get twice. */
export function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  const install = `test -x ${CHROMIUM} || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }`;
  execFileSync('flock', [path.join(os.tmpdir(), 'drehscheibe-chromium.lock'), 'sh', '-c', install], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get did not install ${CHROMIUM}`);
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
