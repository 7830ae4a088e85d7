import { Group, Progress, Skeleton, Stack, Text } from '@mantine/core';
import type { MigrationTask, MigrationTaskStats } from '../../../../../api';
import { isChanging, statusPhase, type StatusPhase } from '../../../../../api/rules';
import { ExactTime } from '../../../../components/date-time';
import { rich, slot } from '../../../../i18n';
import { QueryFailure } from '../../../../components/query-failure';
import { FieldList } from '../../../../components/field-list';
import { formatNumber, toNumber } from '../../../../lib/format';
import { useCurrentTarget } from '../../../../lib/current-target';
import { STATS_POLL_MS, useMigrationTaskStats } from '../../api/get-migration-task-stats';
import { offsetReading } from '../../lib/sync-state';
import { isOnlineMigration } from '../../lib/task-display';
import { RefreshStatus } from '../refresh-status';
import { Section } from './section';
import { useTaskPageT } from '../../lib/english-task-page';

const ENDED_PHASES: readonly StatusPhase[] = ['succeeded', 'failed', 'stopped', 'gone'];

/** `lastKnown`: the task no longer migrates, so the rates are its last figures, not current ones. */
function StatsView({ stats, lastKnown }: { stats: MigrationTaskStats; lastKnown: boolean }) {
  const t = useTaskPageT();
  const percent = toNumber(stats.full_migration_progress);
  const clamped = percent === null ? null : Math.min(100, Math.max(0, percent));
  const reading = offsetReading(stats);
  const unit = (value: unknown, suffix: string) => {
    const n = formatNumber(value);
    return n === null ? (value == null ? null : String(value)) : `${n} ${suffix}`.trim();
  };
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('progressFullSync')}
          </Text>
          <Text size="sm">{clamped === null ? '—' : t('percent', { value: clamped })}</Text>
        </Group>
        <Progress value={clamped ?? 0} size="lg" aria-label={t('progressFullSyncLabel')} striped={!lastKnown && clamped !== null && clamped < 100} />
      </Stack>
      <FieldList
        cols={3}
        fields={[
          {
            label: t('progressOffset'),
            value: reading === 'value' ? unit(stats.offset, '') : t(reading === 'inSync' ? 'offsetInSync' : 'offsetFullSyncUnfinished'),
          },
          { label: t('progressSourceKeys'), value: formatNumber(stats.source_dbsize) ?? stats.source_dbsize },
          { label: t('progressTargetKeys'), value: formatNumber(stats.target_dbsize) ?? stats.target_dbsize },
          { label: t(lastKnown ? 'progressOpsLastKnown' : 'progressOps'), value: unit(stats.target_ops, 'ops/s') },
          { label: t(lastKnown ? 'progressTrafficLastKnown' : 'progressTraffic'), value: unit(stats.target_input_kbps, 'KB/s') },
          {
            label: t(lastKnown ? 'progressActiveLastKnown' : 'progressActive'),
            value: typeof stats.is_migrating === 'boolean' ? (stats.is_migrating ? t('yes') : t('no')) : null,
          },
        ]}
      />
    </Stack>
  );
}

export function ProgressSection({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const online = isOnlineMigration(task);
  const { id: targetId } = useCurrentTarget();
  const stats = useMigrationTaskStats({ targetId, taskId: task.task_id }, { taskStatus: task.status, enabled: online });
  const interval = isChanging(task.status) ? STATS_POLL_MS : false;
  // No longer migrating (failed, stopped, succeeded, released): the figures are the last the cloud
  // reported, as of the status change (updated_at), or else of the fetch. Not for a task that has
  // not started (pending) nor one whose status this console does not know.
  const lastKnown = ENDED_PHASES.includes(statusPhase(task.status));
  const asOf = task.updated_at || (stats.dataUpdatedAt ? new Date(stats.dataUpdatedAt).toISOString() : null);
  return (
    <Section title={t('progress')} testId="section-progress">
      {!online ? (
        <Text size="sm" c="dimmed">
          {task.migration_type === 'backupfile_import'
            ? t('progressNoImport')
            : t('progressOnlineOnly')}
        </Text>
      ) : (
        <Stack gap="sm">
          <QueryFailure
            query={stats}
            title={t('progressLoadFailed')}
            staleTitle={t('progressRefreshFailed')}
            interval={interval}
            what={t('progressWhat')}
          />
          {stats.data ? (
            <>
              {lastKnown && (
                <Text size="sm" fw={600} data-testid="progress-last-known">
                  {rich(t('progressLastKnown', { time: slot('time') }), { time: <ExactTime value={asOf} /> })}
                </Text>
              )}
              <StatsView stats={stats.data} lastKnown={lastKnown} />
              <RefreshStatus
                updatedAt={stats.dataUpdatedAt}
                interval={interval}
                fetching={stats.isFetching}
                settledText={t('settledNotRefreshing')}
              />
            </>
          ) : (
            !stats.failureReason && !stats.isError && <Skeleton height={60} aria-label={t('progressLoading')} />
          )}
        </Stack>
      )}
    </Section>
  );
}
