import { Anchor, Card, Code, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { MigrationLog, MigrationTask } from '../../../../../api';
import { statusPhase } from '../../../../../api/rules';
import { RelativeTime } from '../../../../components/date-time';
import { QueryFailure } from '../../../../components/query-failure';
import { rich, slot } from '../../../../i18n';
import { useCurrentTarget } from '../../../../lib/current-target';
import { taskPath } from '../../../../lib/paths';
import { getTaskLogsQueryOptions } from '../../api/get-task-logs';
import { useTaskPageT } from '../../lib/english-task-page';

/** How many ERROR lines the panel shows; the Logs tab has the rest. */
export const FAILURE_LINES = 3;

function ErrorLine({ log }: { log: MigrationLog }) {
  return (
    <List.Item data-testid="failure-line">
      <Stack gap={2}>
        <Group gap="xs" wrap="wrap">
          <Code>{log.log_code || '—'}</Code>
          <RelativeTime value={log.created_at} size="sm" c="dimmed" />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {log.message || '—'}
        </Text>
      </Stack>
    </List.Item>
  );
}

/**
 * At the top of a failed task (FAILED, MIGRATION_FAILED): why and when. The newest ERROR lines of
 * its log (the same query as the Logs tab filtered to ERROR, so the link opens on cached data) and
 * when the status changed (updated_at). A region with a heading, not a live alert: the failure is
 * the page's subject, not news. Renders nothing for any other status.
 */
export function FailurePanel({ task }: { task: MigrationTask }) {
  if (statusPhase(task.status) !== 'failed') return null;
  return <FailureReasons task={task} />;
}

function FailureReasons({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const headingId = useId();
  const { id: targetId } = useCurrentTarget();
  const location = useLocation();
  const query = useInfiniteQuery(getTaskLogsQueryOptions({ targetId, taskId: task.task_id }, 'ERROR', false));
  const first = query.data?.pages[0];
  const lines = first?.logs.slice(0, FAILURE_LINES) ?? [];
  const total = first?.count ?? 0;
  const logsPath = `${taskPath(targetId, task.task_id)}/logs`;
  const logsLink = (to: string, text: string) => (
    <Anchor component={Link} to={to} state={location.state as unknown} size="sm" data-testid="failure-logs-link">
      {text}
    </Anchor>
  );

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby={headingId}
      data-testid="failure-panel"
      style={{ borderColor: 'var(--mantine-color-red-filled)', borderLeftWidth: 4 }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('failureTitle')}
        </Title>
        <Text size="sm" data-testid="failure-when">
          {task.updated_at
            ? rich(t('failureStatusSince', { status: slot('status'), time: slot('time') }), {
                status: <Code>{task.status}</Code>,
                time: <RelativeTime value={task.updated_at} size="sm" />,
              })
            : rich(t('failureStatusUnknownTime', { status: slot('status') }), { status: <Code>{task.status}</Code> })}
        </Text>
        <QueryFailure query={query} title={t('failureLoadFailed')} staleTitle={t('failureLoadFailed')} interval={false} what={t('logsWhat')} />
        {first ? (
          lines.length === 0 ? (
            <Stack gap={4} data-testid="failure-empty">
              <Text size="sm">{t('failureNoErrors')}</Text>
              {logsLink(logsPath, t('failureOpenLog'))}
            </Stack>
          ) : (
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('failureLatestErrors', { count: lines.length })}
              </Text>
              <List spacing="xs" listStyleType="none" data-testid="failure-lines">
                {lines.map((log, i) => (
                  <ErrorLine key={`${log.created_at ?? ''}-${i}`} log={log} />
                ))}
              </List>
              {logsLink(
                `${logsPath}?level=ERROR`,
                total > lines.length ? t('failureMoreErrors', { count: total }) : t('failureAllInLog'),
              )}
            </Stack>
          )
        ) : (
          !query.isError && <Skeleton height={48} aria-label={t('failureLoading')} />
        )}
      </Stack>
    </Card>
  );
}
