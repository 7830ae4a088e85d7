// A target's tasks by status, with the app's status badges (unknown statuses raw).
import { Stack, Text } from '@mantine/core';
import { useId } from 'react';
import type { OverviewTarget } from '../../../../api';
import { StatusBadge } from '../../../components/status-badge';
import { formatNumber } from '../../../lib/format';
import { useOverviewT } from '../lib/english';
import { orderedCounts } from '../lib/overview-display';
import './overview.css';

/** How many tasks a target has in each status, unknown statuses shown raw. */
export function StatusCounts({ target }: { target: OverviewTarget }) {
  const t = useOverviewT();
  const labelId = useId();
  const counts = orderedCounts(target.counts);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600} id={labelId} data-testid="overview-total">
        {t('total', { count: target.total })}
      </Text>
      {counts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('noTasks')}
        </Text>
      ) : (
        <ul className="dcs-overview-list dcs-overview-counts" aria-label={t('countsLabel')}>
          {counts.map(([status, count]) => (
            <li key={status} className="dcs-overview-count" data-testid="status-count" data-status={status}>
              <StatusBadge status={status} />
              <Text span fw={700} size="sm">
                {formatNumber(count)}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {target.truncated && (
        <Text size="xs" c="dimmed" data-testid="overview-truncated">
          {t('truncated')}
        </Text>
      )}
    </Stack>
  );
}
