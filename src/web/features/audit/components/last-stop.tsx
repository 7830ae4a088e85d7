import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AuditRecord } from '../../../../api';
import { RelativeTime } from '../../../components/date-time';
import { QueryFailure } from '../../../components/query-failure';
import { activityPath } from '../../../lib/paths';
import { useCan } from '../../session/hooks/use-can';
import { useLastStop } from '../api/get-audit-records';

function headline(record: AuditRecord): string {
  const code = record.upstream_error_code ?? record.error_code;
  const withCode = (text: string) => (code ? `${text} (${code})` : text);
  switch (record.outcome) {
    case 'accepted':
      return 'Stopped';
    case 'pending':
      return 'Stop requested (outcome pending)';
    case 'refused':
      return withCode('Stop refused');
    case 'failed':
      return withCode('Stop failed');
    case 'unknown':
      return 'Stop sent (outcome unknown — check the task)';
    default:
      return withCode(`Stop ${record.outcome}`);
  }
}

/**
 * The task page's "Stopped by X, 2 minutes ago: reason", from the audit trail (only for those who
 * may read it). Refreshed after every stop from this page.
 */
export function LastStop({ targetId, taskId }: { targetId: string; taskId: string }) {
  const allowed = useCan('audit:read');
  const query = useLastStop(targetId, taskId, { enabled: allowed });
  if (!allowed) return null;
  const failure = (
    <QueryFailure
      query={query}
      title="Could not read the last stop from the audit trail"
      staleTitle="Could not refresh the last stop"
      what="the last stop"
    />
  );
  const record = query.data?.records[0];
  if (!record) return failure;
  return (
    <Stack gap={4}>
      {failure}
      <Group gap="xs" wrap="wrap" align="baseline" data-testid="last-stop-line">
        <Text size="sm" data-testid="last-stop" data-outcome={record.outcome} style={{ overflowWrap: 'anywhere' }}>
          {headline(record)}
          {record.action === 'batch-stop' ? ' in a batch' : ''} by <strong>{record.user}</strong>,{' '}
          <RelativeTime value={record.at} raw={false} />
          {record.reason ? `: ${record.reason}` : ''}
        </Text>
        <Anchor component={Link} to={activityPath(new URLSearchParams({ task_id: taskId, target: targetId }))} size="xs">
          All stops of this task
        </Anchor>
      </Group>
    </Stack>
  );
}
