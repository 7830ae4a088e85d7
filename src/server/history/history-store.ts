// Where the progress history is kept so that a console restart (deploy, crash) does not empty every
// chart: one SQLite file, DATA_DIR/history.db. The history stays in memory and is answered from
// there; this file only mirrors it. Nothing is written on the request path: changes are collected
// in memory and written every FLUSH_INTERVAL_MS in one transaction (and when the app closes), so a
// crash loses at most that much. WAL with synchronous=NORMAL: a crash of the machine may lose the
// last commits but never leaves a broken file, and a commit costs no fsync (the history is a
// convenience; the audit trail is what must not be lost). About 80 bytes a sample on disk: 200
// tasks × 3 h (216,000 samples) is about 18 MB, read back at start in about half a second.
// The history is worth less than the console: a file that cannot be opened or written (corrupt,
// read-only, newer schema) leaves the history in memory only, with a warning in the log.
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import { HISTORY_RETENTION_S } from '../../api/rules/history';
import { openPrivateDatabase } from '../store/private-database';
import type { StoredSample } from './estimate';
import { HISTORY_MAX_TASKS, ProgressHistory, type HistoryEntry, type HistoryStore, type PersistedTask } from './progress-history';

export const HISTORY_DB_FILE = 'history.db';
/** How often collected changes are written. */
export const HISTORY_FLUSH_INTERVAL_MS = 5000;
/** How often samples past the retention are deleted (also at start). */
const PRUNE_INTERVAL_MS = 60_000;

/** Schema versions, applied in order; PRAGMA user_version says how many have been. */
const MIGRATIONS: string[] = [
  `CREATE TABLE task (
     id INTEGER PRIMARY KEY,
     target TEXT NOT NULL,
     task_id TEXT NOT NULL,
     status TEXT,
     last_viewed_ms INTEGER,
     lru INTEGER NOT NULL,
     UNIQUE (target, task_id)
   ) STRICT;
   CREATE INDEX task_lru ON task (lru);
   CREATE TABLE sample (
     task INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
     at_ms INTEGER NOT NULL,
     status TEXT,
     "offset" REAL,
     full_migration_progress REAL,
     source_dbsize REAL,
     target_dbsize REAL,
     target_ops REAL,
     target_input_kbps REAL,
     is_migrating INTEGER,
     PRIMARY KEY (task, at_ms)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX sample_at ON sample (at_ms);`,
];

const SAMPLE_COLUMNS = 'at_ms, status, "offset", full_migration_progress, source_dbsize, target_dbsize, target_ops, target_input_kbps, is_migrating';

/** A sample's row: the time and the boolean as SQLite keeps them. */
type SampleRow = Omit<StoredSample, 'atMs' | 'is_migrating'> & { task: number; at_ms: number; is_migrating: number | null };

/** What changed for one task since the last write. */
interface Pending {
  /** The live entry; null once the task was dropped (forgotten, or beyond the task cap). */
  entry: HistoryEntry | null;
  target: string;
  taskId: string;
  /** The stored rows of the task are deleted before the rest is written. */
  reset: boolean;
  lru: number;
  inserts: Map<number, StoredSample>;
  deletes: Set<number>;
}

export interface HistoryStoreOptions {
  now: () => number;
  maxTasks: number;
  log: FastifyBaseLogger;
  /** 0: no timer, written by flush() and close() only (tests). Default HISTORY_FLUSH_INTERVAL_MS. */
  flushIntervalMs?: number;
}

/**
 * Opens (creating it and its folder if needed) `<dataDir>/history.db`, prunes it and reads it back.
 * Null, after a warning in the log, when it cannot: the history is then kept in memory only.
 */
