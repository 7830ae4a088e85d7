// A list read against the one before, with plain data: since is kept while the status stays, a new
// status or a new task is a change (none on the first read), a vanished task is dropped.
import { describe, expect, it } from 'vitest';
import { diffList } from './list-diff';

const T0 = Date.UTC(2026, 0, 1, 12);

describe('diffList', () => {
  it('the first read only learns: every task since the read, no change', () => {
    const { tasks, changes } = diffList(null, [{ task_id: 'a', task_name: 'A', status: 'MIGRATING' }, { task_id: 'b', status: 'SOMETHING_NEW' }], T0);
    expect([...tasks.values()]).toEqual([
      { taskId: 'a', taskName: 'A', status: 'MIGRATING', statusSinceMs: T0, changeSeen: false },
      { taskId: 'b', taskName: null, status: 'SOMETHING_NEW', statusSinceMs: T0, changeSeen: false },
    ]);
    expect(changes).toEqual([]);
  });

  it('a later read: a changed status and a new task are changes; an unchanged task keeps its since; a vanished one goes', () => {
    const first = diffList(null, [{ task_id: 'a', status: 'MIGRATING' }, { task_id: 'b', status: 'INCRMIGEATING' }, { task_id: 'gone', status: 'SUCCESS' }], T0);
    const later = diffList(first.tasks, [{ task_id: 'a', status: 'FAILED', task_name: 'A' }, { task_id: 'b', status: 'INCRMIGEATING', task_name: 'renamed' }, { task_id: 'c', status: null }], T0 + 30_000);
    expect([...later.tasks.values()]).toEqual([
      // a changed while watched: changeSeen; c is new (first read in its status): not a change seen.
      { taskId: 'a', taskName: 'A', status: 'FAILED', statusSinceMs: T0 + 30_000, changeSeen: true },
      { taskId: 'b', taskName: 'renamed', status: 'INCRMIGEATING', statusSinceMs: T0, changeSeen: false },
      { taskId: 'c', taskName: null, status: null, statusSinceMs: T0 + 30_000, changeSeen: false },
    ]);
    expect(later.changes).toEqual([
      { taskId: 'a', taskName: 'A', from: 'MIGRATING', to: 'FAILED', atMs: T0 + 30_000 },
      { taskId: 'c', taskName: null, from: null, to: null, atMs: T0 + 30_000 },
    ]);
    expect(diffList(later.tasks, [{ task_id: 'a', status: 'FAILED', task_name: 'A' }], T0 + 60_000).changes).toEqual([]);
  });

  it('what cannot be followed is left out: no id, a repeated id; values that are not strings are read as null', () => {
    const { tasks } = diffList(null, [{ status: 'MIGRATING' }, { task_id: '' }, { task_id: 7 }, { task_id: 'a', status: 'MIGRATING', task_name: 3 }, { task_id: 'a', status: 'FAILED' }, { task_id: 'b', status: { odd: true } }], T0);
    expect([...tasks.values()]).toEqual([
      { taskId: 'a', taskName: null, status: 'MIGRATING', statusSinceMs: T0, changeSeen: false },
      { taskId: 'b', taskName: null, status: null, statusSinceMs: T0, changeSeen: false },
    ]);
  });

  it('goes on from a record of an earlier run: since and changeSeen kept for a task in the same status, a status changed meanwhile is a change', () => {
    const recorded = new Map([
      ['a', { status: 'FAILED', statusSinceMs: T0 - 3_600_000, changeSeen: true }],
      ['b', { status: 'INCRMIGEATING', statusSinceMs: T0 - 7_200_000, changeSeen: false }],
    ]);
    const { tasks, changes } = diffList(recorded, [{ task_id: 'a', status: 'FAILED', task_name: 'A' }, { task_id: 'b', status: 'TERMINATED', task_name: 'B' }], T0);
    expect([...tasks.values()]).toEqual([
      { taskId: 'a', taskName: 'A', status: 'FAILED', statusSinceMs: T0 - 3_600_000, changeSeen: true },
      { taskId: 'b', taskName: 'B', status: 'TERMINATED', statusSinceMs: T0, changeSeen: true },
    ]);
    expect(changes).toEqual([{ taskId: 'b', taskName: 'B', from: 'INCRMIGEATING', to: 'TERMINATED', atMs: T0 }]);
  });
});
