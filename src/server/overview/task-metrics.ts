// Per-task gauges on GET /metrics, computed when Prometheus scrapes, from what the console already
// holds: the task observer's last read (statuses), the progress history's latest sample, and the
// stops it has seen go through the audit feed. A scrape never calls the cloud.
//
// Cardinality: per target, one task set — every task whose status can still change (not settled in
// the sense of dcs/status.ts isSettled), plus settled tasks whose status is at most an hour old.
// At most MAX_TASKS_PER_TARGET tasks per target: changing ones first (longest in their status
// first, so a series does not come and go), then settled ones, most recent first. Tasks beyond
// the cap get no series; dcs_migration_task_metrics_omitted_tasks{target} counts them.
// Every per-task metric has at most one series per task of that set (status: one, its current one).
// Label values are cleaned: no control or format characters, at most 128 characters.
import { Gauge, type Registry } from 'prom-client';
import type { ProgressSample } from '../../api/history';
import { isSettled } from '../../dcs/status';
import type { AuditFeed } from '../audit/audit-feed';
import type { AuditRecord } from '../audit/store';
import type { ConsoleMetrics } from '../metrics';
import type { ProgressHistory } from '../history/progress-history';
import type { ObservedTask, TaskObservations } from './observed';

export const MAX_TASKS_PER_TARGET = 2000;
/** Settled tasks keep their series this long after the console saw them settle. */
export const SETTLED_TASK_WINDOW_MS = 60 * 60 * 1000;
/** Stop requests remembered (the oldest forgotten first): far more than the exported tasks. */
export const MAX_STOP_REQUESTS = 10_000;
export const MAX_LABEL_CHARS = 128;
/** The status label of a task the cloud gave no status for. */
export const UNKNOWN_STATUS_LABEL = 'unknown';
/** Audit actions that ask the cloud to stop a task. */
const STOP_ACTIONS: ReadonlySet<string> = new Set(['stop', 'batch-stop', 'caught-up-stop']);

const TASK_LABELS = ['target', 'task_id', 'task_name'] as const;
type TaskLabels = Record<(typeof TASK_LABELS)[number], string>;

export interface TaskMetricsOptions {
  observations: TaskObservations;
  history: ProgressHistory;
  auditFeed: AuditFeed;
  /** The configured target ids. */
  targets: () => readonly string[];
  /** The app's clock (the observer's statusSinceMs is on it). */
  now: () => number;
  maxTasksPerTarget?: number;
}

interface Exported {
  labels: TaskLabels;
  task: ObservedTask;
  sample: ProgressSample | undefined;
  stopRequestedS: number | undefined;
}

interface Snapshot {
  tasks: Exported[];
  omitted: Map<string, number>;
}

/** Invisible, control and lone-surrogate characters and line/paragraph separators, removed from label values. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** A label value safe to show and bounded in size, whatever the cloud sent. */
export function labelValue(value: string | null | undefined): string {
  const cleaned = (value ?? '').replace(UNPRINTABLE, '').trim();
  if (cleaned.length <= MAX_LABEL_CHARS) return cleaned;
  const chars = Array.from(cleaned);
  return chars.length <= MAX_LABEL_CHARS ? cleaned : `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`;
}

export class TaskMetrics {
  private readonly stopRequests = new Map<string, number>();
  /** The time of each exported task's latest sample: the next scrape reads only samples from there on. */
  private latestSampleMs = new Map<string, number>();
  private snapshot: Snapshot | null = null;
  private readonly unsubscribe: () => void;
  private readonly maxTasks: number;

  constructor(
    metrics: ConsoleMetrics,
    private readonly options: TaskMetricsOptions,
  ) {
    this.maxTasks = options.maxTasksPerTarget ?? MAX_TASKS_PER_TARGET;
    this.unsubscribe = options.auditFeed.on((records) => this.noteStops(records));
    const registers: Registry[] = [metrics.registry];
    const current = () => this.current();
    const perTask = (name: string, help: string, value: (t: Exported) => number | null | undefined) =>
      new Gauge({
        name,
        help,
        labelNames: TASK_LABELS,
        registers,
        collect() {
          this.reset();
          for (const t of current().tasks) {
            const v = value(t);
            if (v !== null && v !== undefined) this.set(t.labels, v);
          }
        },
      });

    new Gauge({
      name: 'dcs_migration_task_status',
      help: 'Always 1: the status the console last read for the task (status "unknown": the cloud gave none). Changing tasks, and settled ones for an hour.',
      labelNames: [...TASK_LABELS, 'status'] as const,
      registers,
      collect() {
        this.reset();
        for (const t of current().tasks) this.set({ ...t.labels, status: labelValue(t.task.status) || UNKNOWN_STATUS_LABEL }, 1);
      },
    });
    perTask('dcs_migration_task_offset', 'Replication offset (lag) of the latest progress sample the console holds; 0 during the full sync.', (t) => t.sample?.offset);
    perTask('dcs_migration_task_full_sync_percent', 'Full-sync progress (0-100) of the latest progress sample the console holds.', (t) => t.sample?.full_migration_progress);
    perTask('dcs_migration_task_source_keys', 'Keys in the source instance (source_dbsize) in the latest progress sample.', (t) => t.sample?.source_dbsize);
    perTask('dcs_migration_task_target_keys', 'Keys in the target instance (target_dbsize) in the latest progress sample.', (t) => t.sample?.target_dbsize);
    perTask('dcs_migration_task_progress_sample_timestamp_seconds', 'When the latest progress sample the console holds was read (the other progress gauges are that old).', (t) =>
      t.sample ? Date.parse(t.sample.at) / 1000 : undefined,
    );
    perTask('dcs_migration_task_stop_requested_timestamp_seconds', 'When a stop of the task was last requested through this console instance (stop, batch stop, or a stop-when-caught-up watch), whatever its outcome.', (t) => t.stopRequestedS);
    new Gauge({
      name: 'dcs_migration_task_metrics_omitted_tasks',
      help: `Tasks of the target with no per-task series because of the cap (${this.maxTasks} tasks per target).`,
      labelNames: ['target'] as const,
      registers,
      collect() {
        this.reset();
        for (const [target, omitted] of current().omitted) this.set({ target }, omitted);
      },
    });
  }

