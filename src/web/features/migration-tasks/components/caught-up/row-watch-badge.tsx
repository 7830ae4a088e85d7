import { Badge } from '@mantine/core';
import type { CaughtUpWatch } from '../../../../../api';
import { useT } from '../../../../i18n';
import { formatNumber } from '../../../../lib/format';
import { useNow } from '../../../../lib/use-now';

/**
 * On a list row while a "stop when caught up" watch acts on the task: how far it is (polls in a row
 * at or under the threshold) and a countdown to its next poll, or that it is stopping the task.
 */
export function RowWatchBadge({ watch }: { watch: CaughtUpWatch }) {
  const t = useT('list');
  const now = useNow(1000);
  const threshold = formatNumber(watch.threshold) ?? String(watch.threshold);
  let text: string;
  if (watch.state === 'stopping') text = t('watchStopping');
  else {
    const seconds = watch.next_poll_at ? Math.max(0, Math.ceil((Date.parse(watch.next_poll_at) - now) / 1000)) : null;
    const polls = Math.min(watch.polls_in_a_row, watch.consecutive_polls);
    text =
      seconds === null || Number.isNaN(seconds)
        ? t('watchWaiting', { polls, total: watch.consecutive_polls, threshold })
        : t('watchWaitingNext', { polls, total: watch.consecutive_polls, threshold, seconds });
  }
  return (
    <Badge
      size="sm"
      variant="light"
      color={watch.state === 'stopping' ? 'orange' : 'blue'}
      tt="none"
      maw="100%"
      style={{ height: 'auto', whiteSpace: 'normal' }}
      data-testid="row-watch-badge"
      data-state={watch.state}
    >
      {text}
    </Badge>
  );
}
