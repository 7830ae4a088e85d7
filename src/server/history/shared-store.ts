// The progress history in the shared database (DATABASE_URL), for several console instances. The
// instance leading a target (cluster.ts) keeps that target's history in memory, as one instance
// does, and mirrors it here: changes are collected in memory and written in one transaction every
// HISTORY_FLUSH_INTERVAL_MS, never on the request path. The other instances note here which tasks
// their users read (so the leader samples them) and answer history reads from here. Written
// through Kysely, so the contract test runs it on SQLite and on a real PostgreSQL alike.
import type { FastifyBaseLogger } from 'fastify';
import { HISTORY_RETENTION_S } from '../../api/rules/history';
import { openPostgresDatabase, openSqliteDatabase, type StoreDatabase } from '../store/database';
import { MigratedStore } from '../store/migrated-store';
import type { StoredSample } from './estimate';
import { HISTORY_FLUSH_INTERVAL_MS } from './history-store';
import type { HistoryEntry, HistoryStore, PersistedTask } from './progress-history';
import { historyKey } from './samples';
import { HISTORY_MIGRATIONS, larger, type HistorySampleTable, type HistoryTables } from './shared-schema';

const PRUNE_INTERVAL_MS = 60_000;

/** What changed for one task since the last write (the leader's mirror). */
interface Pending {
  entry: HistoryEntry | null;
  target: string;
  taskId: string;
  reset: boolean;
  inserts: Map<number, StoredSample>;
  deletes: Set<number>;
}

/** A task's history as the database holds it. */
export interface SharedTaskHistory {
  status: string | null;
  noStats: boolean;
  samples: StoredSample[];
}

export interface SharedHistoryOptions {
  now: () => number;
  /** Until the app hands over its logger (useLog). */
  log?: Pick<FastifyBaseLogger, 'warn'>;
  /** 0: no timer, written by flush() and close() only (tests). Default HISTORY_FLUSH_INTERVAL_MS. */
  flushIntervalMs?: number;
}

export class SharedHistoryStore extends MigratedStore<HistoryTables> implements HistoryStore {
  private pending = new Map<string, Pending>();
  private views = new Map<string, { target: string; taskId: string; atMs: number }>();
  private lastPruneMs = -Infinity;
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private log: Pick<FastifyBaseLogger, 'warn'>;