  /** Stops listening to the audit feed. The gauges stay registered with the app's registry. */
  close(): void {
    this.unsubscribe();
  }

  private noteStops(records: readonly AuditRecord[]): void {
    for (const record of records) {
      if (!STOP_ACTIONS.has(record.action)) continue;
      const atMs = Date.parse(record.at);
      if (!Number.isFinite(atMs)) continue;
      const k = taskKey(record.target, record.task_id);
      if ((this.stopRequests.get(k) ?? -Infinity) > atMs / 1000) continue;
      this.stopRequests.delete(k); // re-inserted last: the map forgets the least recently stopped first
      this.stopRequests.set(k, atMs / 1000);
      if (this.stopRequests.size > MAX_STOP_REQUESTS) this.stopRequests.delete(this.stopRequests.keys().next().value as string);
    }
  }

  /**
   * The task set of this scrape. prom-client starts every collect() of registry.metrics() in one
   * synchronous pass, so the first computes it and the rest reuse it; it is dropped right after.
   */
  private current(): Snapshot {
    if (this.snapshot) return this.snapshot;
    const snapshot = this.compute();
    this.snapshot = snapshot;
    queueMicrotask(() => {
      this.snapshot = null;
    });
    return snapshot;
  }

  private compute(): Snapshot {
    const nowMs = this.options.now();
    const tasks: Exported[] = [];
    const omitted = new Map<string, number>();
    const latestSampleMs = new Map<string, number>();
    for (const target of this.options.targets()) {
      const chosen = this.choose(this.options.observations.tasks(target), nowMs);
      omitted.set(target, chosen.omitted);
      const targetLabel = labelValue(target);
      for (const task of chosen.tasks) {
        const k = taskKey(target, task.taskId);
        const sample = this.latestSample(target, task.taskId, k);
        if (sample) latestSampleMs.set(k, Date.parse(sample.at));
        tasks.push({
          labels: { target: targetLabel, task_id: labelValue(task.taskId), task_name: labelValue(task.taskName) },
          task,
          sample,
          stopRequestedS: this.stopRequests.get(k),
        });
      }
    }
    this.latestSampleMs = latestSampleMs;
    return { tasks, omitted };
  }

  /** The target's exported tasks (see the cardinality rule at the top) and how many the cap left out. */
  private choose(observed: readonly ObservedTask[], nowMs: number): { tasks: ObservedTask[]; omitted: number } {
    const changing: ObservedTask[] = [];
    const settled: ObservedTask[] = [];
    for (const task of observed) {
      if (!isSettled(task.status)) changing.push(task);
      else if (nowMs - task.statusSinceMs <= SETTLED_TASK_WINDOW_MS) settled.push(task);
    }
    const eligible = changing.length + settled.length;
    if (eligible <= this.maxTasks) return { tasks: [...changing, ...settled], omitted: 0 };
    const byId = (a: ObservedTask, b: ObservedTask) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
    changing.sort((a, b) => a.statusSinceMs - b.statusSinceMs || byId(a, b));
    settled.sort((a, b) => b.statusSinceMs - a.statusSinceMs || byId(a, b));
    const tasks = [...changing, ...settled].slice(0, this.maxTasks);
    return { tasks, omitted: eligible - tasks.length };
  }

  /**
   * The task's latest sample, if the history tracks it. Reading a whole history builds every sample
   * (about 300 ms for 200 full histories), so only the samples from the one seen last scrape on are read.
   */
  private latestSample(target: string, taskId: string, k: string): ProgressSample | undefined {
    const { history } = this.options;
    if (!history.isTracked(target, taskId)) return undefined;
    const seenMs = this.latestSampleMs.get(k);
    const since = seenMs === undefined ? undefined : new Date(seenMs - 1).toISOString();
    // None from there on (pruned, forgotten, or the target now led elsewhere): the next scrape reads it all.
    return history.read(target, taskId, since).samples.at(-1);
  }
}

function taskKey(target: string, taskId: string): string {
  return `${target}\u0000${taskId}`;
}
