import { Group, Progress, Skeleton, Stack, Text } from '@mantine/core';
import type { MigrationTask, MigrationTaskStats } from '../../../../../api';
import { isChanging } from '../../../../../api/rules';
import { QueryFailure } from '../../../../components/query-failure';
import { FieldList } from '../../../../components/field-list';
import { formatNumber, toNumber } from '../../../../lib/format';
import { useCurrentTarget } from '../../../targets/lib/current-target';
import { STATS_POLL_MS, useMigrationTaskStats } from '../../api/get-migration-task-stats';
import { isOnlineMigration } from '../../lib/task-display';
import { RefreshStatus } from '../refresh-status';
import { Section } from './section';

function StatsView({ stats }: { stats: MigrationTaskStats }) {
  const percent = toNumber(stats.full_migration_progress);
  const clamped = percent === null ? null : Math.min(100, Math.max(0, percent));
  const lag = toNumber(stats.offset);
  const unit = (value: unknown, suffix: string) => {
    const n = formatNumber(value);
    return n === null ? (value == null ? null : String(value)) : `${n} ${suffix}`;
  };
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            Full sync
          </Text>
          <Text size="sm">{clamped === null ? '—' : `${formatNumber(clamped)}%`}</Text>
        </Group>
        <Progress value={clamped ?? 0} size="lg" aria-label="Full sync progress" striped={clamped !== null && clamped < 100} />
      </Stack>
      <FieldList
        cols={3}
        fields={[
          { label: 'Incremental lag (offset)', value: lag === 0 ? '0 (in sync)' : unit(stats.offset, '') },
          { label: 'Keys in source', value: formatNumber(stats.source_dbsize) ?? stats.source_dbsize },
          { label: 'Keys in target', value: formatNumber(stats.target_dbsize) ?? stats.target_dbsize },
          { label: 'Target operations', value: unit(stats.target_ops, 'ops/s') },
          { label: 'Target write traffic', value: unit(stats.target_input_kbps, 'KB/s') },
          {
            label: 'Actively migrating',
            value: typeof stats.is_migrating === 'boolean' ? (stats.is_migrating ? 'Yes' : 'No') : null,
          },
        ]}
      />
    </Stack>
  );
}

export function ProgressSection({ task }: { task: MigrationTask }) {
  const online = isOnlineMigration(task);
  const { id: targetId } = useCurrentTarget();
  const stats = useMigrationTaskStats({ targetId, taskId: task.task_id }, { taskStatus: task.status, enabled: online });
  const interval = isChanging(task.status) ? STATS_POLL_MS : false;
  return (
    <Section title="Progress" testId="section-progress">
      {!online ? (
        <Text size="sm" c="dimmed">
          {task.migration_type === 'backupfile_import'
            ? 'Progress is not available for backup imports.'
            : 'Progress is available for online migrations only.'}
        </Text>
      ) : (
        <Stack gap="sm">
          <QueryFailure
            query={stats}
            title="Progress could not be loaded"
            staleTitle="Progress could not be refreshed"
            interval={interval}
            what="the progress"
          />
          {stats.data ? (
            <>
              <StatsView stats={stats.data} />
              <RefreshStatus
                updatedAt={stats.dataUpdatedAt}
                interval={interval}
                fetching={stats.isFetching}
                settledText="task settled, not refreshing"
              />
            </>
          ) : (
            !stats.failureReason && !stats.isError && <Skeleton height={60} aria-label="Loading progress" />
          )}
        </Stack>
      )}
    </Section>
  );
}