  constructor(database: StoreDatabase<HistoryTables>, options: SharedHistoryOptions) {
    super(database, { what: 'progress history', name: 'history', migrations: HISTORY_MIGRATIONS });
    this.now = options.now;
    this.log = options.log ?? { warn: (...args: unknown[]) => console.warn(...args) };
    const interval = options.flushIntervalMs ?? HISTORY_FLUSH_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => void this.flush(), interval);
      this.timer.unref();
    }
  }

  useLog(log: Pick<FastifyBaseLogger, 'warn'>): void {
    this.log = log;
  }

  /** Nothing at start: a target's history is loaded when this instance comes to lead it (loadTarget). */
  takeLoaded(): PersistedTask[] {
    return [];
  }

  touched(key: string, entry: HistoryEntry): void {
    this.pendingOf(key, entry.target, entry.taskId).entry = entry;
  }

  sampled(key: string, entry: HistoryEntry, sample: StoredSample, replaced: StoredSample | undefined): void {
    const pending = this.pendingOf(key, entry.target, entry.taskId);
    if (replaced && !pending.inserts.delete(replaced.atMs)) pending.deletes.add(replaced.atMs);
    pending.inserts.set(sample.atMs, sample);
  }

  dropped(key: string, entry: HistoryEntry): void {
    const pending = this.pendingOf(key, entry.target, entry.taskId);
    Object.assign(pending, { entry: null, reset: true });
    pending.inserts.clear();
    pending.deletes.clear();
  }

  /** A user of this instance read a task of a target another instance leads. */
  noteViewed(target: string, taskId: string, atMs: number): void {
    this.views.set(historyKey(target, taskId), { target, taskId, atMs });
  }

  /** Writes what was collected, in one transaction (one write at a time); prunes once a minute. A failure is logged and the batch lost. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /**
   * Takes or renews, for `owner`, the lead of each target that is free, expired or its own;
   * returns the targets it leads until `nowMs + leaseMs`.
   */
  async lead(targets: readonly string[], owner: string, nowMs: number, leaseMs: number): Promise<Set<string>> {
    await this.open();
    const led = new Set<string>();
    for (const target of targets) {
      const row = await this.db
        .insertInto('history_leader')
        .values({ target, owner, until_ms: nowMs + leaseMs })
        .onConflict((oc) =>
          oc
            .column('target')
            .doUpdateSet({ owner, until_ms: nowMs + leaseMs })
            .where((eb) => eb.or([eb('history_leader.owner', '=', owner), eb('history_leader.until_ms', '<', nowMs)])),
        )
        .returning('target')
        .executeTakeFirst();
      if (row) led.add(target);
    }
    return led;
  }

  /** Gives up every lead of `owner` (a clean shutdown), so another instance takes over at its next tick. */
  async resign(owner: string): Promise<void> {
    await this.open();
    await this.db.deleteFrom('history_leader').where('owner', '=', owner).execute();
  }

  /** A target's tasks, least recently read first, each with its samples oldest first. */
  async loadTarget(target: string): Promise<PersistedTask[]> {
    await this.open();
    const tasks = await this.db.selectFrom('history_task').selectAll().where('target', '=', target).orderBy('last_viewed_ms').execute();
    const rows = await this.db.selectFrom('history_sample').selectAll().where('target', '=', target).orderBy('task_id').orderBy('at_ms').execute();
    const samples = new Map<string, StoredSample[]>();
    for (const row of rows) {
      let list = samples.get(row.task_id);
      if (!list) samples.set(row.task_id, (list = []));
      list.push(toSample(row));
    }
    return tasks.map((t, i) => ({ target, taskId: t.task_id, status: t.status, lastViewedMs: t.last_viewed_ms, lru: i + 1, noStats: t.no_stats === 1, samples: samples.get(t.task_id) ?? [] }));
  }

  /** Tasks of `targets` read (through any instance) after `sinceMs`. */
  async viewedSince(targets: readonly string[], sinceMs: number): Promise<{ target: string; taskId: string; viewedMs: number }[]> {
    if (targets.length === 0) return [];
    await this.open();
    const rows = await this.db.selectFrom('history_task').select(['target', 'task_id', 'last_viewed_ms']).where('target', 'in', targets).where('last_viewed_ms', '>', sinceMs).execute();
    return rows.map((r) => ({ target: r.target, taskId: r.task_id, viewedMs: r.last_viewed_ms }));
  }

  /** One task's history; null when no instance tracks it. */
  async read(target: string, taskId: string): Promise<SharedTaskHistory | null> {
    await this.open();
    const task = await this.db.selectFrom('history_task').select(['status', 'no_stats']).where('target', '=', target).where('task_id', '=', taskId).executeTakeFirst();
    if (!task) return null;
    const oldest = this.now() - HISTORY_RETENTION_S * 1000;
    const rows = await this.db.selectFrom('history_sample').selectAll().where('target', '=', target).where('task_id', '=', taskId).where('at_ms', '>=', oldest).orderBy('at_ms').execute();
    return { status: task.status, noStats: task.no_stats === 1, samples: rows.map(toSample) };
  }

  /** A target's stored tasks, each with the times of its samples (the one-time copy counts what is already here). */
  async sampleTimes(target: string): Promise<Map<string, Set<number>>> {
    await this.open();
    const tasks = await this.db.selectFrom('history_task').select('task_id').where('target', '=', target).execute();
    const times = new Map(tasks.map((task) => [task.task_id, new Set<number>()]));
    const rows = await this.db.selectFrom('history_sample').select(['task_id', 'at_ms']).where('target', '=', target).execute();
    for (const row of rows) times.get(row.task_id)?.add(row.at_ms);
    return times;
  }

  override async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    await super.close();
  }

  private pendingOf(key: string, target: string, taskId: string): Pending {
    let pending = this.pending.get(key);
    if (!pending) this.pending.set(key, (pending = { entry: null, target, taskId, reset: false, inserts: new Map(), deletes: new Set() }));
    return pending;
  }

  private async write(): Promise<void> {
    const nowMs = this.now();
    const prune = nowMs - this.lastPruneMs >= PRUNE_INTERVAL_MS;
    if (this.pending.size === 0 && this.views.size === 0 && !prune) return;
    const [pending, views] = [this.pending, this.views];
    this.pending = new Map();
    this.views = new Map();
    try {
      await this.open();
      const dialect = this.dialect;
      await this.db.transaction().execute(async (trx) => {
        const upsertTask = (values: { target: string; task_id: string; status: string | null; last_viewed_ms: number; no_stats: number }, keepStatus: boolean) =>
          trx
            .insertInto('history_task')
            .values(values)
            .onConflict((oc) =>
              oc.columns(['target', 'task_id']).doUpdateSet((eb) => ({
                last_viewed_ms: larger(dialect, eb.ref('history_task.last_viewed_ms'), eb.ref('excluded.last_viewed_ms')),
                ...(keepStatus ? {} : { status: eb.ref('excluded.status'), no_stats: eb.ref('excluded.no_stats') }),
              })),
            )
            .execute();
        for (const { entry, target, taskId, reset, inserts, deletes } of pending.values()) {
          if (reset) await trx.deleteFrom('history_task').where('target', '=', target).where('task_id', '=', taskId).execute();
          if (!entry) continue;
          const viewed = Number.isFinite(entry.lastViewedMs) ? entry.lastViewedMs : 0;
          await upsertTask({ target, task_id: taskId, status: entry.status, last_viewed_ms: viewed, no_stats: entry.noStats ? 1 : 0 }, false);
          if (deletes.size > 0) await trx.deleteFrom('history_sample').where('target', '=', target).where('task_id', '=', taskId).where('at_ms', 'in', [...deletes]).execute();
          for (const sample of inserts.values()) {
            const row = toRow(target, taskId, sample);
            const { target: _t, task_id: _id, at_ms: _at, ...values } = row;
            await trx.insertInto('history_sample').values(row).onConflict((oc) => oc.columns(['target', 'task_id', 'at_ms']).doUpdateSet(values)).execute();
          }
        }
        for (const { target, taskId, atMs } of views.values()) await upsertTask({ target, task_id: taskId, status: null, last_viewed_ms: atMs, no_stats: 0 }, true);
        if (prune) await this.prune(trx, nowMs);
      });
      if (prune) this.lastPruneMs = nowMs;
    } catch (error) {
      this.log.warn({ event: 'history.store_failed', reason: (error as Error).message }, 'progress history could not be written to the shared database: these samples are kept in memory only');
    }
  }

  /** Samples past the retention; tasks nobody read within it and left without samples. */
  private async prune(trx: typeof this.db, nowMs: number): Promise<void> {
    const oldest = nowMs - HISTORY_RETENTION_S * 1000;
    await trx.deleteFrom('history_sample').where('at_ms', '<', oldest).execute();
    await trx
      .deleteFrom('history_task')
      .where('last_viewed_ms', '<', oldest)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('history_sample').select('at_ms').whereRef('history_sample.target', '=', 'history_task.target').whereRef('history_sample.task_id', '=', 'history_task.task_id'))),
      )
      .execute();
  }
}

function toRow(target: string, taskId: string, { atMs, is_migrating, ...values }: StoredSample): HistorySampleTable {
  return { target, task_id: taskId, at_ms: atMs, ...values, is_migrating: is_migrating === null ? null : is_migrating ? 1 : 0 };
}

function toSample({ target: _t, task_id: _id, at_ms, is_migrating, ...values }: HistorySampleTable): StoredSample {
  return { atMs: at_ms, ...values, is_migrating: is_migrating === null ? null : is_migrating === 1 };
}

/** The shared history in PostgreSQL (DATABASE_URL). */
export function openPostgresHistoryStore(url: string, options: SharedHistoryOptions): SharedHistoryStore {
  return new SharedHistoryStore(openPostgresDatabase<HistoryTables>(url, { maxConnections: 4 }), options);
}

/** The same store on SQLite (`':memory:'` or a file): its contract test runs on both dialects. */
export function openSqliteSharedHistoryStore(file: string, options: SharedHistoryOptions): SharedHistoryStore {
  return new SharedHistoryStore(openSqliteDatabase<HistoryTables>(file, { synchronous: 'NORMAL', busyTimeoutMs: 5000 }), options);
}
