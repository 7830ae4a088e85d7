// The watch store's contract, on both stores it has: SQLite (DATA_DIR/caught-up.db) and a real
// PostgreSQL server (DATABASE_URL). Leases are taken only when free, expired or one's own; every
// move a watch can race on changes the row for exactly one caller; the database keeps one active
// watch per task whichever instance inserts. Then an earlier console's caught-up.db, taken over in place.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaughtUpWatch } from '../../api/caught-up';
import { usePostgres } from '../testing/postgres';
import type { Lease } from './lease';
import { openPostgresWatchStore, openSqliteWatchStore, WATCH_DB_FILE, type WatchStore } from './watch-store';

const postgres = usePostgres();

let dir: string;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const stores: WatchStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'watch-contract-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a store on one database, again for each further instance: the same file, or the same PostgreSQL database. */
const DIALECTS = {
  sqlite: () => () => openSqliteWatchStore(dir, () => T0),
  postgres: () => {
    const url = postgres.freshDatabase();
    return () => openPostgresWatchStore(url, () => T0);
  },
};

let ids = 0;
function watch(overrides: Partial<CaughtUpWatch> = {}): CaughtUpWatch {
  const n = ++ids;
  return {
    id: `watch-${n}`, task_id: `task-${n}`, target: 'east', state: 'waiting', threshold: 0, consecutive_polls: 3, poll_interval_s: 5,
    reason: null, created_by: 'olga', created_by_subject: 'proxy|olga', created_at: iso(T0 + n), polls_in_a_row: 0, consecutive_errors: 0,
    last_poll: null, last_error: null, next_poll_at: iso(T0), stop: null, cancelled_by: null, failure_code: null, failure_message: null, finished_at: null,
    ...overrides,
  };
}
const lease = (owner: string, untilMs: number): Lease => ({ owner, until: iso(untilMs) });

