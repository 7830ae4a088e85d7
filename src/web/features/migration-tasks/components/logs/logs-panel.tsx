import { Badge, Button, Group, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { MigrationLog, MigrationTask } from '../../../../../api';
import { isChanging, LOG_LEVELS } from '../../../../../api/rules';
import { RelativeTime } from '../../../../components/date-time';
import { QueryFailure } from '../../../../components/query-failure';
import { useCurrentTarget } from '../../../../lib/current-target';
import { LOGS_FOLLOW_MS, useTaskLogs } from '../../api/get-task-logs';
import { RefreshStatus } from '../refresh-status';
import { Section } from '../task-detail/section';
import { useTaskPageT } from '../../lib/english-task-page';

type Level = (typeof LOG_LEVELS)[number];

/** The level filter lives in the URL (?level=INFO|ERROR); anything else means all levels. */
export function readLevel(params: URLSearchParams): Level | undefined {
  const level = params.get('level');
  return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as Level) : undefined;
}

function LevelBadge({ level }: { level: string | null | undefined }) {
  const color = level === 'ERROR' ? 'red' : level === 'INFO' ? 'blue' : 'gray';
  return (
    <Badge color={color} variant="light" size="sm">
      {level || '—'}
    </Badge>
  );
}

function LogTable({ logs }: { logs: MigrationLog[] }) {
  const t = useTaskPageT();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder data-testid="logs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('logsTime')}</Table.Th>
            <Table.Th scope="col">{t('logsLevel')}</Table.Th>
            <Table.Th scope="col">{t('logsMessage')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {logs.map((log, i) => (
            <Table.Tr key={`${log.created_at ?? ''}-${i}`} data-testid="log-row" data-level={log.log_level ?? ''}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RelativeTime value={log.created_at} size="sm" />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={log.log_level} />
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm">{log.message || '—'}</Text>
                {log.log_code && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {log.log_code}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The task's migration log: newest first, filtered by level, followed while the task runs. */
export function LogsPanel({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const { id: targetId } = useCurrentTarget();
  const [params, setParams] = useSearchParams();
  const level = readLevel(params);
  const running = isChanging(task.status);
  const [paused, setPaused] = useState(false);
  const follow = running && !paused;
  const query = useTaskLogs({ targetId, taskId: task.task_id }, level, follow);
  const logs = query.data?.pages.flatMap((page) => page.logs) ?? [];
  const total = query.data?.pages.at(-1)?.count ?? 0;

  const setLevel = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete('level');
    else next.set('level', value);
    setParams(next, { replace: true });
  };

  return (
    <Section title={t('logsTitle')} testId="section-logs">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('logsLevelFilter')}
          value={level ?? 'all'}
          onChange={setLevel}
          data={[
            { value: 'all', label: t('logsLevelAll') },
            { value: 'INFO', label: 'INFO' },
            { value: 'ERROR', label: 'ERROR' },
          ]}
        />
        {running && (
          <Button size="compact-sm" variant="default" aria-pressed={paused} onClick={() => setPaused((p) => !p)} data-testid="logs-follow">
            {paused ? t('logsResume') : t('logsPause')}
          </Button>
        )}
      </Group>
      <RefreshStatus
        updatedAt={query.dataUpdatedAt}
        interval={follow ? LOGS_FOLLOW_MS : false}
        fetching={query.isFetching}
        settledText={running ? t('logsPausedText') : t('logsSettledText')}
      />
      <QueryFailure
        query={query}
        title={t('logsLoadFailed')}
        staleTitle={t('logsRefreshFailed')}
        interval={follow ? LOGS_FOLLOW_MS : false}
        what={t('logsWhat')}
      />
      {query.data ? (
        logs.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="logs-empty">
            {level ? t('logsEmptyLevel', { level }) : t('logsEmpty')}
          </Text>
        ) : (
          <Stack gap="sm">
            <LogTable logs={logs} />
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('logsShown', { count: logs.length, total })}
              </Text>
              {query.hasNextPage && (
                <Button size="compact-sm" variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {t('logsLoadMore')}
                </Button>
              )}
            </Group>
          </Stack>
        )
      ) : (
        !query.isError && <Skeleton height={120} aria-label={t('logsLoading')} />
      )}
    </Section>
  );
}