export function openHistoryStore(dataDir: string, options: HistoryStoreOptions): SqliteHistoryStore | null {
  const file = join(resolve(dataDir), HISTORY_DB_FILE);
  let db: Database.Database | null = null;
  try {
    db = openPrivateDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Short: a write holds the event loop, and only this process uses the file.
    db.pragma('busy_timeout = 200');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new SqliteHistoryStore(db, options);
  } catch (error) {
    db?.close();
    options.log.warn(
      { event: 'history.store_unavailable', file, reason: (error as Error).message },
      `progress history kept in memory only (lost on restart): ${file} cannot be used; move it away to start a new one`,
    );
    return null;
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`its schema version ${version} is newer than this console knows (${MIGRATIONS.length})`);
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

export class SqliteHistoryStore implements HistoryStore {
  /** The tasks stored at start, until taken. */
  private loaded: PersistedTask[];
  private db: Database.Database | null;
  private readonly pending = new Map<string, Pending>();
  private lastPruneMs: number;
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly maxTasks: number;
  private readonly log: FastifyBaseLogger;
  private readonly statements;

  constructor(db: Database.Database, options: HistoryStoreOptions) {
    this.db = db;
    this.now = options.now;
    this.maxTasks = options.maxTasks;
    this.log = options.log;
    this.statements = {
      upsertTask: db.prepare(
        `INSERT INTO task (target, task_id, status, last_viewed_ms, lru) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (target, task_id) DO UPDATE SET status = excluded.status, last_viewed_ms = excluded.last_viewed_ms, lru = excluded.lru
         RETURNING id`,
      ),
      deleteTask: db.prepare('DELETE FROM task WHERE target = ? AND task_id = ?'),
      insertSample: db.prepare(`INSERT OR REPLACE INTO sample (task, ${SAMPLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deleteSample: db.prepare('DELETE FROM sample WHERE task = ? AND at_ms = ?'),
      pruneSamples: db.prepare('DELETE FROM sample WHERE at_ms < ?'),
      pruneTasks: db.prepare('DELETE FROM task WHERE id NOT IN (SELECT id FROM task ORDER BY lru DESC LIMIT ?)'),
    };
    this.lastPruneMs = this.now();
    this.prune();
    this.loaded = this.load();
    const interval = options.flushIntervalMs ?? HISTORY_FLUSH_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => this.flush(), interval);
      this.timer.unref();
    }
  }

  /** The tasks stored at start, least recently read first, each with its samples oldest first. */
  takeLoaded(): PersistedTask[] {
    const loaded = this.loaded;
    this.loaded = [];
    return loaded;
  }

  /** Whether changes are still written (false after a failed write or close()). */
  get writing(): boolean {
    return this.db !== null;
  }

  touched(key: string, entry: HistoryEntry): void {
    if (!this.db) return;
    const pending = this.pendingOf(key, entry.target, entry.taskId);
    pending.entry = entry;
    pending.lru = entry.lru;
  }

  sampled(key: string, entry: HistoryEntry, sample: StoredSample, replaced: StoredSample | undefined): void {
    if (!this.db) return;
    const pending = this.pendingOf(key, entry.target, entry.taskId);
    if (replaced && !pending.inserts.delete(replaced.atMs)) pending.deletes.add(replaced.atMs);
    pending.inserts.set(sample.atMs, sample);
  }

  dropped(key: string, entry: HistoryEntry): void {
    if (!this.db) return;
    const pending = this.pendingOf(key, entry.target, entry.taskId);
    pending.entry = null;
    pending.reset = true;
    pending.inserts.clear();
    pending.deletes.clear();
  }

  /** Writes what changed since the last write, in one transaction; prunes once a minute. */
  flush(): void {
    const db = this.db;
    if (!db) return;
    const nowMs = this.now();
    const prune = nowMs - this.lastPruneMs >= PRUNE_INTERVAL_MS;
    if (this.pending.size === 0 && !prune) return;
    try {
      db.transaction(() => {
        for (const pending of this.pending.values()) this.write(pending);
        if (prune) this.prune();
      }).immediate();
      if (prune) this.lastPruneMs = nowMs;
      this.pending.clear();
    } catch (error) {
      this.log.warn(
        { event: 'history.store_failed', reason: (error as Error).message },
        'progress history could not be written: kept in memory only from now on (lost on restart)',
      );
      this.stop();
    }
  }

  /** Writes what is left and closes the file. */
  close(): void {
    this.flush();
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.pending.clear();
    const db = this.db;
    this.db = null;
    try {
      db?.close();
    } catch {
      // already unusable; nothing more to lose
    }
  }

  private pendingOf(key: string, target: string, taskId: string): Pending {
    let pending = this.pending.get(key);
    if (!pending) {
      pending = { entry: null, target, taskId, reset: false, lru: 0, inserts: new Map(), deletes: new Set() };
      this.pending.set(key, pending);
    }
    return pending;
  }

  private write({ entry, target, taskId, reset, lru, inserts, deletes }: Pending): void {
    const s = this.statements;
    if (reset) s.deleteTask.run(target, taskId); // its samples go with it
    if (!entry) return;
    const lastViewed = Number.isFinite(entry.lastViewedMs) ? entry.lastViewedMs : null;
    const { id } = s.upsertTask.get(target, taskId, entry.status, lastViewed, lru) as { id: number };
    for (const atMs of deletes) s.deleteSample.run(id, atMs);
    for (const x of inserts.values()) {
      const migrating = x.is_migrating === null ? null : x.is_migrating ? 1 : 0;
      s.insertSample.run(id, x.atMs, x.status, x.offset, x.full_migration_progress, x.source_dbsize, x.target_dbsize, x.target_ops, x.target_input_kbps, migrating);
    }
  }

  /** The same bounds as in memory: samples of the retention, the maxTasks most recently read tasks. */
  private prune(): void {
    this.statements.pruneSamples.run(this.now() - HISTORY_RETENTION_S * 1000);
    this.statements.pruneTasks.run(this.maxTasks);
  }

  private load(): PersistedTask[] {
    const db = this.db!;
    const tasks = db.prepare('SELECT id, target, task_id, status, last_viewed_ms, lru FROM task ORDER BY lru').all() as {
      id: number;
      target: string;
      task_id: string;
      status: string | null;
      last_viewed_ms: number | null;
      lru: number;
    }[];
    const samples = new Map<number, StoredSample[]>();
    for (const row of db.prepare(`SELECT task, ${SAMPLE_COLUMNS} FROM sample ORDER BY task, at_ms`).iterate() as IterableIterator<SampleRow>) {
      let list = samples.get(row.task);
      if (!list) samples.set(row.task, (list = []));
      list.push(toSample(row));
    }
    return tasks.map((t) => ({ target: t.target, taskId: t.task_id, status: t.status, lastViewedMs: t.last_viewed_ms ?? -Infinity, lru: t.lru, samples: samples.get(t.id) ?? [] }));
  }
}

function toSample({ task: _task, at_ms, is_migrating, ...values }: SampleRow): StoredSample {
  return { atMs: at_ms, ...values, is_migrating: is_migrating === null ? null : is_migrating === 1 };
}

/**
 * The console's progress history: mirrored to the shared database when `shared` is given (several
 * instances, DATABASE_URL), else to `<dataDir>/history.db` when dataDir is given, in memory only
 * otherwise or when that file cannot be used. The history plugin closes it.
 */
export function openProgressHistory(options: { now?: () => number; dataDir?: string; shared?: HistoryStore }, log: FastifyBaseLogger): ProgressHistory {
  const now = options.now ?? Date.now;
  const store = options.shared ?? (options.dataDir === undefined ? null : openHistoryStore(options.dataDir, { now, maxTasks: HISTORY_MAX_TASKS, log }));
  return new ProgressHistory(now, HISTORY_MAX_TASKS, store);
}
