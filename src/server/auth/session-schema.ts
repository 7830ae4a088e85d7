// The tables behind sign-in state shared by every instance (store/migrate.ts runs the migrations):
// the oidc sessions, and the fixed-window counts of the stop rate limit. Times are milliseconds
// since the epoch on the app clock (bigint in PostgreSQL, read back as numbers: store/database.ts).
import { sql } from 'kysely';
import type { StoreMigration } from '../store/migrate';

export interface SessionTable {
  /** SHA-256 (hex) of the session id: the id itself is only in the browser's cookie. */
  id_hash: string;
  /** oidc: issuer + sub. */
  subject: string;
  name: string;
  /** The IdP groups as a JSON array; roles are computed from them on every request. */
  groups: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  /** The absolute end (created_at + SESSION_MAX_AGE_H); the idle end follows from last_seen_at. */
  expires_at: number;
}

export interface RateLimitWindowTable {
  key: string;
  window_start: number;
  count: number;
}

export interface SessionTables {
  console_session: SessionTable;
  rate_limit_window: RateLimitWindowTable;
}

export const SESSION_MIGRATIONS: Record<string, StoreMigration> = {
  '0001-sessions-and-rate-limits': async (db, dialect) => {
    const time = dialect === 'postgres' ? 'bigint' : 'integer';
    const strict = dialect === 'sqlite' ? sql`STRICT` : sql``;
    await db.schema
      .createTable('console_session')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('groups', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('last_seen_at', time, (c) => c.notNull())
      .addColumn('expires_at', time, (c) => c.notNull())
      .modifyEnd(strict)
      .execute();
    await db.schema.createIndex('console_session_expires').on('console_session').column('expires_at').execute();
    await db.schema.createIndex('console_session_last_seen').on('console_session').column('last_seen_at').execute();
    await db.schema
      .createTable('rate_limit_window')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', time, (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limit_window_pk', ['key', 'window_start'])
      .modifyEnd(strict)
      .execute();
    await db.schema.createIndex('rate_limit_window_start').on('rate_limit_window').column('window_start').execute();
  },
};
