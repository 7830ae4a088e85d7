// The read side of one DCS client (one target): a short cache in front of the cloud, and sharing
// of identical reads in flight (coalesce.ts) behind it.
//
// - A read is answered from the cache when an identical one succeeded less than the TTL ago
//   (DCS_CACHE_TTL_MS; 0 turns the cache off). Otherwise it joins an identical read in flight, or
//   starts one. Errors are never kept: only a successful answer is stored.
// - What is kept has had its secrets removed (redact.ts): Redis passwords never sit in the cache.
// - A stop or batch stop (sent, answered or failed) calls `invalidate(taskIds)` when it is sent and
//   again when it settles, before the route answers: every list page and list snapshot of the
//   target and the stopped tasks' detail, stats and logs are dropped, reads asked for afterwards do
//   not join reads in flight, and a read that began before the invalidation does not store its
//   answer (the generation it started in is over).
// - A `fresh` read skips both the cache and the calls in flight (the audit's read of a task's
//   status before its stop).
import type { Clock } from '../../dcs/clock';
import { Coalescer } from './coalesce';
import { ReadCache, type CacheLimits } from './read-cache';
import { redactSecrets } from './redact';

/** Where reads and cache decisions are reported (metrics.ts); operations are low-cardinality names. */
export interface DcsObserver {
  upstream(operation: string, outcome: string, seconds: number): void;
  cache(operation: string, result: 'hit' | 'miss'): void;
  coalesced(operation: string): void;
}

export const NO_OBSERVER: DcsObserver = { upstream: () => undefined, cache: () => undefined, coalesced: () => undefined };

/** Scope of list pages and list snapshots: any stop may change them. */
export const LIST_SCOPE = 'list';
export const taskScope = (taskId: string): string => `task:${taskId}`;

/** Single reads: a page of the list, a task, its stats or logs. */
export const PAGE_CACHE_LIMITS: CacheLimits = { maxEntries: 1000, maxBytes: 64 * 2 ** 20, maxEntryBytes: 2 * 2 ** 20 };
/** Whole-list snapshots (status filter): a few per target; a list over ~32 MB (~35,000 tasks) is shared, not kept. */
export const SNAPSHOT_CACHE_LIMITS: CacheLimits = { maxEntries: 8, maxBytes: 64 * 2 ** 20, maxEntryBytes: 32 * 2 ** 20 };

/** An upstream answer and the size of its JSON. */
export interface Loaded<T> {
  json: T;
  bytes: number;
}

export interface ReadSpec {
  operation: string;
  key: string;
  scope: string;
  fresh?: boolean;
  /** Kept among the whole-list snapshots rather than the single reads. */
  snapshot?: boolean;
}

export class CachedReads {
  private readonly inFlight = new Coalescer();
  private readonly pages: ReadCache;
  private readonly snapshots: ReadCache;
  private generation = 0;

  /** `now` ages the answers (default a monotonic clock; tests pass their ManualClock). */
  constructor(
    ttlMs: number,
    private readonly observer: DcsObserver = NO_OBSERVER,
    now?: Clock,
  ) {
    this.pages = new ReadCache(ttlMs, PAGE_CACHE_LIMITS, now);
    this.snapshots = new ReadCache(ttlMs, SNAPSHOT_CACHE_LIMITS, now);
  }

  read<T>(spec: ReadSpec, load: () => Promise<Loaded<T>>): Promise<T> {
    const cache = spec.snapshot ? this.snapshots : this.pages;
    if (spec.fresh) return this.load(cache, spec, load);
    const kept = cache.get(spec.key);
    if (kept !== undefined) {
      this.observer.cache(spec.operation, 'hit');
      return Promise.resolve(kept as T);
    }
    this.observer.cache(spec.operation, 'miss');
    return this.inFlight.run(spec.key, () => this.load(cache, spec, load), () => this.observer.coalesced(spec.operation));
  }

  /** A stop of `taskIds` is being sent, or has settled: see the top of this file. */
  invalidate(taskIds: readonly string[]): void {
    this.generation += 1;
    this.inFlight.forgetAll();
    const scopes = new Set([LIST_SCOPE, ...taskIds.map(taskScope)]);
    this.pages.drop(scopes);
    this.snapshots.drop(scopes);
  }

  /** Entries kept (tests, diagnostics). */
  get size(): { pages: number; snapshots: number } {
    return { pages: this.pages.size, snapshots: this.snapshots.size };
  }

  private async load<T>(cache: ReadCache, spec: ReadSpec, load: () => Promise<Loaded<T>>): Promise<T> {
    const generation = this.generation;
    const loaded = await load();
    const value = redactSecrets(loaded.json);
    if (generation === this.generation) cache.set(spec.key, spec.scope, value, loaded.bytes);
    return value;
  }
}
