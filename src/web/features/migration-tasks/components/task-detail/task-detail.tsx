import { SimpleGrid, Stack, Tabs } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import type { MigrationTask } from '../../../../../api';
import { statusPhase } from '../../../../../api/rules';
import { useCurrentTarget } from '../../../../lib/current-target';
import { detailRefetchInterval } from '../../api/get-migration-task';
import { KNOWN_TASK_FIELDS, unknownFields } from '../../lib/unknown-fields';
import { CaughtUpPanel } from '../caught-up/caught-up-panel';
import { HistorySection } from '../history/history-section';
import { LogsPanel } from '../logs/logs-panel';
import { RefreshStatus } from '../refresh-status';
import { notifyTaskFailed } from '../stop-notifications';
import { BackupFilesSection } from './backup-files-section';
import { FailurePanel } from './failure-panel';
import { InstanceCard } from './instance-card';
import { NetworkSection } from './network-section';
import { OverviewSection } from './overview-section';
import { ProgressSection } from './progress-section';
import { Section } from './section';
import { StopProgressAlert } from './stop-progress-alert';
import { TaskHeader } from './task-header';
import { TimestampsSection } from './timestamps-section';
import { UnknownFieldsTable } from './unknown-fields';
import { useTaskPageT } from '../../lib/english-task-page';

export type TaskTab = 'details' | 'logs';

interface TaskDetailProps {
  task: MigrationTask;
  backTo: string;
  updatedAt: number;
  fetching: boolean;
  tab: TaskTab;
  onTabChange: (tab: TaskTab) => void;
  /** Under the status: the task's last stop, from the audit trail (the page composes it, see app/routes/task.tsx). */
  lastStop?: ReactNode;
}

/** While the page is open: a browser notification (when turned on) if the task turns to a failed status. */
function useNotifyOnFailure(task: MigrationTask) {
  const { id: targetId } = useCurrentTarget();
  const previous = useRef(statusPhase(task.status));
  useEffect(() => {
    const phase = statusPhase(task.status);
    if (phase === 'failed' && previous.current !== 'failed') notifyTaskFailed(targetId, task);
    previous.current = phase;
  }, [task, targetId]);
}

function DetailSections({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const isImport = task.migration_type === 'backupfile_import';
  const incremental = task.migration_method === 'incremental_migration' && task.migration_type === 'online_migration';
  return (
    <Stack gap="lg">
      <OverviewSection task={task} />
      <ProgressSection task={task} />
      <HistorySection task={task} />
      {incremental && <CaughtUpPanel task={task} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <InstanceCard
          title={t('sourceInstance')}
          testId="section-source-instance"
          instance={task.source_instance}
          missingText={isImport ? t('sourceMissingImport') : t('sourceMissing')}
        />
        <InstanceCard
          title={t('targetInstance')}
          testId="section-target-instance"
          instance={task.target_instance}
          missingText={t('targetMissing')}
        />
      </SimpleGrid>
      {(isImport || task.backup_files) && <BackupFilesSection task={task} />}
      <NetworkSection task={task} />
      <TimestampsSection task={task} />
      <Section title={t('otherFields')} testId="section-other-fields">
        <UnknownFieldsTable fields={unknownFields(task, KNOWN_TASK_FIELDS)} emptyText={t('otherFieldsNone')} />
      </Section>
    </Stack>
  );
}

/** The header, then tabs: every field, progress and history; or the migration log. */
export function TaskDetail({ task, backTo, updatedAt, fetching, tab, onTabChange, lastStop }: TaskDetailProps) {
  const t = useTaskPageT();
  useNotifyOnFailure(task);
  return (
    <Stack gap="lg">
      <TaskHeader task={task} backTo={backTo} lastStop={lastStop} />
      <RefreshStatus
        updatedAt={updatedAt}
        interval={detailRefetchInterval(task.status)}
        fetching={fetching}
        settledText={t('settledNotRefreshing')}
      />
      <StopProgressAlert taskId={task.task_id} />
      {tab === 'details' && <FailurePanel task={task} />}
      <Tabs value={tab} onChange={(value) => onTabChange(value === 'logs' ? 'logs' : 'details')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('tabDetails')}</Tabs.Tab>
          <Tabs.Tab value="logs">{t('tabLogs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <DetailSections task={task} />
        </Tabs.Panel>
        <Tabs.Panel value="logs" pt="md">
          <LogsPanel task={task} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
