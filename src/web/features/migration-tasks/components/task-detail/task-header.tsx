import { Anchor, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { MigrationTask } from '../../../../../api';
import { CopyId } from '../../../../components/copy-id';
import { StatusBadge } from '../status-badge';
import { StopTaskButton } from '../stop-task-button';
import { SystemNotificationsToggle } from '../system-notifications-toggle';
import { useTaskPageT } from '../../lib/english-task-page';

/** `lastStop`: shown under the status (the audit trail's last stop of the task, composed by the page). */
export function TaskHeader({ task, backTo, lastStop }: { task: MigrationTask; backTo: string; lastStop?: ReactNode }) {
  const t = useTaskPageT();
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={backTo} size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {task.task_name || t('unnamedTask')}
          </Title>
          <CopyId value={task.task_id} label={t('taskId')} />
          <StatusBadge status={task.status} testId="task-status" />
          {lastStop}
        </Stack>
        <StopTaskButton task={task} variant="page" />
      </Group>
      <SystemNotificationsToggle />
    </Stack>
  );
}
