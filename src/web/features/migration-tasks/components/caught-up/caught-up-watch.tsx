import { Badge, Button, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { CaughtUpWatch, MigrationTask, MigrationTaskStats } from '../../../../../api';
import { isIncrementalSync } from '../../../../../api/rules';
import { RelativeTime } from '../../../../components/date-time';
import { ErrorAlert } from '../../../../components/error-alert';
import { rich, slot } from '../../../../i18n';
import { formatNumber } from '../../../../lib/format';
import { useNow } from '../../../../lib/use-now';
import type { TaskRef } from '../../api/query-keys';
import { isWatchActive, useCancelCaughtUpWatch } from '../../api/stop-when-caught-up';
import {
  caughtUpErrorText,
  caughtUpFailureText,
  caughtUpStateColor,
  caughtUpStateLabel,
  fullSyncProgressText,
} from './caught-up-text';
import { useTaskPageT } from '../../lib/english-task-page';

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId} component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** An operator's name: data, shown as it is. */
function User({ name }: { name: string }) {
  return <span data-testid="caught-up-user">{name}</span>;
}

/** Seconds until the next poll, drawn every second between the 2-s reads of the watch. */
function NextPoll({ at }: { at: string | null }) {
  const t = useTaskPageT();
  const now = useNow(1000);
  if (!at) return <>—</>;
  const seconds = Math.max(0, Math.ceil((Date.parse(at) - now) / 1000));
  return <>{seconds === 0 ? t('caughtUpPollingNow') : t('caughtUpInSeconds', { count: seconds })}</>;
}

/** Cancel, after a confirm step (the task page's watch and the activity page's list of armed watches). */
export function CancelWatch({ taskRef }: { taskRef: TaskRef }) {
  const t = useTaskPageT();
  const [confirming, setConfirming] = useState(false);
  const mutation = useCancelCaughtUpWatch(taskRef);
  const errorText = mutation.error && 'code' in mutation.error ? caughtUpErrorText(String(mutation.error.code)) : null;
  return (
    <Stack gap="xs">
      {confirming ? (
        <Group gap="sm" role="group" aria-label={t('caughtUpCancelConfirmLabel')}>
          <Text size="sm">{t('caughtUpCancelQuestion')}</Text>
          <Button size="compact-sm" color="red" loading={mutation.isPending} onClick={() => mutation.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
            {t('caughtUpCancelYes')}
          </Button>
          <Button size="compact-sm" variant="default" disabled={mutation.isPending} onClick={() => setConfirming(false)} data-autofocus>
            {t('caughtUpCancelNo')}
          </Button>
        </Group>
      ) : (
        <Group>
          <Button size="compact-sm" variant="default" onClick={() => setConfirming(true)}>
            {t('caughtUpCancel')}
          </Button>
        </Group>
      )}
      {mutation.isError && (
        <ErrorAlert error={mutation.error} title={t('caughtUpCancelFailed')} testId="caught-up-cancel-error">
          {errorText && <Text size="sm">{errorText}</Text>}
        </ErrorAlert>
      )}
    </Stack>
  );
}

/** Why a waiting watch has not counted its last poll: the full sync still runs, or the offset is above the threshold. */
function WaitingReason({ watch, task, stats }: { watch: CaughtUpWatch; task: MigrationTask; stats: MigrationTaskStats | undefined }) {
  const t = useTaskPageT();
  if (watch.state !== 'waiting' || watch.last_poll?.error_code) return null;
  const status = watch.last_poll?.status ?? task.status;
  let text: string | null = null;
  if (!isIncrementalSync(status)) text = t('caughtUpWaitingFullSync', { progress: fullSyncProgressText(stats) });
  else if (watch.last_poll && !watch.last_poll.caught_up && watch.last_poll.offset !== null) {
    text = t('caughtUpWaitingAbove', {
      threshold: formatNumber(watch.threshold) ?? watch.threshold,
      offset: formatNumber(watch.last_poll.offset) ?? watch.last_poll.offset,
    });
  }
  return text && (
    <Text size="sm" data-testid="caught-up-waiting-reason">
      {text}
    </Text>
  );
}

/** How the watch ended, in one sentence. */
function Ending({ watch }: { watch: CaughtUpWatch }) {
  const t = useTaskPageT();
  if (watch.state === 'done') {
    return <Text size="sm">{t('caughtUpDoneText', { status: watch.stop?.status_after ?? '—' })}</Text>;
  }
  if (watch.state === 'cancelled') {
    return (
      <Text size="sm">
        {rich(t('caughtUpCancelledText', { user: slot('user') }), { user: <User name={watch.cancelled_by ?? '—'} /> })}
      </Text>
    );
  }
  if (watch.state === 'failed') {
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600} data-testid="caught-up-failure">
          {caughtUpFailureText(watch.failure_code)}
        </Text>
        {watch.failure_message && (
          <Text size="sm" c="dimmed">
            {watch.failure_message}
          </Text>
        )}
      </Stack>
    );
  }
  return null;
}

