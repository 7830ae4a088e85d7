import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { AuditRecord } from '../../../../api';
import { CAUGHT_UP_CONSOLE_ACTOR, isSettled, statusPhase } from '../../../../api/rules';
import { RelativeTime } from '../../../components/date-time';
import { QueryFailure } from '../../../components/query-failure';
import { rich, slot, type Translate } from '../../../i18n';
import { activityPath } from '../../../lib/paths';
import { useCan } from '../../../lib/use-can';
import { useLastStop } from '../api/get-audit-records';
import { useAuditT } from '../lib/english';

/**
 * An accepted stop by what the task shows now: "Stopped" once it reads TERMINATED, "Stop requested"
 * while it is still stopping, and what it ended as if it settled otherwise.
 */
function acceptedHeadline(record: AuditRecord, status: string | null | undefined, t: Translate<'audit'>): string {
  const caughtUp = record.action === 'caught-up-stop';
  if (statusPhase(status) === 'stopped') return t(caughtUp ? 'stoppedWhenCaughtUp' : 'stopped');
  if (isSettled(status)) {
    return t(caughtUp ? 'stopRequestedWhenCaughtUpEnded' : 'stopRequestedEnded', { status: status ?? '—' });
  }
  return t(caughtUp ? 'stopRequestedWhenCaughtUp' : 'stopRequested');
}

function headline(record: AuditRecord, status: string | null | undefined, t: Translate<'audit'>): string {
  const code = record.upstream_error_code ?? record.error_code;
  const withCode = (text: string) => (code ? t('withCode', { text, code }) : text);
  switch (record.action) {
    case 'caught-up-schedule':
      return t('caughtUpScheduled');
    case 'caught-up-cancel':
      return record.outcome === 'failed' ? withCode(t('caughtUpGaveUp')) : t('caughtUpCancelled');
  }
  switch (record.outcome) {
    case 'accepted':
      return acceptedHeadline(record, status, t);
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

/** Read again whenever the task's status changes: a stop from elsewhere, or by a stop-when-caught-up watch. */
function useRefetchOnStatusChange(status: string | null | undefined, refetch: () => unknown, enabled: boolean) {
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current !== status && enabled) void refetch();
    previous.current = status;
  }, [status, refetch, enabled]);
}

/**
 * The task page's "Stopped by X, 2 minutes ago: reason", from the audit trail (only for those who
 * may read it), worded by the task's current `status` ("Stop requested" until it has stopped).
 * Refreshed after every stop from this page and whenever the status changes.
 */
export function LastStop({ targetId, taskId, status }: { targetId: string; taskId: string; status: string | null | undefined }) {
  const t = useAuditT();
  const allowed = useCan('audit:read');
  const query = useLastStop(targetId, taskId, { enabled: allowed });
  useRefetchOnStatusChange(status, query.refetch, allowed);
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
    headline: headline(record, status, t),
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
