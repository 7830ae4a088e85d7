// Where stop-when-caught-up watches are kept so they survive a console restart: one SQLite file,
// DATA_DIR/caught-up.db (':memory:' for tests). Only the latest watch of each task is kept, and
// finished ones for FINISHED_KEEP_DAYS; a watch is a few hundred bytes of JSON.
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_ACTIVE_STATES } from '../../api/rules/caught-up';
import { openPrivateDatabase } from '../store/private-database';

export const WATCH_DB_FILE = 'caught-up.db';
const FINISHED_KEEP_DAYS = 7;

export interface WatchStore {
  /** Inserts or replaces the watch, and drops older watches of the same task. */
  save(watch: CaughtUpWatch): void;
  latest(target: string, taskId: string): CaughtUpWatch | null;
  /** Watches still acting (waiting, stopping), oldest first. */
  active(): CaughtUpWatch[];
  close(): void;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS watch (
  id TEXT PRIMARY KEY,
  target TEXT NOT NULL,
  task_id TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS watch_task ON watch (target, task_id);
CREATE INDEX IF NOT EXISTS watch_state ON watch (state);`;

/** Throws an Error naming the file when it cannot be opened. */
export function openSqliteWatchStore(dataDir: string, now: () => number = Date.now): WatchStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), WATCH_DB_FILE);
  try {
    const db = openPrivateDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    db.prepare('DELETE FROM watch WHERE finished_at IS NOT NULL AND finished_at < ?').run(new Date(now() - FINISHED_KEEP_DAYS * 86_400_000).toISOString());
    return sqliteWatchStore(db);
  } catch (error) {
    throw new Error(`The watch database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
}

function sqliteWatchStore(db: Database.Database): WatchStore {
  const upsert = db.prepare(
    `INSERT INTO watch (id, target, task_id, state, created_at, finished_at, body) VALUES (@id, @target, @task_id, @state, @created_at, @finished_at, @body)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, finished_at = excluded.finished_at, body = excluded.body`,
  );
  const dropOlder = db.prepare('DELETE FROM watch WHERE target = ? AND task_id = ? AND id <> ?');
  const latest = db.prepare('SELECT body FROM watch WHERE target = ? AND task_id = ? ORDER BY created_at DESC LIMIT 1');
  const active = db.prepare(`SELECT body FROM watch WHERE state IN (${CAUGHT_UP_ACTIVE_STATES.map(() => '?').join(', ')}) ORDER BY created_at`);
  const save = db.transaction((watch: CaughtUpWatch) => {
    upsert.run({ ...pick(watch), body: JSON.stringify(watch) });
    dropOlder.run(watch.target, watch.task_id, watch.id);
  });
  const parse = (row: unknown) => JSON.parse((row as { body: string }).body) as CaughtUpWatch;
  return {
    save: (watch) => save.immediate(watch),
    latest: (target, taskId) => {
      const row = latest.get(target, taskId);
      return row ? parse(row) : null;
    },
    active: () => active.all(...CAUGHT_UP_ACTIVE_STATES).map(parse),
    close: () => db.close(),
  };
}

function pick({ id, target, task_id, state, created_at, finished_at }: CaughtUpWatch) {
  return { id, target, task_id, state, created_at, finished_at };
}
