import type { MigrationTask } from '../../../../api';
import { canStop } from '../../../../api/rules';
import { statusLabel } from '../lib/status-display';
import { notify } from '../../../lib/notify';
import { stopKey, type StopEntry } from '../lib/stop-tracker';
import { taskEndpoints } from '../lib/task-display';

export function notifyStopRequested(targetId: string, task: MigrationTask, name: string) {
  const { source, target } = taskEndpoints(task);
  notify.show({
    id: `stop-requested-${stopKey({ targetId, taskId: task.task_id })}`,
    color: 'orange',
    title: `Stop requested — ${name} is ${task.status ?? 'in an unknown status'}`,
    message: `${source} → ${target}. Following the task until it has stopped…`,
    autoClose: 8000,
  });
}

export function notifyStopSettled(entry: StopEntry) {
  const status = entry.settledStatus;
  notify.hide(`stop-requested-${stopKey(entry)}`);
  if (entry.lost) {
    notify.show({
      color: 'gray',
      title: `${entry.name} can no longer be found`,
      message: 'The cloud no longer knows this task; it may have been deleted.',
      autoClose: false,
    });
    return;
  }
  notify.show({
    id: `stop-settled-${stopKey(entry)}`,
    color: status === 'TERMINATED' ? 'green' : 'yellow',
    title:
      status === 'TERMINATED'
        ? `${entry.name} has stopped (TERMINATED)`
        : `${entry.name} is now ${statusLabel(status)} (${status ?? 'no status'})`,
    message: status === 'TERMINATED' ? 'The migration task has stopped.' : 'The task settled in a status other than stopped.',
    autoClose: false,
  });
}

/** What a fresh read showed after a stop whose answer was lost. */
export function learnedOutcomeText(entry: StopEntry): string {
  const status = entry.learnedStatus ?? null;
  const shown = `${statusLabel(status)} (${status ?? 'no status'})`;
  if (entry.outcome === 'applied') return `The stop took effect: the task is now ${shown}.`;
  if (canStop(status)) return `The stop was apparently not applied: the task is still ${shown}. Stop is available again.`;
  return `The stop's outcome is settled: the task is now ${shown}.`;
}

export function notifyStopOutcomeLearned(entry: StopEntry) {
  const applied = entry.outcome === 'applied';
  notify.show({
    // The id of "stop requested": a later "has stopped" replaces this one.
    id: `stop-requested-${stopKey(entry)}`,
    color: applied ? 'orange' : 'yellow',
    title: applied ? `The stop of ${entry.name} took effect` : `The stop of ${entry.name} was apparently not applied`,
    message: learnedOutcomeText(entry),
    autoClose: applied ? 8000 : false,
  });
}
