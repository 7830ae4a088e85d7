// Where the console keeps what it must not lose: SQLite files under DATA_DIR (the embedded default,
// one instance), or one PostgreSQL database (DATABASE_URL: several instances behind a load balancer
// share it). Both are reached through one query layer, Kysely, so each store is written once; the
// dialect decides only a few column types (each store's schema file) and the connection.
import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { openPrivateDatabase } from './private-database';

export type StoreDialect = 'sqlite' | 'postgres';

/** Where the stores live: a folder of SQLite files, or a PostgreSQL database. */
export type StoreLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface StoreDatabase<Tables> {
  db: Kysely<Tables>;
  dialect: StoreDialect;
  /** A short description for logs and /readyz, never holding a password. */
  describe: string;
  close(): Promise<void>;
}

export interface SqliteFileOptions {
  /** FULL: a commit is on disk when it returns (the audit trail); NORMAL: no fsync per commit. */
  synchronous: 'FULL' | 'NORMAL';
  busyTimeoutMs: number;
  /**
   * Files of consoles before the Kysely migrations carry their schema version in PRAGMA
   * user_version; one above this was written by a newer console and is refused at once.
   */
  knownUserVersion?: number;
}

/** A SQLite file (0600, created with its folder if needed) or `':memory:'`, through Kysely. */
export function openSqliteDatabase<Tables>(file: string, options: SqliteFileOptions): StoreDatabase<Tables> {
  const sqlite: Database.Database = openPrivateDatabase(file);
  try {
    if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${options.synchronous}`);
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    sqlite.pragma('foreign_keys = ON');
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (options.knownUserVersion !== undefined && version > options.knownUserVersion) {
      throw new Error(`its schema version ${version} is newer than this console knows (${options.knownUserVersion})`);
    }
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return fromDialect<Tables>(new SqliteDialect({ database: sqlite }), 'sqlite', file);
}

/**
 * A pool on `url`. Timestamps stay text (ISO 8601) and counts come back as numbers, as in SQLite,
 * so the stores read the same values from both.
 */
export function openPostgresDatabase<Tables>(url: string, options: { maxConnections?: number } = {}): StoreDatabase<Tables> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 });
  // A client that loses its server (restart, failover) must not crash the process, idle in the pool
  // or not: its query in flight fails (that error reaches the request), and the next gets a fresh one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return fromDialect<Tables>(new PostgresDialect({ pool }), 'postgres', describePostgres(url));
}

function fromDialect<Tables>(dialect: Dialect, kind: StoreDialect, describe: string): StoreDatabase<Tables> {
  const db = new Kysely<Tables>({ dialect });
  let closing: Promise<void> | null = null;
  return { db, dialect: kind, describe, close: () => (closing ??= db.destroy()) };
}

/** `postgres://host:port/db`: the user name and password left out. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

// Counts arrive as strings from pg (bigint); the stores read them through Number().
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
