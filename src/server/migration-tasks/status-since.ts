// Each listed task's "last changed", from the console's own record of the statuses it read (the
// task observer, overview/task-observer.ts): the cloud keeps no such time. A task whose status the
// record has not read yet (it changed since the last scan, at most a scan interval ago) gets null.
import type { MigrationTaskList } from '../../api/migration-tasks';
import type { StatusSince } from '../overview/observed';
import { DerivedMemo } from '../upstream/derived-memo';

// Kept per (answer, version of the record): the same frozen object, and JSON text, while neither changes.
const memo = new DerivedMemo();

export function withStatusSince(list: MigrationTaskList, since: StatusSince | undefined): MigrationTaskList {
  if (!since) return list;
  return memo.get(list, String(since.version), () => ({
    ...list,
    tasks: list.tasks.map((task) => {
      const known = task.task_id ? since.of(task.task_id, task.status ?? null) : null;
      return {
        ...task,
        console_status_since: known ? new Date(known.statusSinceMs).toISOString() : null,
        console_status_change_seen: known?.changeSeen ?? false,
      };
    }),
  }));
}
