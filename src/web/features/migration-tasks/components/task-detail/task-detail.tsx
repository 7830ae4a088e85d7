import { SimpleGrid, Stack } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { detailRefetchInterval } from '../../api/get-migration-task';
import { KNOWN_TASK_FIELDS, unknownFields } from '../../lib/unknown-fields';
import { RefreshStatus } from '../refresh-status';
import { BackupFilesSection } from './backup-files-section';
import { InstanceCard } from './instance-card';
import { NetworkSection } from './network-section';
import { OverviewSection } from './overview-section';
import { ProgressSection } from './progress-section';
import { Section } from './section';
import { StopProgressAlert } from './stop-progress-alert';
import { TaskHeader } from './task-header';
import { TimestampsSection } from './timestamps-section';
import { UnknownFieldsTable } from './unknown-fields';

interface TaskDetailProps {
  task: MigrationTask;
  backTo: string;
  updatedAt: number;
  fetching: boolean;
}

/** Sections in the order an operator reads them: what, from where to where, how far, when. */
export function TaskDetail({ task, backTo, updatedAt, fetching }: TaskDetailProps) {
  const isImport = task.migration_type === 'backupfile_import';
  return (
    <Stack gap="lg">
      <TaskHeader task={task} backTo={backTo} />
      <RefreshStatus
        updatedAt={updatedAt}
        interval={detailRefetchInterval(task.status)}
        fetching={fetching}
        settledText="task settled, not refreshing"
      />
      <StopProgressAlert taskId={task.task_id} />
      <OverviewSection task={task} />
      <ProgressSection task={task} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <InstanceCard
          title="Source instance"
          instance={task.source_instance}
          missingText={isImport ? 'A backup import reads backup files, not a source instance.' : 'The cloud sent no source instance.'}
        />
        <InstanceCard title="Target instance" instance={task.target_instance} missingText="The cloud sent no target instance." />
      </SimpleGrid>
      {(isImport || task.backup_files) && <BackupFilesSection task={task} />}
      <NetworkSection task={task} />
      <TimestampsSection task={task} />
      <Section title="Other fields from the cloud" testId="section-other-fields">
        <UnknownFieldsTable
          fields={unknownFields(task, KNOWN_TASK_FIELDS)}
          emptyText="The cloud sent no fields beyond those shown above."
        />
      </Section>
    </Stack>
  );
}
