// Which of a target's tasks need attention, and why (the kinds and their rules: src/api/rules/overview.ts).
// Pure: the route gathers the observed tasks, progress samples and watches; these functions decide.
import type { CaughtUpWatch } from '../../api/caught-up';
import type { ProgressSample } from '../../api/history';
import {
  ATTENTION_KINDS,
  OVERVIEW_FAILED_WINDOW_H,
  OVERVIEW_LAG_RISING_SAMPLES,
  OVERVIEW_STOPPING_LONG_MIN,
  type AttentionItem,
} from '../../api/overview';
import { isIncrementalSync, statusPhase } from '../../dcs/status';
import type { ObservedTask } from './observed';

const FAILED_WINDOW_MS = OVERVIEW_FAILED_WINDOW_H * 60 * 60 * 1000;
const STOPPING_LONG_MS = OVERVIEW_STOPPING_LONG_MIN * 60 * 1000;

export type LagSample = Pick<ProgressSample, 'at' | 'status' | 'offset'>;
export type WatchSummary = Pick<CaughtUpWatch, 'task_id' | 'state' | 'created_at' | 'last_poll'>;

export interface AttentionInput {
  tasks: readonly ObservedTask[];
  nowMs: number;
  /** Progress samples, oldest first, of the tasks the history tracks (others absent), by task id. */
  samples: ReadonlyMap<string, readonly LagSample[]>;
  /** The target's active stop-when-caught-up watches (those not waiting are ignored). */
  watches: readonly WatchSummary[];
}

/** FAILED or MIGRATION_FAILED, first read so within OVERVIEW_FAILED_WINDOW_H. */
export function failedRecently(task: ObservedTask, nowMs: number): boolean {
  return statusPhase(task.status) === 'failed' && nowMs - task.statusSinceMs <= FAILED_WINDOW_MS;
}

/** TERMINATING for longer than OVERVIEW_STOPPING_LONG_MIN. */
export function stoppingLong(task: ObservedTask, nowMs: number): boolean {
  return statusPhase(task.status) === 'stopping' && nowMs - task.statusSinceMs > STOPPING_LONG_MS;
}

/** Only in incremental sync does the offset mean lag (in the full sync the cloud reports 0). */
export function mayLag(task: ObservedTask): boolean {
  return isIncrementalSync(task.status);
}

/**
 * The latest OVERVIEW_LAG_RISING_SAMPLES samples when each offset is strictly higher than the one
 * before; null otherwise (too few, a missing offset, or a sample taken outside incremental sync).
 */
export function risingLag(samples: readonly LagSample[]): LagSample[] | null {
  if (samples.length < OVERVIEW_LAG_RISING_SAMPLES) return null;
  const latest = samples.slice(-OVERVIEW_LAG_RISING_SAMPLES);
  // A sample without a status was taken before any detail read: its offset is still the lag's.
  if (latest.some((s) => s.offset === null || (s.status !== null && !isIncrementalSync(s.status)))) return null;
  for (let i = 1; i < latest.length; i += 1) if (latest[i]!.offset! <= latest[i - 1]!.offset!) return null;
  return latest;
}

/** Every item of the target, kinds in ATTENTION_KINDS order, oldest first within each. */
export function attentionItems({ tasks, nowMs, samples, watches }: AttentionInput): AttentionItem[] {
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  // Sort keys made once per item: a long list may have hundreds of failed tasks.
  const keyed: { item: AttentionItem; rank: number; sinceMs: number }[] = [];
  const add = (kind: AttentionItem['kind'], task: ObservedTask, sinceMs: number, since: string | null, extra: Partial<AttentionItem> = {}) =>
    keyed.push({ item: { kind, task_id: task.taskId, task_name: task.taskName, status: task.status, since, ...extra }, rank: ATTENTION_KINDS.indexOf(kind), sinceMs });

  for (const task of tasks) {
    if (failedRecently(task, nowMs)) add('failed', task, task.statusSinceMs, iso(task.statusSinceMs));
    if (stoppingLong(task, nowMs)) add('stopping_long', task, task.statusSinceMs, iso(task.statusSinceMs));
    const rising = mayLag(task) ? risingLag(samples.get(task.taskId) ?? []) : null;
    if (rising) add('lag_rising', task, timeOf(rising.at(-1)!.at), rising.at(-1)!.at, { offsets: rising.map((s) => s.offset!) });
  }
  for (const watch of watches) {
    if (watch.state !== 'waiting') continue;
    // A watched task not in the last read (a longer list than is read, or gone) is still shown.
    const task = byId.get(watch.task_id) ?? { taskId: watch.task_id, taskName: null, status: watch.last_poll?.status ?? null, statusSinceMs: 0, changeSeen: false };
    add('watch_waiting', task, timeOf(watch.created_at), watch.created_at);
  }
  keyed.sort((a, b) => a.rank - b.rank || a.sinceMs - b.sinceMs || (a.item.task_id < b.item.task_id ? -1 : a.item.task_id > b.item.task_id ? 1 : 0));
  return keyed.map(({ item }) => item);
}

/** Items without a readable time go last in their kind. */
function timeOf(value: string): number {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
