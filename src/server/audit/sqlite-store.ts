// The embedded audit store: one SQLite file, DATA_DIR/audit.db, for a console that runs as a
// single instance. WAL with synchronous=FULL: a transaction is on disk when its commit returns, so
// a stop that was answered survives a crash of the process or of the machine. A file written by an
// earlier console is taken over in place (audit/schema.ts). With DATABASE_URL the same store runs on
// PostgreSQL (openPostgresAuditStore), shared by every instance.
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { openPostgresDatabase, openSqliteDatabase, type StoreDatabase } from '../store/database';
import type { AuditTables } from './schema';
import { SqlAuditStore } from './sql-store';

export const AUDIT_DB_FILE = 'audit.db';
/** The PRAGMA user_version of audit.db before the Kysely migrations: its one table, still 0001. */
const LEGACY_USER_VERSION = 1;

export interface AuditStoreOptions {
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * Opens (creating it and its folder if needed) `<dataDir>/audit.db`, or an in-memory database for
 * `':memory:'`. Throws an Error naming the file when it cannot be opened or is of a newer schema;
 * the schema is brought up to date before the first call completes (`ready()` to wait for it).
 */
export function openSqliteAuditStore(dataDir: string, options: AuditStoreOptions = {}): SqlAuditStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), AUDIT_DB_FILE);
  let database: StoreDatabase<AuditTables>;
  try {
    database = openSqliteDatabase<AuditTables>(file, { synchronous: 'FULL', busyTimeoutMs: 5000, knownUserVersion: LEGACY_USER_VERSION });
  } catch (error) {
    throw new Error(`The audit database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
  // An earlier console reads user_version to know the file: 1 is still what it can use.
  const keepLegacyVersion = async () => void (await sql`PRAGMA user_version = ${sql.lit(LEGACY_USER_VERSION)}`.execute(database.db));
  return new SqlAuditStore(database, options.now ?? (() => new Date()), file === ':memory:' ? undefined : keepLegacyVersion);
}

/** The audit trail in PostgreSQL (DATABASE_URL): every instance writes and reads the same records. */
export function openPostgresAuditStore(url: string, options: AuditStoreOptions = {}): SqlAuditStore {
  return new SqlAuditStore(openPostgresDatabase<AuditTables>(url), options.now ?? (() => new Date()));
}
