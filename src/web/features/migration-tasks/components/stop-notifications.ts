import { notifications } from '@mantine/notifications';
import type { MigrationTask } from '../../../../api';
import { statusLabel } from '../lib/status-display';
import { stopKey, type StopEntry } from '../lib/stop-tracker';
import { taskEndpoints } from '../lib/task-display';

export function notifyStopRequested(targetId: string, task: MigrationTask, name: string) {
  const { source, target } = taskEndpoints(task);
  notifications.show({
    id: `stop-requested-${stopKey({ targetId, taskId: task.task_id })}`,
    color: 'orange',
    title: `Stop requested — ${name} is ${task.status ?? 'in an unknown status'}`,
    message: `${source} → ${target}. Following the task until it has stopped…`,
    autoClose: 8000,
  });
}

export function notifyStopSettled(entry: StopEntry) {
  const status = entry.settledStatus;
  notifications.hide(`stop-requested-${stopKey(entry)}`);
  if (entry.lost) {
    notifications.show({
      color: 'gray',
      title: `${entry.name} can no longer be found`,
      message: 'The cloud no longer knows this task; it may have been deleted.',
      autoClose: false,
    });
    return;
  }
  notifications.show({
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
