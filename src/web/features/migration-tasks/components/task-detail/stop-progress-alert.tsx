import { Alert } from '@mantine/core';
import { formatClock } from '../../../../lib/format';
import { useCurrentTarget } from '../../../targets/lib/current-target';
import { useStopEntry } from '../../lib/stop-tracker';

/** On the task page: the stop this tab requested, followed until the task has stopped. */
export function StopProgressAlert({ taskId }: { taskId: string }) {
  const { id: targetId } = useCurrentTarget();
  const entry = useStopEntry({ targetId, taskId });
  if (!entry) return null;
  const requested = `Stop requested at ${formatClock(entry.requestedAt)}`;
  if (entry.settledAt === undefined) {
    return (
      <Alert color="orange" variant="light" data-testid="stop-progress" role="status">
        {requested}; following the task until it has stopped…
      </Alert>
    );
  }
  if (entry.lost) {
    return (
      <Alert color="gray" variant="light" data-testid="stop-progress" role="status">
        {requested}. The cloud no longer knows this task.
      </Alert>
    );
  }
  const stopped = entry.settledStatus === 'TERMINATED';
  return (
    <Alert color={stopped ? 'green' : 'yellow'} variant="light" data-testid="stop-progress" role="status">
      {requested}.{' '}
      {stopped
        ? `Stopped at ${formatClock(entry.settledAt)}.`
        : `The task settled as ${entry.settledStatus ?? 'no status'} at ${formatClock(entry.settledAt)}.`}
    </Alert>
  );
}
