// Debian packages the browser tests and benchmarks need (chromium, xsltproc): installed with apt-get when absent
// (CI runs as root on a fresh machine; this machine reaches Debian's mirrors), once per machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Installs `pkg` unless `binary` exists; a lock keeps parallel test files from running apt-get twice. */
export function ensureDebianPackage(binary: string, pkg: string): void {
  if (fs.existsSync(binary)) return;
  const install = `test -x ${binary} || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}; }`;
  execFileSync('flock', [path.join(os.tmpdir(), `drehscheibe-${pkg}.lock`), 'sh', '-c', install], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  if (!fs.existsSync(binary)) throw new Error(`apt-get did not install ${binary} (package ${pkg})`);
}
