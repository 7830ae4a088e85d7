// Progress samples per task, in memory: the same for every operator. With a store
// (history-store.ts, DATA_DIR/history.db) every change is also handed to it, which writes it
// later in batches, and the history it kept is read back at start, so it survives a restart.
// Bounds: samples older than HISTORY_RETENTION_S are dropped; stored samples are at least
// HISTORY_MIN_SPACING_S apart (a newer reading replaces the latest one), so at most
// HISTORY_MAX_SAMPLES (+1) per task; at most maxTasks tasks, the one least recently read by someone
// dropped first (samples from the background or a watch do not keep a task: only reads do). Which
// tasks enter is decided by the caller (tracking.ts: only tasks the cloud confirmed, a bounded
// number per user). About 150 bytes a sample: 200 tasks × 1081 samples ≈ 32 MB at worst.
// Several instances on one database (cluster.ts): each target's history is kept by the one
// instance leading it (its shard); a task of a target led elsewhere is only noted as read.
import type { MigrationTask, MigrationTaskStats } from '../../api/migration-tasks';
import { HISTORY_MAX_SAMPLES, HISTORY_MIN_SPACING_S, HISTORY_RETENTION_S, HISTORY_VIEW_WINDOW_S } from '../../api/rules/history';
import type { StoredSample } from './estimate';
import { historyBody, historyKey as key, sampleOf, type HistoryBody } from './samples';

export const HISTORY_MAX_TASKS = 200;
/** Task types the cloud keeps no stats for (shared/dcs-api/README.md §2 #6: online migration only). */
const TYPES_WITHOUT_STATS = new Set(['backupfile_import']);
/** Answers sent within this of the last one recorded are not read again (the read cache's TTL: the same answer). */
export const READING_MIN_GAP_MS = 1000;

/** What a store reads of a task's entry when it writes it. */
export interface HistoryEntry {
  readonly target: string;
  readonly taskId: string;
  readonly status: string | null;
  readonly lastViewedMs: number;
  /** Orders tasks by when someone last read them (higher: more recent); the store keeps it. */
  readonly lru: number;
  readonly noStats?: boolean;
}

/** A task as a store kept it; `lru` orders tasks by when they were last read. */
export interface PersistedTask extends HistoryEntry {
  samples: StoredSample[];
}

/**
 * Where the history is mirrored. Called on the request path: must only note the change in memory.
 * Every change of an entry comes with touched() first.
 */
export interface HistoryStore {
  /** What it kept, least recently touched first; handed over once (later calls: none). */
  takeLoaded(): PersistedTask[];
  touched(key: string, entry: HistoryEntry): void;
  /** A sample was stored; `replaced`, the latest sample it replaced (closer than the spacing). */
  sampled(key: string, entry: HistoryEntry, sample: StoredSample, replaced: StoredSample | undefined): void;
  /** The task's entry is gone (forgotten, or beyond maxTasks). */
  dropped(key: string, entry: HistoryEntry): void;
  /** Writes what is left and lets go of the file. */
  close(): void | Promise<void>;
}

/** Which targets' history this instance keeps (cluster.ts); without one, every target's. */
export interface HistoryShard {
  leads(target: string): boolean;
  /** A user of this instance read a task of a target another instance leads. */
  viewed(target: string, taskId: string, atMs: number): void;
}

interface TaskHistory {
  target: string;
  taskId: string;
  samples: StoredSample[];
  /** The status of the latest detail read; null until one is read. */
  status: string | null;
  lastViewedMs: number;
  lru: number;
  /** When a stats / detail answer was last recorded. */
  lastStatsMs: number;
  lastTaskMs: number;
  /** The cloud keeps no stats for the task (its type, or it refused them): never sampled. Not stored. */
  noStats?: boolean;
}

export interface TaskRef {
  target: string;
  taskId: string;
}

export class ProgressHistory {
  /** Least recently read first: the first one goes when a new task would pass maxTasks. */
  private readonly tasks = new Map<string, TaskHistory>();
  /** Tasks of targets led elsewhere that users of this instance read, least recently read first. */
  private readonly elsewhere = new Map<string, TaskRef>();
  private shard: HistoryShard | null = null;
  private lastLru = 0;

  constructor(
    /** The history's clock (the app's, or the one its options name). */
    readonly now: () => number = Date.now,
    private readonly maxTasks = HISTORY_MAX_TASKS,
    private readonly store: HistoryStore | null = null,
  ) {
    const nowMs = now();
    // Tracked before the restart, so the cloud had confirmed them.
    for (const task of store?.takeLoaded().slice(-maxTasks) ?? []) this.restore(task, nowMs);
  }

