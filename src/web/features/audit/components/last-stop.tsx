import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AuditRecord } from '../../../../api';
import { CAUGHT_UP_CONSOLE_ACTOR } from '../../../../api/rules';
import { RelativeTime } from '../../../components/date-time';
import { QueryFailure } from '../../../components/query-failure';
import { rich, slot, useT, type Translate } from '../../../i18n';
import { activityPath } from '../../../lib/paths';
import { useCan } from '../../session/hooks/use-can';
import { useLastStop } from '../api/get-audit-records';
import '../lib/english';

function headline(record: AuditRecord, t: Translate<'audit'>): string {
  const code = record.upstream_error_code ?? record.error_code;
  const withCode = (text: string) => (code ? t('withCode', { text, code }) : text);
  switch (record.action) {
    case 'caught-up-schedule':
      return t('caughtUpScheduled');
    case 'caught-up-cancel':
      return record.outcome === 'failed' ? withCode(t('caughtUpGaveUp')) : t('caughtUpCancelled');
    case 'caught-up-stop':
      if (record.outcome === 'accepted') return t('stoppedWhenCaughtUp');
      break;
  }
  switch (record.outcome) {
    case 'accepted':
      return t('stopped');
    case 'pending':
      return t('stopPending');
    case 'refused':
      return withCode(t('stopRefused'));
    case 'failed':
      return withCode(t('stopFailed'));
    case 'unknown':
      return t('stopUnknown');
    default:
      return withCode(t('stopOther', { outcome: record.outcome }));
  }
}

/**
 * The task page's "Stopped by X, 2 minutes ago: reason", from the audit trail (only for those who
 * may read it). Refreshed after every stop from this page.
 */
export function LastStop({ targetId, taskId }: { targetId: string; taskId: string }) {
  const t = useT('audit');
  const allowed = useCan('audit:read');
  const query = useLastStop(targetId, taskId, { enabled: allowed });
  if (!allowed) return null;
  const failure = (
    <QueryFailure
      query={query}
      title={t('lastStopLoadFailed')}
      staleTitle={t('lastStopRefreshFailed')}
      what={t('lastStopWhat')}
    />
  );
  const record = query.data?.records[0];
  if (!record) return failure;
  const line = t(record.action === 'batch-stop' ? 'lastStopBatch' : 'lastStop', {
    headline: headline(record, t),
    user: slot('user'),
    time: slot('time'),
  });
  const user = record.user === CAUGHT_UP_CONSOLE_ACTOR ? t('consoleActor') : record.user;
  return (
    <Stack gap={4}>
      {failure}
      <Group gap="xs" wrap="wrap" align="baseline" data-testid="last-stop-line">
        <Text size="sm" data-testid="last-stop" data-outcome={record.outcome} style={{ overflowWrap: 'anywhere' }}>
          {rich(line, { user: <strong>{user}</strong>, time: <RelativeTime value={record.at} raw={false} /> })}
          {record.reason &&
            rich(t('reasonSuffix', { reason: slot('reason') }), {
              reason: <span data-testid="last-stop-reason">{record.reason}</span>,
            })}
        </Text>
        <Anchor component={Link} to={activityPath(new URLSearchParams({ task_id: taskId, target: targetId }))} size="xs">
          {t('allStops')}
        </Anchor>
      </Group>
    </Stack>
  );
}
