import { Group, Loader, Text } from '@mantine/core';
import type { MigrationTaskList } from '../../../../api';
import { useT } from '../../../i18n';
import { formatClock } from '../../../lib/format';
import { hasChangingTask, listRefetchInterval } from '../api/get-migration-tasks';

interface RefreshStatusProps {
  updatedAt: number;
  /** The polling interval in ms, or false when nothing polls. */
  interval: number | false;
  fetching: boolean;
  /** Why nothing polls (shown when `interval` is false). */
  settledText: string;
  /** Why polling is slow (shown with the interval). */
  quietText?: string;
}

/** "Updated 14:03:22 · refreshing every 5 s", "… · {quiet} · checking every 30 s" or "… · {settled}". */
export function RefreshStatus({ updatedAt, interval, fetching, settledText, quietText }: RefreshStatusProps) {
  const t = useT('list');
  if (!updatedAt) return null;
  const time = formatClock(updatedAt);
  const seconds = interval ? interval / 1000 : 0;
  return (
    <Group gap={6} wrap="nowrap" data-testid="refresh-status">
      <Text size="sm" c="dimmed">
        {!interval
          ? t('updatedSettled', { time, settled: settledText })
          : quietText
            ? t('updatedQuiet', { time, quiet: quietText, seconds })
            : t('updatedPolling', { time, seconds })}
      </Text>
      {fetching && <Loader size={12} role="img" aria-label={t('refreshing')} />}
    </Group>
  );
}

/**
 * The list's line. A settled page is still checked (tasks change outside it), and the line says
 * only what it knows: nothing on this page is changing, not that every task is settled.
 */
export function ListRefreshStatus({ list, updatedAt, fetching }: { list: MigrationTaskList; updatedAt: number; fetching: boolean }) {
  const t = useT('list');
  const quiet = t('noneChangingOnPage');
  return (
    <RefreshStatus
      updatedAt={updatedAt}
      interval={listRefetchInterval(list)}
      fetching={fetching}
      settledText={quiet}
      quietText={hasChangingTask(list) ? undefined : quiet}
    />
  );
}
