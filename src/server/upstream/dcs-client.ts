// The only way the console reaches the DCS API (cloud or simulator). Each exchange is signed and
// sent by dcs-wire.ts, which turns every failure into a DcsUpstreamError. Reads (GET) are retried
// within a bounded budget (retry.ts), kept for a short while and shared while in flight
// (cached-reads.ts); writes (stop, batch stop) are sent exactly once, never retried, and drop what
// they may have changed from the cache.
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { systemClock, type Clock } from '../../dcs/clock';
import { LIST_LIMIT_MAX } from '../../dcs/ids';
import { dcsPaths } from '../../dcs/paths';
import { canonicalQuery, type QueryMap } from '../../dcs/signer';
import type {
  DcsBatchStopResponse,
  DcsListMigrationLogsResponse,
  DcsListMigrationTasksResponse,
  DcsMigrationTask,
  DcsMigrationTaskStats,
} from '../../dcs/types';
import type { UpstreamAuth } from '../config/parse';
import { CachedReads, LIST_SCOPE, NO_OBSERVER, taskScope, type DcsObserver, type Loaded } from './cached-reads';
import { outcomeLabel, sendSigned, upstreamScrubber, type Send, type Upstream, type UpstreamExchange } from './dcs-wire';
import { scanTaskList, type TaskScan } from './list-scan';
import { retryPolicy, withRetries, type RetryPolicy } from './retry';

export { DcsUpstreamError, type UpstreamFailureKind } from './upstream-error';
export type { UpstreamExchange } from './dcs-wire';
export type { TaskScan } from './list-scan';

/** List pages read at the same time when a whole list is scanned. */
const SCAN_CONCURRENCY = 4;

export interface DcsClientOptions {
  endpoint: URL;
  projectId: string;
  auth: UpstreamAuth;
  connectTimeoutMs: number;
  /** One attempt, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Retries of reads (attempts, budget, backoff); defaults in retry.ts. */
  retry?: Partial<RetryPolicy>;
  /** How long a read's answer is reused (DCS_CACHE_TTL_MS); absent or 0: never. */
  cacheTtlMs?: number;
  /**
   * Dates the signatures (X-Sdk-Date) and ages the cached reads; default the system clock for the
   * signatures and a monotonic one for the cache (a step of the system clock must not keep answers).
   */
  clock?: Clock;
}

export interface ListParams {
  offset: number;
  limit: number;
  name?: string;
}

/** `fresh`: neither the cache nor a read in flight; the cloud's answer as of now. */
export interface ReadOptions {
  fresh?: boolean;
}

export class DcsClient {
  private readonly agent: Agent;
  private readonly retry: RetryPolicy;
  private readonly reads: CachedReads;
  private readonly upstream: Upstream;