  /** From now on only the targets `shard` leads are kept here. */
  useShard(shard: HistoryShard): void {
    this.shard = shard;
  }

  /** Whether this instance keeps the target's history (always, without a shard). */
  leads(target: string): boolean {
    return this.shard?.leads(target) ?? true;
  }

  /** Whether the task's history is kept, here or by the instance leading its target. */
  isTracked(target: string, taskId: string): boolean {
    const k = key(target, taskId);
    return this.tasks.has(k) || this.elsewhere.has(k);
  }

  /** This instance now leads `target`: its history, as the shared store holds it, is kept here. */
  adopt(target: string, tasks: readonly PersistedTask[]): void {
    const nowMs = this.now();
    for (const task of tasks) {
      const k = key(target, task.taskId);
      this.elsewhere.delete(k);
      if (!this.tasks.has(k)) this.restore({ ...task, lru: ++this.lastLru }, nowMs);
    }
    for (const [k, ref] of this.elsewhere) if (ref.target === target) this.elsewhere.delete(k);
    while (this.tasks.size > this.maxTasks) this.dropBeyondMax();
  }

  /** Another instance leads `target` now: its tasks are let go here, not dropped from the store. */
  release(target: string): void {
    for (const [k, entry] of this.tasks) {
      if (entry.target !== target) continue;
      this.tasks.delete(k);
      this.noteElsewhere(k, { target, taskId: entry.taskId });
    }
  }

  /** A task of a led target was read through another instance at `viewedMs`. */
  viewedElsewhere(target: string, taskId: string, viewedMs: number): void {
    const entry = this.tasks.get(key(target, taskId));
    if (entry && entry.lastViewedMs >= viewedMs) return;
    this.markViewed(target, taskId, viewedMs);
  }

  /** A stats answer of the cloud: one sample. The task is tracked from now on if it was not. */
  recordStats(target: string, taskId: string, stats: MigrationTaskStats): void {
    if (!this.leads(target)) return;
    const entry = this.entryOf(target, taskId);
    const atMs = this.now();
    entry.lastStatsMs = atMs;
    const sample = sampleOf(stats, entry.status, atMs);
    const samples = entry.samples;
    const beforeLast = samples.at(-2);
    const replaced = beforeLast && atMs - beforeLast.atMs < HISTORY_MIN_SPACING_S * 1000 ? samples.at(-1) : undefined;
    if (replaced) samples[samples.length - 1] = sample;
    else samples.push(sample);
    this.store?.sampled(key(target, taskId), entry, sample, replaced);
    this.prune(entry, atMs);
  }

  /** A detail answer of the cloud: the status the next samples carry, and whether the task has stats. */
  recordTask(target: string, taskId: string, task: Pick<MigrationTask, 'status' | 'migration_type'>): void {
    if (!this.leads(target)) return;
    const entry = this.entryOf(target, taskId);
    entry.status = task.status ?? null;
    entry.lastTaskMs = this.now();
    if (TYPES_WITHOUT_STATS.has(task.migration_type ?? '')) entry.noStats = true;
  }

  /** False once the task is known to have no stats (its type, or the cloud refused them). */
  hasStats(target: string, taskId: string): boolean {
    return this.tasks.get(key(target, taskId))?.noStats !== true;
  }

  /** The cloud refused the task's stats as not applicable: it is not sampled again. False if already known. */
  markNoStats(target: string, taskId: string): boolean {
    if (!this.leads(target)) return false;
    const entry = this.entryOf(target, taskId);
    const known = entry.noStats === true;
    entry.noStats = true;
    return !known;
  }

  /** Whether an answer of this kind is worth reading now (none recorded in the last READING_MIN_GAP_MS). */
  wantsReading(target: string, taskId: string, kind: 'stats' | 'task'): boolean {
    const entry = this.tasks.get(key(target, taskId));
    if (!entry) return true;
    return this.now() - (kind === 'stats' ? entry.lastStatsMs : entry.lastTaskMs) >= READING_MIN_GAP_MS;
  }