describe.each(Object.keys(DIALECTS) as (keyof typeof DIALECTS)[])('watch store on %s', (dialect) => {
  const open = async (count = 1) => {
    const another = DIALECTS[dialect]();
    const opened: WatchStore[] = [];
    // One after the other, as instances start: the later ones find the schema done.
    for (let i = 0; i < count; i++) {
      const store = another();
      stores.push(store);
      await store.ready();
      opened.push(store);
    }
    return opened;
  };

  it('keeps the latest watch of a task, lists the active ones oldest first, and refuses a second active one', async () => {
    const [store] = await open();
    const first = watch();
    expect(await store!.insert(first, lease('a', T0 + 5000))).toBe(true);
    const other = watch({ target: 'west' });
    expect(await store!.insert(other, lease('a', T0 + 5000))).toBe(true);
    expect(await store!.latest('east', first.task_id)).toEqual(first);
    expect(await store!.active()).toEqual([first, other]);
    expect(await store!.active('west')).toEqual([other]);
    expect(await store!.countActive()).toBe(2);

    const second = { ...watch(), task_id: first.task_id };
    expect(await store!.insert(second, lease('b', T0 + 5000))).toBe(false);
    const cancelled = { ...first, state: 'cancelled', finished_at: iso(T0) };
    expect(await store!.transition(cancelled, { state: 'waiting' }, null)).toBe(true);
    expect(await store!.insert(second, lease('b', T0 + 5000))).toBe(true);
    expect(await store!.latest('east', first.task_id)).toEqual(second); // the finished one is dropped
    await store!.remove(second.id);
    expect(await store!.latest('east', first.task_id)).toBeNull();
  });

  it('two inserts of a watch of the same task at once: exactly one succeeds', async () => {
    // PostgreSQL: two instances. SQLite serves one instance: two calls on its one connection (two
    // connections in one process would block each other, better-sqlite3 waiting synchronously).
    const [a, b] = dialect === 'postgres' ? await open(2) : [...(await open()), ...stores.slice(-1)];
    const taskId = 'task-contested';
    const results = await Promise.all([a!.insert(watch({ task_id: taskId }), lease('a', T0)), b!.insert(watch({ task_id: taskId }), lease('b', T0))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a!.countActive()).toBe(1);
  });

  it('a lease is taken only when free, expired or already the taker’s', async () => {
    const [store] = await open();
    const w = watch();
    await store!.insert(w, lease('a', T0 + 5000));
    expect(await store!.claim(w, lease('b', T0 + 10_000), iso(T0 + 5000))).toBe(false); // held until T0+5000: not yet expired
    expect(await store!.claim(w, lease('a', T0 + 10_000), iso(T0 + 5000))).toBe(true); // renewed by its holder
    expect(await store!.claim(w, lease('b', T0 + 20_000), iso(T0 + 10_001))).toBe(true); // expired: taken over
    expect(await store!.claim(w, lease('a', T0 + 20_000), iso(T0 + 10_002))).toBe(false);
    await store!.release('b');
    expect(await store!.claim(w, lease('a', T0 + 20_000), iso(T0 + 10_003))).toBe(true); // released: free at once
  });

  it('lists for an instance the due watches it may take and the stops whose sender died', async () => {
    const [store] = await open();
    const due = watch();
    const later = watch({ next_poll_at: iso(T0 + 60_000) });
    const heldByB = watch();
    const stopping = watch({ state: 'stopping', next_poll_at: null });
    const stoppingAlive = watch({ state: 'stopping', next_poll_at: null });
    await store!.insert(due, lease('a', T0 + 5000));
    await store!.insert(later, lease('a', T0 + 5000));
    await store!.insert(heldByB, lease('b', T0 + 5000));
    await store!.insert(stopping, lease('b', T0 - 1));
    await store!.insert(stoppingAlive, lease('b', T0 + 5000));
    const ids = async (owner: string, now: number) => (await store!.available(owner, iso(now), iso(now))).map((a) => [a.watch.id, a.leaseOwner]);
    expect(await ids('a', T0)).toEqual([
      [due.id, 'a'],
      [stopping.id, 'b'],
    ]);
    expect(await ids('c', T0 + 5001)).toEqual([
      [due.id, 'a'],
      [heldByB.id, 'b'],
      [stopping.id, 'b'],
      [stoppingAlive.id, 'b'],
    ]);
  });

  it('waiting → stopping changes the row for the lease holder only, once; a cancel and a stop racing: one wins', async () => {
    const [a, b] = await open(2);
    const w = watch();
    await a!.insert(w, lease('a', T0 + 5000));
    const stopping = { ...w, state: 'stopping' };
    expect(await b!.transition(stopping, { state: 'waiting', owner: 'b' }, lease('b', T0 + 300_000))).toBe(false);
    const twice = await Promise.all([a!.transition(stopping, { state: 'waiting', owner: 'a' }, null), b!.transition(stopping, { state: 'waiting', owner: 'a' }, null)]);
    expect(twice.filter(Boolean)).toHaveLength(1);

    const raced = watch();
    await a!.insert(raced, lease('a', T0 + 5000));
    const cancelled = { ...raced, state: 'cancelled', finished_at: iso(T0) };
    const outcome = await Promise.all([
      a!.transition({ ...raced, state: 'stopping' }, { state: 'waiting', owner: 'a' }, null),
      b!.transition(cancelled, { state: 'waiting' }, null),
    ]);
    expect(outcome.filter(Boolean)).toHaveLength(1);
    expect((await b!.latest('east', raced.task_id))!.state).toBe(outcome[0] ? 'stopping' : 'cancelled');
  });

  it('a stop whose lease ran out can be failed, once; one still leased cannot', async () => {
    const [store] = await open();
    const w = watch({ state: 'stopping', next_poll_at: null });
    await store!.insert(w, lease('a', T0 + 300_000));
    const failed = { ...w, state: 'failed', failure_code: 'CONSOLE_RESTARTED' as const, finished_at: iso(T0) };
    expect(await store!.transition(failed, { state: 'stopping', leaseExpiredAt: iso(T0 + 1000) }, null)).toBe(false);
    expect(await store!.transition(failed, { state: 'stopping', leaseExpiredAt: iso(T0 + 300_001) }, null)).toBe(true);
    expect(await store!.transition(failed, { state: 'stopping', leaseExpiredAt: iso(T0 + 300_001) }, null)).toBe(false);
  });
});

describe('caught-up.db of an earlier console', () => {
  it('is taken over in place: its watches kept, still active, free to take', async () => {
    const legacy = new Database(join(dir, WATCH_DB_FILE));
    legacy.exec(LEGACY_SCHEMA);
    const waiting = watch({ polls_in_a_row: 2 });
    const done = watch({ state: 'done', finished_at: iso(T0 - 86_400_000), next_poll_at: null });
    const purged = watch({ state: 'cancelled', finished_at: iso(T0 - 8 * 86_400_000), next_poll_at: null });
    const insert = legacy.prepare('INSERT INTO watch (id, target, task_id, state, created_at, finished_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const w of [waiting, done, purged]) insert.run(w.id, w.target, w.task_id, w.state, w.created_at, w.finished_at, JSON.stringify(w));
    legacy.close();

    const store = openSqliteWatchStore(dir, () => T0);
    stores.push(store);
    expect(await store.active()).toEqual([waiting]);
    expect(await store.latest('east', done.task_id)).toEqual(done);
    expect(await store.latest('east', purged.task_id)).toBeNull(); // finished more than 7 days ago
    expect((await store.available('a', iso(T0), iso(T0))).map((a) => [a.watch.id, a.leaseOwner])).toEqual([[waiting.id, null]]);
    expect(await store.insert({ ...watch(), task_id: waiting.task_id }, lease('a', T0))).toBe(false); // still its task's active watch
  });
});

/** caught-up.db's schema as every console before the Kysely migrations created it. */
const LEGACY_SCHEMA = `CREATE TABLE IF NOT EXISTS watch (
  id TEXT PRIMARY KEY, target TEXT NOT NULL, task_id TEXT NOT NULL, state TEXT NOT NULL,
  created_at TEXT NOT NULL, finished_at TEXT, body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS watch_task ON watch (target, task_id);
CREATE INDEX IF NOT EXISTS watch_state ON watch (state);`;