  /** `observer` hears of every upstream attempt and cache decision (metrics.ts). */
  constructor(
    private readonly options: DcsClientOptions,
    private readonly observer: DcsObserver = NO_OBSERVER,
  ) {
    this.retry = retryPolicy(options.timeoutMs, options.retry);
    this.reads = new CachedReads(options.cacheTtlMs ?? 0, observer, options.clock);
    this.upstream = { ...options, clock: options.clock ?? systemClock, scrub: upstreamScrubber(options.auth) };
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      keepAliveTimeout: 10_000,
      connections: 64,
    });
  }

  get projectId(): string {
    return this.options.projectId;
  }

  listMigrationTasks(params: ListParams, options?: ReadOptions): Promise<DcsListMigrationTasksResponse> {
    const query: QueryMap = { offset: params.offset, limit: params.limit };
    if (params.name) query.name = params.name;
    return this.read('list', LIST_SCOPE, dcsPaths.listMigrationTasks(this.projectId), query, options);
  }

  /**
   * Every task (whose name contains `name`), read page by page, at most `maxPages` pages: one
   * read as far as the cache and sharing are concerned.
   */
  listAllMigrationTasks(name: string | undefined, maxPages: number): Promise<TaskScan> {
    const path = dcsPaths.listMigrationTasks(this.projectId);
    const byName: QueryMap = name ? { name } : {};
    const key = `SCAN ${path}?${canonicalQuery({ ...byName, pages: maxPages })}`;
    const readPage = (offset: number) => this.fetch<DcsListMigrationTasksResponse>('list', path, { ...byName, offset, limit: LIST_LIMIT_MAX });
    return this.reads.read({ operation: 'list-all', key, scope: LIST_SCOPE, snapshot: true }, () =>
      scanTaskList(readPage, { pageSize: LIST_LIMIT_MAX, maxPages, concurrency: SCAN_CONCURRENCY }),
    );
  }

  showMigrationTask(taskId: string, options?: ReadOptions): Promise<DcsMigrationTask> {
    return this.read('get', taskScope(taskId), dcsPaths.showMigrationTask(this.projectId, taskId), {}, options);
  }

  showMigrationTaskStats(taskId: string): Promise<DcsMigrationTaskStats> {
    return this.read('stats', taskScope(taskId), dcsPaths.migrationTaskStats(this.projectId, taskId));
  }

  listMigrationTaskLogs(taskId: string, params: { offset: number; limit: number; level?: string }): Promise<DcsListMigrationLogsResponse> {
    const query: QueryMap = { offset: params.offset, limit: params.limit };
    if (params.level) query.log_level = params.level;
    return this.read('logs', taskScope(taskId), dcsPaths.migrationTaskLogs(this.projectId, taskId), query);
  }

  stopMigrationTask(taskId: string, exchange?: UpstreamExchange): Promise<DcsMigrationTask> {
    return this.write('stop', [taskId], dcsPaths.stopMigrationTask(this.projectId, taskId), undefined, exchange);
  }

  batchStopMigrationTasks(taskIds: string[], exchange?: UpstreamExchange): Promise<DcsBatchStopResponse> {
    return this.write('batch-stop', taskIds, dcsPaths.batchStopMigrationTasks(this.projectId), { migration_tasks: taskIds }, exchange);
  }

  /** Readiness: one cheap read (a list of one task), one attempt of at most `maxMs`, neither cached nor shared. */
  async probe(maxMs: number): Promise<void> {
    const timeoutMs = Math.min(maxMs, this.options.timeoutMs);
    await this.send({ operation: 'probe', method: 'GET', path: dcsPaths.listMigrationTasks(this.projectId), query: { offset: 0, limit: 1 }, timeoutMs });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** A read: from the cache, shared with an identical read in flight, or sent (see cached-reads.ts). */
  private read<T>(operation: string, scope: string, path: string, query: QueryMap = {}, options: ReadOptions = {}): Promise<T> {
    const key = `GET ${path}?${canonicalQuery(query)}`;
    return this.reads.read({ operation, key, scope, fresh: options.fresh }, () => this.fetch<T>(operation, path, query));
  }

  /** One read sent upstream, retried when that is safe and time is left. */
  private fetch<T>(operation: string, path: string, query: QueryMap): Promise<Loaded<T>> {
    return withRetries(this.retry, this.options.timeoutMs, (timeoutMs) => this.send<T>({ operation, method: 'GET', path, query, timeoutMs }));
  }

  /** A write: sent once. The cache forgets what it may change when it is sent and when it settles. */
  private async write<T>(operation: string, taskIds: readonly string[], path: string, body: unknown, exchange?: UpstreamExchange): Promise<T> {
    this.reads.invalidate(taskIds);
    try {
      return (await this.send<T>({ operation, method: 'POST', path, body, timeoutMs: this.options.timeoutMs, exchange })).json;
    } finally {
      this.reads.invalidate(taskIds);
    }
  }

  /** One attempt, reported to the observer with its outcome and duration. */
  private async send<T>(call: Send): Promise<Loaded<T>> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await sendSigned<T>(this.agent, this.upstream, call);
    } catch (error) {
      outcome = outcomeLabel(error);
      throw error;
    } finally {
      this.observer.upstream(call.operation, outcome, (performance.now() - started) / 1000);
    }
  }
}
