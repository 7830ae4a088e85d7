import { Group, Loader, Text } from '@mantine/core';
import { useT } from '../../../i18n';
import { formatClock } from '../../../lib/format';

interface RefreshStatusProps {
  updatedAt: number;
  /** The polling interval in ms, or false when nothing polls. */
  interval: number | false;
  fetching: boolean;
  settledText?: string;
}

/** "Updated 14:03:22 · refreshing every 5 s" or "… · all tasks settled". */
export function RefreshStatus({ updatedAt, interval, fetching, settledText }: RefreshStatusProps) {
  const t = useT('list');
  if (!updatedAt) return null;
  const time = formatClock(updatedAt);
  return (
    <Group gap={6} wrap="nowrap" data-testid="refresh-status">
      <Text size="sm" c="dimmed">
        {interval
          ? t('updatedPolling', { time, seconds: interval / 1000 })
          : t('updatedSettled', { time, settled: settledText ?? t('allSettled') })}
      </Text>
      {fetching && <Loader size={12} role="img" aria-label={t('refreshing')} />}
    </Group>
  );
}
