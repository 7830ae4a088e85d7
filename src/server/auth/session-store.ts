// Server-side sessions (AUTH_MODE=oidc) and the stop rate limit's counts, in the one database every
// instance shares: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR/sessions.db (so signing out
// is real on a single instance too). The browser holds only a random id; the table keys it by its
// SHA-256, so a copy of the database does not hand out sessions. Every call takes the app clock's
// time: the store never reads a clock of its own.
import { createHash, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Selectable } from 'kysely';
import type { SessionPolicy } from '../config/parse';
import { openPostgresDatabase, openSqliteDatabase, type StoreDatabase } from '../store/database';
import { MigratedStore } from '../store/migrated-store';
import { SESSION_MIGRATIONS, type SessionTable, type SessionTables } from './session-schema';

export const SESSIONS_DB_FILE = 'sessions.db';
/** last_seen_at is written at most this often per session: a page polling every 2 s is not a write every 2 s. */
export const TOUCH_INTERVAL_MS = 60_000;
/** Expired sessions and old rate-limit windows are deleted at most this often per instance (and lazily on read). */
export const SWEEP_INTERVAL_MS = 10 * 60_000;
/** Rate-limit windows are a minute long; an hour-old one is certainly over. */
const WINDOW_KEPT_MS = 60 * 60_000;

export interface SessionOwner {
  subject: string;
  name: string;
  /** The IdP groups, not roles: roles follow the current AUTH_OPERATOR_GROUPS / AUTH_VIEWER_GROUPS. */
  groups: string[];
}

export interface StoredSession extends SessionOwner {
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** When it ends unless used again: the earlier of the idle and the absolute end. */
  expiresAt: number;
}

export interface SessionStore {
  ready(): Promise<void>;
  /** A new session with a fresh CSRF token; `id` goes into the cookie and nowhere else. */
  create(owner: SessionOwner, now: number): Promise<{ id: string; session: StoredSession }>;
  /** The live session of `id` (its last-seen time refreshed, throttled), or null: unknown, signed out or expired (then deleted). */
  read(id: string, now: number): Promise<StoredSession | null>;
  delete(id: string): Promise<void>;
  /** Deletes expired sessions and finished rate-limit windows; returns how many sessions went. */
  sweep(now: number): Promise<number>;
  /** Counts one more hit of `key` in the window starting at `windowStart` and returns the count (atomic across instances). */
  countHit(key: string, windowStart: number, now: number): Promise<number>;
  close(): Promise<void>;
}

export class SqlSessionStore extends MigratedStore<SessionTables> implements SessionStore {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    database: StoreDatabase<SessionTables>,
    private readonly policy: SessionPolicy,
  ) {
    super(database, { what: 'session', name: 'sessions', migrations: SESSION_MIGRATIONS });
  }

  async create(owner: SessionOwner, now: number): Promise<{ id: string; session: StoredSession }> {
    await this.open();
    await this.sweepIfDue(now);
    const id = randomBytes(32).toString('base64url');
    const row: Selectable<SessionTable> = {
      id_hash: hashOf(id),
      subject: owner.subject,
      name: owner.name,
      groups: JSON.stringify(owner.groups),
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.policy.maxAgeMs,
    };
    await this.db.insertInto('console_session').values(row).execute();
    return { id, session: this.toSession(row) };
  }

  async read(id: string, now: number): Promise<StoredSession | null> {
    await this.open();
    const id_hash = hashOf(id);
    const row = await this.db.selectFrom('console_session').selectAll().where('id_hash', '=', id_hash).executeTakeFirst();
    if (!row) return null;
    const session = this.toSession(row);
    if (session.expiresAt <= now) {
      await this.db.deleteFrom('console_session').where('id_hash', '=', id_hash).execute();
      return null;
    }
    if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
      // Never backwards: another instance may have written a later time meanwhile.
      await this.db.updateTable('console_session').set({ last_seen_at: now }).where('id_hash', '=', id_hash).where('last_seen_at', '<', now).execute();
      return this.toSession({ ...row, last_seen_at: now });
    }
    return session;
  }

  async delete(id: string): Promise<void> {
    await this.open();
    await this.db.deleteFrom('console_session').where('id_hash', '=', hashOf(id)).execute();
  }

  async sweep(now: number): Promise<number> {
    await this.open();
    this.lastSweep = now;
    const gone = await this.db
      .deleteFrom('console_session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - this.policy.idleTimeoutMs)]))
      .executeTakeFirst();
    await this.db.deleteFrom('rate_limit_window').where('window_start', '<', now - WINDOW_KEPT_MS).execute();
    return Number(gone.numDeletedRows);
  }

  async countHit(key: string, windowStart: number, now: number): Promise<number> {
    await this.open();
    await this.sweepIfDue(now);
    const row = await this.db
      .insertInto('rate_limit_window')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limit_window.count', '+', 1) })))
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  private async sweepIfDue(now: number): Promise<void> {
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) await this.sweep(now);
  }

  private toSession(row: Selectable<SessionTable>): StoredSession {
    return {
      subject: row.subject,
      name: row.name,
      groups: JSON.parse(row.groups) as string[],
      csrfToken: row.csrf_token,
      createdAt: Number(row.created_at),
      lastSeenAt: Number(row.last_seen_at),
      expiresAt: Math.min(Number(row.expires_at), Number(row.last_seen_at) + this.policy.idleTimeoutMs),
    };
  }
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** `<dataDir>/sessions.db` (0600; NORMAL: a session lost to a power cut only means signing in again), or `':memory:'`. */
export function openSqliteSessionStore(dataDir: string, policy: SessionPolicy): SqlSessionStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), SESSIONS_DB_FILE);
  let database: StoreDatabase<SessionTables>;
  try {
    database = openSqliteDatabase<SessionTables>(file, { synchronous: 'NORMAL', busyTimeoutMs: 5000 });
  } catch (error) {
    throw new Error(`The session database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
  return new SqlSessionStore(database, policy);
}

/** Sessions and rate-limit counts in PostgreSQL (DATABASE_URL): shared by every instance. */
export function openPostgresSessionStore(url: string, policy: SessionPolicy): SqlSessionStore {
  return new SqlSessionStore(openPostgresDatabase<SessionTables>(url), policy);
}
