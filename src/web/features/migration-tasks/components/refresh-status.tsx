import { Group, Loader, Text } from '@mantine/core';
import { formatClock } from '../../../lib/format';

interface RefreshStatusProps {
  updatedAt: number;
  /** The polling interval in ms, or false when nothing polls. */
  interval: number | false;
  fetching: boolean;
  settledText?: string;
}

/** "Updated 14:03:22 · refreshing every 5 s" or "… · all tasks settled". */
export function RefreshStatus({ updatedAt, interval, fetching, settledText = 'all tasks settled' }: RefreshStatusProps) {
  if (!updatedAt) return null;
  return (
    <Group gap={6} wrap="nowrap" data-testid="refresh-status">
      <Text size="sm" c="dimmed">
        Updated {formatClock(updatedAt)} · {interval ? `refreshing every ${interval / 1000} s` : settledText}
      </Text>
      {fetching && <Loader size={12} aria-label="Refreshing" />}
    </Group>
  );
}
