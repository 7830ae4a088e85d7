import { useState } from 'react';
import { canStop } from '../../../../../api/rules';
import type { Translate } from '../../../../i18n';
import { statusLabel } from '../../../../lib/status-display';
import type { StopEntry } from '../../lib/stop-tracker';
import type { TaskLike } from '../../lib/task-display';

/** Why a task cannot be selected for a batch stop, or null when it can. */
export function selectionBlockedReason(task: TaskLike, entry: StopEntry | undefined, t: Translate<'batch'>): string | null {
  if (entry && entry.settledAt === undefined) {
    return entry.outcome === 'unknown' ? t('blockedOutcomeUnknown') : t('blockedStopping');
  }
  if (!canStop(task.status)) return t('blockedStatus', { label: statusLabel(task.status), status: task.status || '—' });
  return null;
}

/**
 * The tasks chosen for a batch stop, kept across pages and filters (the dialog lists them all) and
 * dropped on a target switch. `fresh` rows replace what was remembered of a task, so a task that
 * stopped meanwhile leaves the selection by itself.
 */
export function useBatchSelection(targetId: string, fresh: readonly TaskLike[] | undefined, isSelectable: (task: TaskLike) => boolean) {
  const [state, setState] = useState<{ targetId: string; tasks: ReadonlyMap<string, TaskLike> }>({ targetId, tasks: new Map() });
  const remembered = state.targetId === targetId ? state.tasks : new Map<string, TaskLike>();
  const latest = new Map((fresh ?? []).map((task) => [task.task_id, task]));
  const selected = [...remembered.values()]
    .map((task) => latest.get(task.task_id) ?? task)
    .filter(isSelectable);
  const ids = new Set(selected.map((task) => task.task_id));

  const change = (tasks: readonly TaskLike[], checked: boolean) =>
    setState((current) => {
      const next = new Map(current.targetId === targetId ? current.tasks : []);
      for (const task of tasks) {
        if (checked) next.set(task.task_id, task);
        else next.delete(task.task_id);
      }
      return { targetId, tasks: next };
    });

  return {
    selected,
    ids,
    toggle: (task: TaskLike, checked: boolean) => change([task], checked),
    toggleAll: (tasks: readonly TaskLike[], checked: boolean) => change(tasks, checked),
    clear: () => setState({ targetId, tasks: new Map() }),
    remove: (taskIds: Iterable<string>) => {
      const gone = new Set(taskIds);
      change([...remembered.values()].filter((task) => gone.has(task.task_id)), false);
    },
  };
}
