// The cache's rules without a network: TTL, LRU and size bounds, scopes, the generation that keeps
// a read begun before a stop out of the cache, and the whole-list scan (pages, cap, concurrency).
import { describe, expect, it } from 'vitest';
import type { DcsListMigrationTasksResponse } from '../../dcs/types';
import { CachedReads, LIST_SCOPE, taskScope, type DcsObserver, type Loaded } from './cached-reads';
import { mapWithConcurrency, scanTaskList } from './list-scan';
import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  it('keeps an answer for the TTL, then forgets it', () => {
    let now = 0;
    const cache = new ReadCache(1000, { maxEntries: 10, maxBytes: 100, maxEntryBytes: 50 }, () => now);
    cache.set('k', LIST_SCOPE, 'v', 1);
    now = 999;
    expect(cache.get('k')).toBe('v');
    now = 1000;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.totalBytes).toBe(0);
  });

  it('TTL 0 keeps nothing; an answer over maxEntryBytes is not kept', () => {
    const off = new ReadCache(0, { maxEntries: 10, maxBytes: 100, maxEntryBytes: 50 });
    off.set('k', LIST_SCOPE, 'v', 1);
    expect(off.get('k')).toBeUndefined();
    const cache = new ReadCache(1000, { maxEntries: 10, maxBytes: 100, maxEntryBytes: 50 });
    cache.set('big', LIST_SCOPE, 'v', 51);
    expect(cache.get('big')).toBeUndefined();
  });

  it('drops the least recently used entries beyond maxEntries or maxBytes', () => {
    const cache = new ReadCache(60_000, { maxEntries: 3, maxBytes: 100, maxEntryBytes: 100 });
    for (const key of ['a', 'b', 'c']) cache.set(key, LIST_SCOPE, key, 10);
    cache.get('a'); // a is now the most recently used
    cache.set('d', LIST_SCOPE, 'd', 10);
    expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k))).toEqual(['a', undefined, 'c', 'd']);
    cache.set('e', LIST_SCOPE, 'e', 85); // 10 + 10 + 10 + 85 > 100
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.totalBytes).toBeLessThanOrEqual(100);
    expect(cache.get('e')).toBe('e');
  });

  it('drops entries by scope', () => {
    const cache = new ReadCache(60_000, { maxEntries: 10, maxBytes: 100, maxEntryBytes: 100 });
    cache.set('list', LIST_SCOPE, 1, 1);
    cache.set('t1', taskScope('t1'), 2, 1);
    cache.set('t2', taskScope('t2'), 3, 1);
    cache.drop(new Set([LIST_SCOPE, taskScope('t1')]));
    expect([cache.get('list'), cache.get('t1'), cache.get('t2')]).toEqual([undefined, undefined, 3]);
  });
});

describe('CachedReads', () => {
  const spec = { operation: 'get', key: 'GET /task/t1', scope: taskScope('t1') };
  const answer = (status: string): Promise<Loaded<{ status: string }>> => Promise.resolve({ json: { status }, bytes: 10 });

  it('a read that began before an invalidation returns its answer but does not keep it', async () => {
    const reads = new CachedReads(60_000);
    let release!: (loaded: Loaded<{ status: string }>) => void;
    const slow = reads.read(spec, () => new Promise<Loaded<{ status: string }>>((resolve) => (release = resolve)));
    reads.invalidate(['t1']); // a stop is sent
    const during = reads.read(spec, () => answer('TERMINATING')); // does not join the slow read
    release({ json: { status: 'INCRMIGEATING' }, bytes: 10 });
    expect(await slow).toEqual({ status: 'INCRMIGEATING' });
    expect(await during).toEqual({ status: 'TERMINATING' });
    expect(await reads.read(spec, () => answer('unexpected'))).toEqual({ status: 'TERMINATING' });
  });

  it('reports hits, misses and reads served by a call in flight; fresh reads skip both; secrets are not kept', async () => {
    const seen: string[] = [];
    const observer: DcsObserver = { upstream: () => undefined, cache: (op, result) => seen.push(`${op}:${result}`), coalesced: (op) => seen.push(`${op}:coalesced`) };
    const reads = new CachedReads(60_000, observer);
    let calls = 0;
    const load = async () => ({ json: { status: 'X', n: ++calls, source: { password: 'hunter2' } }, bytes: 10 });
    const [a, b] = await Promise.all([reads.read(spec, load), reads.read(spec, load)]);
    expect(a).toBe(b);
    expect(a).toEqual({ status: 'X', n: 1, source: { password_set: true } });
    expect(await reads.read(spec, load)).toMatchObject({ n: 1 });
    expect(await reads.read({ ...spec, fresh: true }, load)).toMatchObject({ n: 2 });
    expect(seen).toEqual(['get:miss', 'get:miss', 'get:coalesced', 'get:hit']);
  });
});

describe('scanning a whole list', () => {
  const pageOf = (total: number, withCount = true) => {
    const offsets: number[] = [];
    const read = async (offset: number): Promise<Loaded<DcsListMigrationTasksResponse>> => {
      offsets.push(offset);
      const tasks = Array.from({ length: Math.max(0, Math.min(10, total - offset)) }, (_, i) => ({ task_id: `t${offset + i}`, status: 'RUNNING' }));
      return { json: withCount ? { count: total, migration_tasks: tasks } : { migration_tasks: tasks }, bytes: 100 };
    };
    return { read, offsets };
  };

  it('reads the first page, then the others from the count, and marks a list longer than the cap', async () => {
    const all = pageOf(95);
    const scan = await scanTaskList(all.read, { pageSize: 10, maxPages: 20, concurrency: 4 });
    expect(scan.json).toMatchObject({ truncated: false });
    expect(scan.json.tasks).toHaveLength(95);
    expect(scan.bytes).toBe(1000);
    expect(all.offsets.sort((x, y) => x - y)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);

    const long = pageOf(250);
    const capped = await scanTaskList(long.read, { pageSize: 10, maxPages: 5, concurrency: 4 });
    expect(capped.json.truncated).toBe(true);
    expect(capped.json.tasks.map((t) => t.task_id)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    expect(long.offsets).toHaveLength(5);
  });

  it('without a count: page after page until a short one, or the cap', async () => {
    const short = pageOf(35, false);
    expect((await scanTaskList(short.read, { pageSize: 10, maxPages: 10, concurrency: 4 })).json).toMatchObject({ truncated: false, tasks: { length: 35 } });
    expect(short.offsets).toEqual([0, 10, 20, 30]);
    const long = pageOf(1000, false);
    expect((await scanTaskList(long.read, { pageSize: 10, maxPages: 3, concurrency: 4 })).json).toMatchObject({ truncated: true, tasks: { length: 30 } });
  });

  it('runs at most `limit` calls at a time, keeps the order, and stops starting calls after a failure', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5 * (n % 3)));
      running--;
      return n * 10;
    });
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(peak).toBe(4);
    const started: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4, 5, 6], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
