// The SQLite mirror of the progress history: changes are written in batches (nothing on the
// request path), a replaced sample is replaced in the file too, forgotten tasks and tasks beyond
// the cap leave it, the least-recently-used order survives reopening, and a write that fails
// leaves the history in memory with a warning.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_MIN_SPACING_S } from '../../api/rules/history';
import { HISTORY_DB_FILE, openHistoryStore } from './history-store';
import { ProgressHistory } from './progress-history';

let dir: string;
let now = Date.UTC(2026, 0, 1, 12);
let warnings: { event: string }[] = [];
const opened: ProgressHistory[] = [];
const log = pino(
  { level: 'warn' },
  new Writable({
    write(chunk, _encoding, done) {
      warnings.push(JSON.parse(String(chunk)) as { event: string });
      done();
    },
  }),
);
const stats = (progress: number) => ({ full_migration_progress: progress, offset: '0', source_dbsize: 100, target_dbsize: 50, is_migrating: true });
const progressOf = (history: ProgressHistory, id: string) => history.read('t', id, undefined).samples.map((s) => s.full_migration_progress);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcs-console-history-store-'));
  warnings = [];
});
afterEach(() => {
  for (const history of opened.splice(0)) history.close(); // a second close() does nothing
  rmSync(dir, { recursive: true, force: true });
});

function openHistory(maxTasks = 200, flushIntervalMs = 0) {
  const store = openHistoryStore(dir, { now: () => now, maxTasks, log, flushIntervalMs });
  const history = new ProgressHistory(() => now, maxTasks, store);
  opened.push(history);
  return { store: store!, history };
}

function query<T>(sql: string): T {
  const db = new Database(join(dir, HISTORY_DB_FILE), { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}
const storedSamples = () => query<{ n: number }>('SELECT count(*) AS n FROM sample').n;

describe('SqliteHistoryStore', () => {
  it('writes nothing until flushed, then everything in one go', () => {
    const { store, history } = openHistory();
    for (let i = 0; i < 5; i++) {
      history.recordStats('t', 'a', stats(i));
      now += HISTORY_MIN_SPACING_S * 1000;
    }
    history.markViewed('t', 'a');
    expect(storedSamples()).toBe(0);
    store.flush();
    expect(storedSamples()).toBe(5);
    history.close();
  });

  it('writes on its own every flush interval', async () => {
    const { history } = openHistory(200, 20);
    history.recordStats('t', 'a', stats(1));
    await expect.poll(storedSamples, { timeout: 2000, interval: 10 }).toBe(1);
  });

  it('replaces in the file a sample that was replaced in memory after it had been written', () => {
    const first = openHistory();
    first.history.recordStats('t', 'a', stats(10));
    now += HISTORY_MIN_SPACING_S * 1000;
    first.history.recordStats('t', 'a', stats(11));
    now += 1000;
    first.history.recordStats('t', 'a', stats(12));
    first.store.flush();
    now += 1000;
    first.history.recordStats('t', 'a', stats(13)); // within the spacing of 11: replaces 12, which is in the file
    first.history.close();
    expect(progressOf(openHistory().history, 'a')).toEqual([10, 11, 13]);
    expect(storedSamples()).toBe(3);
  });

  it('keeps the status and when the task was last looked at', () => {
    const first = openHistory();
    first.history.recordTask('t', 'a', { status: 'SOMETHING_NEW' });
    first.history.markViewed('t', 'a');
    first.history.recordStats('t', 'a', stats(10));
    first.history.close();
    const { history } = openHistory();
    expect(history.read('t', 'a', undefined).samples[0]).toMatchObject({ status: 'SOMETHING_NEW', full_migration_progress: 10, source_dbsize: 100, target_ops: null, is_migrating: true });
    expect(history.dueForSampling(0, () => true)).toEqual([{ target: 't', taskId: 'a' }]);
  });

  it('drops a forgotten task from the file, also one forgotten and sampled again before a write', () => {
    const first = openHistory();
    first.history.recordStats('t', 'a', stats(1));
    first.history.recordStats('t', 'b', stats(1));
    first.store.flush();
    first.history.forget('t', 'a');
    first.history.forget('t', 'b');
    now += HISTORY_MIN_SPACING_S * 1000;
    first.history.recordStats('t', 'b', stats(2));
    first.history.close();
    const { history } = openHistory();
    expect(history.size).toBe(1);
    expect(progressOf(history, 'b')).toEqual([2]);
  });

  it('keeps the maxTasks most recently touched tasks, in that order, across reopening', () => {
    const first = openHistory(3);
    for (const id of ['a', 'b', 'c']) first.history.recordStats('t', id, stats(1));
    first.history.markViewed('t', 'a'); // a is now the most recent
    first.history.recordStats('t', 'd', stats(1)); // b goes
    first.history.close();
    expect(query<{ n: number }>('SELECT count(*) AS n FROM task').n).toBe(3);

    const second = openHistory(3);
    expect(second.history.size).toBe(3);
    expect(progressOf(second.history, 'b')).toEqual([]);
    second.history.recordStats('t', 'e', stats(1)); // c is now the least recently touched
    expect(progressOf(second.history, 'c')).toEqual([]);
    expect(progressOf(second.history, 'a')).toEqual([1]);
    second.history.close();

    openHistory(2).store.close(); // a lower cap at start prunes the file
    expect(query<{ n: number }>('SELECT count(*) AS n FROM task').n).toBe(2);
  });

  it('a write that fails: a warning, the history goes on in memory, nothing more is written', () => {
    const { store, history } = openHistory();
    history.recordStats('t', 'a', stats(1));
    const other = new Database(join(dir, HISTORY_DB_FILE));
    other.exec('DROP TABLE sample');
    other.close();
    store.flush();
    expect(warnings).toEqual([expect.objectContaining({ event: 'history.store_failed' })]);
    expect(store.writing).toBe(false);
    now += HISTORY_MIN_SPACING_S * 1000;
    history.recordStats('t', 'a', stats(2));
    expect(progressOf(history, 'a')).toEqual([1, 2]);
    history.close();
  });

  it('a file of a newer schema is left alone: memory only, with a warning', () => {
    openHistory().history.close();
    const db = new Database(join(dir, HISTORY_DB_FILE));
    db.pragma('user_version = 99');
    db.close();
    expect(openHistoryStore(dir, { now: () => now, maxTasks: 200, log, flushIntervalMs: 0 })).toBeNull();
    expect(warnings).toEqual([expect.objectContaining({ event: 'history.store_unavailable' })]);
    expect(query<{ user_version: number }>('PRAGMA user_version').user_version).toBe(99);
  });
});
