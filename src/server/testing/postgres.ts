// A throw-away PostgreSQL server for tests: a fresh cluster in a temp folder (initdb + pg_ctl) on a
// free loopback port, removed by close(). Never a mock: the store's contract tests and the
// several-instances tests run against the real server. initdb refuses to run as root, so as root
// the cluster belongs to the `postgres` system user (runuser), as ../shared/toolchain.md measures.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './oidc';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/console` */
  url: string;
  /** A fresh, empty database on the same server (for a test that needs its own). */
  createDatabase(name: string): string;
  close(): Promise<void>;
}

/** The newest PostgreSQL server binaries Debian installed; a clear error when there are none. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian\'s postgresql package (.ci/run does)');
  return join(root, newest, 'bin');
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'dcs-console-pg-'));
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    return execFileSync(command, full, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // fsync off: a test cluster need not survive a power cut, and each commit would cost one.
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`]);
  const createDatabase = (name: string) => {
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  const url = createDatabase('console');
  return {
    url,
    createDatabase,
    async close() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * One throw-away server for a test file, started before its tests and removed after them;
 * `freshDatabase()` (inside a test) gives the URL of a new, empty database each time.
 */
export function usePostgres(): { freshDatabase(): string; server(): TestPostgres } {
  let postgres: TestPostgres | undefined;
  let count = 0;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  });
  afterAll(() => postgres?.close());
  const server = () => {
    if (!postgres) throw new Error('usePostgres(): the server starts in beforeAll; call this inside a test');
    return postgres;
  };
  return { server, freshDatabase: () => server().createDatabase(`db_${++count}`) };
}
