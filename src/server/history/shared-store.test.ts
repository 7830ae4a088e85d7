// The shared history store's contract, on both dialects it runs on: SQLite and a real PostgreSQL
// server. Leads are taken only when free, expired or one's own; the leader's mirror writes samples,
// replacements and drops; reads through other instances are merged (the latest wins) without
// touching the status; a newly led target loads back whole; retention prunes samples and tasks
// nobody reads; a database that fails a write is logged, not thrown at the sampler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_RETENTION_S } from '../../api/rules/history';
import { usePostgres } from '../testing/postgres';
import type { StoredSample } from './estimate';
import type { HistoryEntry } from './progress-history';
import { historyKey } from './samples';
import { openPostgresHistoryStore, openSqliteSharedHistoryStore, type SharedHistoryStore } from './shared-store';

const postgres = usePostgres();
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
let now = T0;
const stores: SharedHistoryStore[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shared-history-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
  now = T0;
});

/** Opens a store on one database, again for each further instance: the same file, or the same PostgreSQL database. */
const DIALECTS = {
  sqlite: () => () => keep(openSqliteSharedHistoryStore(join(dir, 'history.db'), { now: () => now, flushIntervalMs: 0 })),
  postgres: () => {
    const url = postgres.freshDatabase();
    return () => keep(openPostgresHistoryStore(url, { now: () => now, flushIntervalMs: 0 }));
  },
};
function keep(store: SharedHistoryStore): SharedHistoryStore {
  stores.push(store);
  return store;
}

const entry = (taskId: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({ target: 'east', taskId, status: 'FULLMIGRATING', lastViewedMs: now, lru: 1, ...overrides });
function sample(atMs: number, progress: number): StoredSample {
  return { atMs, status: 'FULLMIGRATING', offset: 7, full_migration_progress: progress, source_dbsize: 100, target_dbsize: 50.5, target_ops: null, target_input_kbps: 1.25, is_migrating: true };
}
function record(store: SharedHistoryStore, e: HistoryEntry, s: StoredSample, replaced?: StoredSample): void {
  store.touched(historyKey(e.target, e.taskId), e);
  store.sampled(historyKey(e.target, e.taskId), e, s, replaced);
}

describe.each(Object.entries(DIALECTS))('the shared history store on %s', (_name, database) => {
  it('gives a target’s lead to one instance until its lease runs out, renews its own, and frees it on resign', async () => {
    const store = database()();
    expect([...(await store.lead(['east', 'west'], 'a', now, 30_000))]).toEqual(['east', 'west']);
    expect([...(await store.lead(['east', 'west', 'north'], 'b', now + 10_000, 30_000))]).toEqual(['north']);
    expect([...(await store.lead(['east'], 'a', now + 20_000, 30_000))]).toEqual(['east']); // renewed to +50 s
    expect([...(await store.lead(['east', 'west'], 'b', now + 40_000, 30_000))]).toEqual(['west']); // west ran out at +30 s
    await store.resign('a');
    expect([...(await store.lead(['east'], 'b', now + 41_000, 30_000))]).toEqual(['east']);
  });

  it('keeps the leader’s samples, replacements and drops, and what followers saw is read back the same', async () => {
    const open = database();
    const leader = open();
    const e = entry('t1');
    record(leader, e, sample(now, 10));
    record(leader, e, sample(now + 10_000, 20));
    record(leader, e, sample(now + 12_000, 22), sample(now + 10_000, 20)); // within the spacing: replaces it
    record(leader, { ...e, taskId: 't2' }, sample(now, 5));
    await leader.flush();
    record(leader, e, sample(now + 14_000, 23), sample(now + 12_000, 22)); // replaces one already written
    leader.dropped(historyKey('east', 't2'), { ...e, taskId: 't2' });
    leader.touched(historyKey('east', 't3'), { ...entry('t3'), noStats: true, status: 'SUCCESS' });
    await leader.flush();

    const follower = open();
    const read = await follower.read('east', 't1');
    expect(read).toEqual({ status: 'FULLMIGRATING', noStats: false, samples: [sample(now, 10), sample(now + 14_000, 23)] });
    expect(await follower.read('east', 't2')).toBeNull();
    expect(await follower.read('east', 't3')).toEqual({ status: 'SUCCESS', noStats: true, samples: [] });
    expect(await follower.read('west', 't1')).toBeNull();
  });

  it('merges reads noted by other instances (the latest wins, the status stays) and loads a target back least recently read first', async () => {
    const open = database();
    const leader = open();
    record(leader, entry('t1', { lastViewedMs: now + 5000 }), sample(now, 10));
    await leader.flush();
    const follower = open();
    follower.noteViewed('east', 't1', now + 1000); // older than the leader's own read: no change
    follower.noteViewed('east', 't2', now + 3000); // a task only the follower's users read
    follower.noteViewed('west', 't9', now + 9000);
    await follower.flush();

    expect(await leader.viewedSince(['east'], now)).toEqual(expect.arrayContaining([{ target: 'east', taskId: 't1', viewedMs: now + 5000 }, { target: 'east', taskId: 't2', viewedMs: now + 3000 }]));
    expect(await leader.viewedSince(['east'], now + 4000)).toEqual([{ target: 'east', taskId: 't1', viewedMs: now + 5000 }]);
    const loaded = await open().loadTarget('east');
    expect(loaded.map((t) => [t.taskId, t.status, t.lastViewedMs, t.samples.length])).toEqual([
      ['t2', null, now + 3000, 0],
      ['t1', 'FULLMIGRATING', now + 5000, 1],
    ]);
  });

  it('drops samples past the retention and tasks nobody read within it, at most once a minute', async () => {
    const store = database()();
    record(store, entry('old'), sample(now, 1));
    record(store, entry('kept'), sample(now, 1));
    await store.flush();
    now += HISTORY_RETENTION_S * 1000 + 1;
    record(store, entry('kept', { lastViewedMs: now }), sample(now, 2));
    await store.flush();
    expect(await store.read('east', 'old')).toBeNull();
    expect((await store.read('east', 'kept'))?.samples.map((s) => s.full_migration_progress)).toEqual([2]);
  });
});

describe('a shared history store that cannot write', () => {
  it('logs the failure and lets the caller go on', async () => {
    const warnings: string[] = [];
    const store = openSqliteSharedHistoryStore(':memory:', { now: () => now, flushIntervalMs: 0, log: { warn: (_obj: unknown, msg?: string) => void warnings.push(String(msg)) } });
    await store.ready();
    await store.close();
    record(store, entry('t1'), sample(now, 1));
    await expect(store.flush()).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('could not be written')]);
  });
});
