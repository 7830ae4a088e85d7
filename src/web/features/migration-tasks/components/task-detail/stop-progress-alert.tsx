import { Alert, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { statusPhase } from '../../../../../api/rules';
import { useT } from '../../../../i18n';
import { formatClock } from '../../../../lib/format';
import { useCurrentTarget } from '../../../../lib/current-target';
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
  const t = useT('stop');
  const { id: targetId } = useCurrentTarget();
  const entry = useStopEntry({ targetId, taskId });
  if (!entry) return null;
  const requested = t('requestedAt', { time: formatClock(entry.requestedAt) });
  if (entry.outcome === 'unknown' && entry.settledAt === undefined) {
    return (
      <Progress entry={entry} color="orange">
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Loader size={14} mt={3} aria-hidden />
          <div>
            <Text size="sm" fw={600}>
              {t('unknownWatchingTitle')}
            </Text>
            <Text size="sm">{t('unknownWatchingText', { requested })}</Text>
          </div>
        </Group>
      </Progress>
    );
  }
  const learned = entry.learnedAt !== undefined ? learnedOutcomeText(entry) : null;
  if (entry.outcome === 'not-applied') {
    return (
      <Progress entry={entry} color="yellow">
        {requested}. {learned}
      </Progress>
    );
  }
  if (entry.settledAt === undefined) {
    return (
      <Progress entry={entry} color="orange">
        {learned ? t('followingAfterLearned', { requested, learned }) : t('following', { requested })}
      </Progress>
    );
  }
  if (entry.lost) {
    return (
      <Progress entry={entry} color="gray">
        {requested}. {t('taskLost')}
      </Progress>
    );
  }
  const stopped = statusPhase(entry.settledStatus) === 'stopped';
  const at = formatClock(entry.settledAt);
  return (
    <Progress entry={entry} color={stopped ? 'green' : 'yellow'}>
      {requested}.{' '}
      {stopped ? t('stoppedAt', { time: at }) : t('settledAs', { status: entry.settledStatus ?? t('noStatus'), time: at })}
    </Progress>
  );
}
