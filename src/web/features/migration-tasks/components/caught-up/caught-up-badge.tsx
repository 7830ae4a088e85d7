import { Anchor, Badge } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { formatNumber } from '../../../../lib/format';
import { useCurrentTarget } from '../../../../lib/current-target';
import { isWatchActive, useCaughtUpWatch } from '../../api/stop-when-caught-up';
import { useTaskPageT } from '../../lib/english-task-page';
import { caughtUpStateColor } from './caught-up-text';

/** The id of the task page's "Stop when caught up" section, which the badge links to. */
export const CAUGHT_UP_ANCHOR = 'stop-when-caught-up';

/**
 * In the task page's header while a watch acts: "Stop when caught up: 2 of 3 polls at or under 1,000",
 * live (the panel's query, same key), linking to the panel. Nothing otherwise.
 */
export function CaughtUpBadge({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const { id: targetId } = useCurrentTarget();
  const incremental = task.migration_method === 'incremental_migration' && task.migration_type === 'online_migration';
  const watch = useCaughtUpWatch({ targetId, taskId: task.task_id }, { enabled: incremental }).data;
  if (!incremental || !watch || !isWatchActive(watch)) return null;
  const text = t('caughtUpBadge', {
    polls: Math.min(watch.polls_in_a_row, watch.consecutive_polls),
    total: watch.consecutive_polls,
    threshold: formatNumber(watch.threshold) ?? watch.threshold,
  });
  return (
    <Anchor
      href={`#${CAUGHT_UP_ANCHOR}`}
      onClick={(event) => {
        const section = document.getElementById(CAUGHT_UP_ANCHOR);
        if (!section) return;
        event.preventDefault();
        section.scrollIntoView({ behavior: 'smooth', block: 'start' });
      }}
      data-testid="caught-up-badge"
      data-state={watch.state}
      w="fit-content"
    >
      <Badge color={caughtUpStateColor(watch.state)} variant="light" tt="none" style={{ cursor: 'pointer' }}>
        {text}
      </Badge>
    </Anchor>
  );
}
