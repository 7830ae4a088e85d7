import { Alert, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatClock } from '../../../../lib/format';
import { useCurrentTarget } from '../../../targets/lib/current-target';
import { useStopEntry, type StopEntry } from '../../lib/stop-tracker';
import { learnedOutcomeText } from '../stop-notifications';

function Progress({ entry, color, children }: { entry: StopEntry; color: string; children: ReactNode }) {
  return (
    <Alert color={color} variant="light" data-testid="stop-progress" data-outcome={entry.outcome} role="status">
      {children}
    </Alert>
  );
}

/** On the task page: the stop this tab requested, followed until the task has stopped. */
export function StopProgressAlert({ taskId }: { taskId: string }) {
  const { id: targetId } = useCurrentTarget();
  const entry = useStopEntry({ targetId, taskId });
  if (!entry) return null;
  const requested = `Stop requested at ${formatClock(entry.requestedAt)}`;
  if (entry.outcome === 'unknown' && entry.settledAt === undefined) {
    return (
      <Progress entry={entry} color="orange">
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Loader size={14} mt={3} aria-hidden />
          <div>
            <Text size="sm" fw={600}>
              Outcome of the stop unknown — watching the task&apos;s status
            </Text>
            <Text size="sm">
              {requested}, but its answer was lost: the cloud may or may not have applied it. The console reads the
              task every 2 s until it knows. Do not stop again yet.
            </Text>
          </div>
        </Group>
      </Progress>
    );
  }
  const learned = entry.learnedAt !== undefined ? ` ${learnedOutcomeText(entry)}` : '';
  if (entry.outcome === 'not-applied') {
    return (
      <Progress entry={entry} color="yellow">
        {requested}.{learned}
      </Progress>
    );
  }
  if (entry.settledAt === undefined) {
    return (
      <Progress entry={entry} color="orange">
        {learned ? `${requested}.${learned} Following` : `${requested}; following`} the task until it has stopped…
      </Progress>
    );
  }
  if (entry.lost) {
    return (
      <Progress entry={entry} color="gray">
        {requested}. The cloud no longer knows this task.
      </Progress>
    );
  }
  const stopped = entry.settledStatus === 'TERMINATED';
  return (
    <Progress entry={entry} color={stopped ? 'green' : 'yellow'}>
      {requested}.{' '}
      {stopped
        ? `Stopped at ${formatClock(entry.settledAt)}.`
        : `The task settled as ${entry.settledStatus ?? 'no status'} at ${formatClock(entry.settledAt)}.`}
    </Progress>
  );
}