  /**
   * Someone read the task (the cloud confirmed it exists): it becomes the most recently read, is
   * tracked if it was not, and is sampled in the background for HISTORY_VIEW_WINDOW_S.
   */
  markViewed(target: string, taskId: string, atMs = this.now()): void {
    const k = key(target, taskId);
    if (!this.leads(target)) {
      this.noteElsewhere(k, { target, taskId });
      this.shard?.viewed(target, taskId, atMs);
      return;
    }
    const entry = this.tasks.get(k);
    if (entry) this.tasks.delete(k);
    const viewed = entry ?? this.newEntry(target, taskId);
    viewed.lastViewedMs = atMs;
    viewed.lru = ++this.lastLru;
    this.tasks.set(k, viewed);
    this.store?.touched(k, viewed);
    this.dropBeyondMax();
  }

  /** The task is gone (the cloud no longer knows it): drop its history. */
  forget(target: string, taskId: string): void {
    const k = key(target, taskId);
    this.elsewhere.delete(k);
    const entry = this.tasks.get(k);
    if (!entry) return;
    this.tasks.delete(k);
    this.store?.dropped(k, entry);
  }

  /** Tasks read recently, still changing (or of unknown status), with no sample for `staleMs`. */
  dueForSampling(staleMs: number, isChanging: (status: string | null) => boolean): TaskRef[] {
    const now = this.now();
    const due: TaskRef[] = [];
    for (const entry of this.tasks.values()) {
      if (now - entry.lastViewedMs > HISTORY_VIEW_WINDOW_S * 1000) continue;
      if (entry.noStats || (entry.status !== null && !isChanging(entry.status))) continue;
      const last = entry.samples.at(-1);
      if (!last || now - last.atMs >= staleMs) due.push({ target: entry.target, taskId: entry.taskId });
    }
    return due;
  }

  /** The task's history as kept here (empty for a task of a target led elsewhere: cluster.ts reads those). */
  read(target: string, taskId: string, sinceIso: string | undefined): HistoryBody {
    const entry = this.tasks.get(key(target, taskId));
    if (entry) this.prune(entry, this.now());
    return historyBody(target, taskId, entry?.samples ?? [], entry?.status ?? null, entry?.noStats === true, sinceIso);
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Hands what is not yet written to the store, which closes; the history goes on in memory. */
  async close(): Promise<void> {
    await this.store?.close();
  }

  private restore({ target, taskId, status, lastViewedMs, lru, noStats, samples }: PersistedTask, nowMs: number): void {
    const entry: TaskHistory = { target, taskId, samples, status, lastViewedMs, lru, lastStatsMs: -Infinity, lastTaskMs: -Infinity, ...(noStats ? { noStats } : {}) };
    this.prune(entry, nowMs);
    this.tasks.set(key(target, taskId), entry);
    this.lastLru = Math.max(this.lastLru, lru);
  }

  private noteElsewhere(k: string, ref: TaskRef): void {
    this.elsewhere.delete(k);
    this.elsewhere.set(k, ref);
    if (this.elsewhere.size > this.maxTasks) this.elsewhere.delete(this.elsewhere.keys().next().value as string);
  }

  /**
   * The task's entry, about to change: where it is in the read order stays (an answer recorded is
   * not a read); a new one counts as just read.
   */
  private entryOf(target: string, taskId: string): TaskHistory {
    const k = key(target, taskId);
    let entry = this.tasks.get(k);
    if (!entry) {
      entry = this.newEntry(target, taskId);
      entry.lru = ++this.lastLru;
      this.tasks.set(k, entry);
    }
    this.store?.touched(k, entry);
    this.dropBeyondMax();
    return entry;
  }

  private newEntry(target: string, taskId: string): TaskHistory {
    return { target, taskId, samples: [], status: null, lastViewedMs: -Infinity, lru: 0, lastStatsMs: -Infinity, lastTaskMs: -Infinity };
  }

  private dropBeyondMax(): void {
    if (this.tasks.size <= this.maxTasks) return;
    const [oldestKey, oldest] = this.tasks.entries().next().value as [string, TaskHistory];
    this.tasks.delete(oldestKey);
    this.store?.dropped(oldestKey, oldest);
  }

  private prune(entry: TaskHistory, nowMs: number): void {
    const oldest = nowMs - HISTORY_RETENTION_S * 1000;
    let drop = 0;
    while (drop < entry.samples.length && entry.samples[drop]!.atMs < oldest) drop += 1;
    drop = Math.max(drop, entry.samples.length - (HISTORY_MAX_SAMPLES + 1));
    if (drop > 0) entry.samples.splice(0, drop);
  }
}
