import { Group, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { MigrationTaskStats } from '../../../../api';
import { formatNumber, toNumber } from '../../../lib/format';
import { useCurrentTarget } from '../../../lib/current-target';
import { getMigrationTaskStatsQueryOptions, STATS_POLL_MS } from '../api/get-migration-task-stats';
import { offsetReading } from '../lib/sync-state';
import { isOnlineMigration, type TaskLike } from '../lib/task-display';
import { useStopDialogT } from '../lib/english-stop-dialog';
import { StopDialogAge, type StopDialogFreshness } from './stop-dialog-freshness';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

function Figures({ stats }: { stats: MigrationTaskStats }) {
  const t = useStopDialogT();
  const percent = toNumber(stats.full_migration_progress);
  const clamped = percent === null ? null : Math.min(100, Math.max(0, percent));
  const reading = offsetReading(stats);
  const shown = (value: unknown) => formatNumber(value) ?? (value == null ? '—' : String(value));
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">{t('progressFullSync')}</Text>
        <Text size="sm" fw={600} data-testid="stop-progress-percent">
          {clamped === null ? '—' : t('percent', { value: clamped })}
        </Text>
      </Group>
      <Progress value={clamped ?? 0} aria-label={t('progressFullSync')} />
      <SimpleGrid cols={3}>
        <Figure
          label={t('progressOffset')}
          value={reading === 'value' ? shown(stats.offset) : t(reading === 'inSync' ? 'offsetInSync' : 'offsetFullSyncUnfinished')}
          testId="stop-progress-offset"
        />
        <Figure label={t('progressSourceKeys')} value={shown(stats.source_dbsize)} testId="stop-progress-source-keys" />
        <Figure label={t('progressTargetKeys')} value={shown(stats.target_dbsize)} testId="stop-progress-target-keys" />
      </SimpleGrid>
    </Stack>
  );
}

/** The latest progress of an online migration, refreshed while the dialog is open. */
export function useStopDialogStats(task: TaskLike, opened: boolean) {
  const { id: targetId } = useCurrentTarget();
  return useQuery({
    ...getMigrationTaskStatsQueryOptions({ targetId, taskId: task.task_id }, task.status),
    refetchInterval: STATS_POLL_MS,
    enabled: opened && isOnlineMigration(task),
  });
}

/** The figures of `useStopDialogStats`; nothing for a task without progress figures (backup import). */
export function StopDialogProgress({
  task,
  stats,
  freshness,
}: {
  task: TaskLike;
  stats: UseQueryResult<MigrationTaskStats>;
  /** How old the figures are ("Progress read 39 s ago"). */
  freshness?: StopDialogFreshness;
}) {
  const t = useStopDialogT();
  if (!isOnlineMigration(task)) return null;
  return (
    <Stack gap={6} data-testid="stop-dialog-progress" aria-live="polite" aria-busy={stats.isFetching}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {t('progressTitle')}
        </Text>
        {freshness && <StopDialogAge freshness={freshness} />}
      </Group>
      {stats.data ? (
        <Figures stats={stats.data} />
      ) : stats.isError ? (
        <Text size="sm" c="dimmed" role="note">
          {t('progressUnavailable')}
        </Text>
      ) : (
        <Skeleton height={56} aria-label={t('progressLoading')} />
      )}
    </Stack>
  );
}
