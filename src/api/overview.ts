// `GET /api/overview` → every configured target at a glance: counts by status, the tasks that need
// attention (each linked to its task page), whether the cloud answered, and how old the data is.
// Served from the console's own periodic read of each target's list (at most one scan per target
// per OVERVIEW_SCAN_INTERVAL_S, shared by every open overview); viewers may read it.
import type { ApiErrorBody } from './errors';
import type { AttentionKind } from './rules/overview';

export * from './rules/overview';

export interface AttentionItem {
  kind: AttentionKind;
  task_id: string;
  task_name: string | null;
  /** The status the cloud last returned (raw: unknown values are kept). */
  status: string | null;
  /**
   * ISO 8601 UTC. failed / stopping_long: since when the task has this status, as the console saw it
   * (its first read in that status); lag_rising: the latest sample; watch_waiting: when the watch was armed.
   */
  since: string | null;
  /** lag_rising: the offsets of the latest samples, oldest first. */
  offsets?: number[];
}

export interface OverviewTarget {
  /** The target's id, as in GET /api/targets; `/targets/<id>` lists its tasks. */
  target: string;
  label: string;
  region: string;
  /** true: the last read of the list succeeded; false: it failed (see `error`); null: not read yet. */
  reachable: boolean | null;
  /** The last read's failure, as the console's error body. */
  error: ApiErrorBody | null;
  /** When the data shown (counts, statuses) was read from the cloud; null: never. */
  read_at: string | null;
  /** Tasks in the list (all statuses). */
  total: number;
  /** Tasks per status, as the cloud returned them (unknown statuses kept), only statuses present; a task listed without a status is in `total` only. */
  counts: Record<string, number>;
  /** Oldest first within each kind, kinds in ATTENTION_KINDS order. */
  attention: AttentionItem[];
  /** The list is longer than the console reads: counts cover only its beginning. */
  truncated: boolean;
}

export interface Overview {
  /** ISO 8601 UTC: when this answer was made (the data's age is `generated_at − read_at`). */
  generated_at: string;
  /** The interval at which the console reads each target's list (OVERVIEW_SCAN_INTERVAL_S). */
  scan_interval_s: number;
  targets: OverviewTarget[];
}
