import { Anchor, Badge, Card, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { CaughtUpWatch } from '../../../../../api';
import { isIncrementalSync } from '../../../../../api/rules';
import { RelativeTime } from '../../../../components/date-time';
import { ErrorAlert } from '../../../../components/error-alert';
import { formatNumber } from '../../../../lib/format';
import { taskPath } from '../../../../lib/paths';
import { useTargets } from '../../../../lib/targets';
import { useCan } from '../../../../lib/use-can';
import { getMigrationTaskQueryOptions } from '../../api/get-migration-task';
import { useArmedWatches } from '../../api/stop-when-caught-up';
import { useTaskPageT } from '../../lib/english-task-page';
import { caughtUpStateColor, caughtUpStateLabel } from './caught-up-text';
import { CancelWatch } from './caught-up-watch';

/** The task's name (read once, not polled); its id until the name is in. */
function TaskLink({ watch }: { watch: CaughtUpWatch }) {
  const ref = { targetId: watch.target, taskId: watch.task_id };
  const task = useQuery({ ...getMigrationTaskQueryOptions(ref), refetchInterval: false, staleTime: 60_000 }).data;
  return (
    <Anchor component={Link} to={taskPath(watch.target, watch.task_id)} size="sm" data-testid="armed-watch-task">
      {task?.task_name || watch.task_id}
    </Anchor>
  );
}

function WatchRow({ watch, targetLabel, canCancel }: { watch: CaughtUpWatch; targetLabel: string; canCancel: boolean }) {
  const t = useTaskPageT();
  const offset = isIncrementalSync(watch.last_poll?.status) ? watch.last_poll?.offset : null;
  return (
    <Table.Tr data-testid="armed-watch" data-task-id={watch.task_id} data-target={watch.target}>
      <Table.Td>{targetLabel}</Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <TaskLink watch={watch} />
          <Badge color={caughtUpStateColor(watch.state)} variant="light" size="sm">
            {caughtUpStateLabel(watch.state)}
          </Badge>
        </Stack>
      </Table.Td>
      <Table.Td>{formatNumber(watch.threshold) ?? watch.threshold}</Table.Td>
      <Table.Td data-testid="armed-watch-polls">
        {t('armedPolls', { polls: Math.min(watch.polls_in_a_row, watch.consecutive_polls), total: watch.consecutive_polls })}
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm">{offset === null || offset === undefined ? '—' : formatNumber(offset)}</Text>
          <Text size="xs" c="dimmed">
            {watch.last_poll ? <RelativeTime value={watch.last_poll.at} raw={false} /> : t('caughtUpNoPollYet')}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        {canCancel && watch.state === 'waiting' && <CancelWatch taskRef={{ targetId: watch.target, taskId: watch.task_id }} />}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Every waiting or stopping stop-when-caught-up watch of every target, for the activity page:
 * read every 2 s while any acts; operators may cancel one (the task page's confirm step).
 */
export function ArmedWatches() {
  const t = useTaskPageT();
  const titleId = useId();
  const canCancel = useCan('migrationTask:stop');
  const targets = useTargets();
  const list = targets.data?.targets ?? [];
  const queries = useArmedWatches(
    list.map((target) => target.id),
    { enabled: !!targets.data },
  );
  const labelOf = (id: string) => list.find((target) => target.id === id)?.label ?? id;
  const watches = queries.flatMap((query) => query.data ?? []);
  const pending = targets.isPending || queries.some((query) => query.isPending && !query.isError);
  const failed = targets.error ?? queries.find((query) => query.error)?.error;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={titleId} data-testid="armed-watches">
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('armedTitle')}
        </Title>
        {failed && <ErrorAlert error={failed} title={t('armedLoadFailed')} testId="armed-watches-error" />}
        {pending && !failed && <Skeleton height={32} aria-label={t('armedLoading')} />}
        {!pending && !failed && watches.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="armed-watches-empty">
            {t('armedNone')}
          </Text>
        )}
        {watches.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('armedTarget')}</Table.Th>
                  <Table.Th>{t('armedTask')}</Table.Th>
                  <Table.Th>{t('caughtUpThreshold')}</Table.Th>
                  <Table.Th>{t('caughtUpPolls')}</Table.Th>
                  <Table.Th>{t('caughtUpLastOffset')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('armedActions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {watches.map((watch) => (
                  <WatchRow key={watch.id} watch={watch} targetLabel={labelOf(watch.target)} canCancel={canCancel} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
