// One read of a target's task list set against the one before: which tasks keep their "since", which
// changed status, which are new. Pure, so the rules are tested with plain data (list-diff.test.ts).
import type { ObservedTask, StatusChange } from './observed';

/** A list item as the cloud sent it: the cloud may send anything, so only strings are taken. */
export interface ListedTask {
  task_id?: unknown;
  task_name?: unknown;
  status?: unknown;
}

export type TaskChange = Omit<StatusChange, 'target'>;

export interface ListDiff {
  /** By task id, in list order. */
  tasks: Map<string, ObservedTask>;
  /** The changes since `previous`; none without a previous read (the first read only learns). */
  changes: TaskChange[];
}

/** What a task was last read as: the observer's last read, or the record of an earlier run. */
export type PreviousTask = Pick<ObservedTask, 'status' | 'statusSinceMs' | 'changeSeen'> & { taskName?: string | null };

/**
 * The tasks read at `atMs`: a task still in the status read before keeps its statusSinceMs; a task in
 * another status, or new, gets `atMs` (changeSeen: there was a read before). Tasks not listed any
 * more are dropped, without a change. Items without a task id cannot be followed from one read to
 * the next and are left out.
 */
export function diffList(previous: ReadonlyMap<string, PreviousTask> | null, items: readonly ListedTask[], atMs: number): ListDiff {
  const tasks = new Map<string, ObservedTask>();
  const changes: TaskChange[] = [];
  for (const item of items) {
    const taskId = textOf(item.task_id);
    if (!taskId || tasks.has(taskId)) continue;
    const taskName = textOf(item.task_name);
    const status = textOf(item.status);
    const before = previous?.get(taskId);
    if (before && before.status === status) {
      const same = before.taskName === taskName && 'taskId' in before;
      tasks.set(taskId, same ? (before as ObservedTask) : { taskId, taskName, status, statusSinceMs: before.statusSinceMs, changeSeen: before.changeSeen });
      continue;
    }
    tasks.set(taskId, { taskId, taskName, status, statusSinceMs: atMs, changeSeen: previous !== null && before !== undefined });
    if (previous) changes.push({ taskId, taskName, from: before?.status ?? null, to: status, atMs });
  }
  return { tasks, changes };
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