/** The watch as the console reports it: live while it acts, its ending once over. */
interface CaughtUpWatchViewProps {
  watch: CaughtUpWatch;
  taskRef: TaskRef;
  canAct: boolean;
  task: MigrationTask;
  stats: MigrationTaskStats | undefined;
}

export function CaughtUpWatchView({ watch, taskRef, canAct, task, stats }: CaughtUpWatchViewProps) {
  const t = useTaskPageT();
  const active = isWatchActive(watch);
  const polls = Math.min(watch.polls_in_a_row, watch.consecutive_polls);
  // During the full sync the cloud reports offset 0, which says nothing: shown as "—".
  const lastOffset = isIncrementalSync(watch.last_poll?.status) ? watch.last_poll?.offset : null;
  return (
    <Stack gap="sm" data-testid="caught-up-watch" data-state={watch.state}>
      <Group gap="sm">
        <Badge color={caughtUpStateColor(watch.state)} variant="light" data-testid="caught-up-state">
          {caughtUpStateLabel(watch.state)}
        </Badge>
        <Text size="sm" c="dimmed">
          {rich(t('caughtUpSetBy', { user: slot('user') }), { user: <User name={watch.created_by} /> })}{' '}
          <RelativeTime value={watch.created_at} raw={false} />
        </Text>
      </Group>
      <Text size="sm">
        {t('caughtUpRule', { threshold: watch.threshold, polls: watch.consecutive_polls, interval: watch.poll_interval_s })}
      </Text>
      {watch.reason && (
        <Text size="sm">
          {t('caughtUpReasonShown')} <q data-testid="caught-up-reason">{watch.reason}</q>
        </Text>
      )}
      <Stack gap={4}>
        <Text size="sm" id={`caught-up-polls-${watch.id}`}>
          {t('caughtUpPollsInARow', { count: polls, total: watch.consecutive_polls })}
        </Text>
        <Progress.Root>
          <Progress.Section
            value={(polls / Math.max(1, watch.consecutive_polls)) * 100}
            aria-labelledby={`caught-up-polls-${watch.id}`}
            color={caughtUpStateColor(watch.state)}
          />
        </Progress.Root>
        <WaitingReason watch={watch} task={task} stats={stats} />
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label={t('caughtUpLastOffset')} testId="caught-up-last-offset">
          {lastOffset === null || lastOffset === undefined ? '—' : formatNumber(lastOffset)}
        </Figure>
        <Figure label={t('caughtUpLastPoll')}>
          {watch.last_poll ? <RelativeTime value={watch.last_poll.at} raw={false} /> : t('caughtUpNoPollYet')}
        </Figure>
        {active && (
          <Figure label={t('caughtUpNextPoll')} testId="caught-up-next-poll">
            <NextPoll at={watch.next_poll_at} />
          </Figure>
        )}
      </SimpleGrid>
      {watch.last_error && active && (
        <Text size="sm" fw={600} data-testid="caught-up-last-error">
          {t('caughtUpLastError', { count: watch.consecutive_errors, code: watch.last_error.error_code ?? '—' })}
        </Text>
      )}
      <Ending watch={watch} />
      {active && canAct && <CancelWatch taskRef={taskRef} />}
    </Stack>
  );
}
