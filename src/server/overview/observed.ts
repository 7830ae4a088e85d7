// What the task observer (task-observer.ts) knows of each target's tasks, for the slices that read
// it without calling the cloud: the overview, alerts and the task metrics. Statuses are the cloud's,
// raw (unknown values kept); "since" is when the console first read the task in that status.
import type { ApiErrorBody } from '../../api/errors';

export interface ObservedTask {
  taskId: string;
  taskName: string | null;
  status: string | null;
  /** When the console first read the task in `status` (its clock, ms). */
  statusSinceMs: number;
  /** Whether it read the task in another status before: statusSinceMs is then the change (to one scan), else only the first read. */
  changeSeen: boolean;
}

/** A task read in a status other than the one read before (or a task read for the first time after the first scan). */
export interface StatusChange {
  target: string;
  taskId: string;
  taskName: string | null;
  /** null: the task was not in the previous read (new). */
  from: string | null;
  to: string | null;
  atMs: number;
}

export type StatusChangeListener = (change: StatusChange) => void;

/** The observer as its readers see it. */
export interface TaskObservations {
  /** The target's tasks as last read; empty before the first read. */
  tasks(target: string): readonly ObservedTask[];
  /** Told of every status change seen by a scan after the target's first one (the first only learns). */
  onStatusChange(listener: StatusChangeListener): () => void;
}

/** Since when each task has its status, for the list's "last changed" (GET /api/migration-tasks). */
export interface StatusSinceSource {
  statusSince(target: string): StatusSince;
}

/** The list's view: the observer's state for one target, and a version that changes whenever it does. */
export interface StatusSince {
  /** Changes after every read that changed something: what the list derived from it is kept per version. */
  readonly version: number;
  /** The task's entry when the observer last read it in `status` (another status: it changed since, unknown when). */
  of(taskId: string, status: string | null): Pick<ObservedTask, 'statusSinceMs' | 'changeSeen'> | null;
}

/** What the observer knows of one target's list as a whole (the overview's reachability and data age). */
export interface TargetObservation {
  /** true: the last read succeeded; false: it failed (see `error`); null: not read yet. */
  reachable: boolean | null;
  /** When the list was last read successfully (the console's clock, ms); null: never. */
  readAtMs: number | null;
  /** The last read's failure, as the console's error body (request_id: the scan's id in the log); null after a success. */
  error: ApiErrorBody | null;
  /** The list is longer than the console reads: `tasks` holds only its beginning. */
  truncated: boolean;
  /** As tasks(target): kept from the last successful read when a later one fails. */
  tasks: readonly ObservedTask[];
}
