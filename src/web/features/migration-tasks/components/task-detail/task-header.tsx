import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { MigrationTask } from '../../../../../api';
import { CopyId } from '../../../../components/copy-id';
import { PageHeader } from '../../../../components/page-header';
import { StatusBadge } from '../../../../components/status-badge';
import { CaughtUpBadge } from '../caught-up/caught-up-badge';
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
      <PageHeader
        title={task.task_name || t('unnamedTask')}
        // The route names the tab, also while the task loads (app/routes/task.tsx).
        documentTitle={false}
        subtitle={
          <Stack gap={4} mt={4}>
            <CopyId value={task.task_id} label={t('taskId')} />
            <StatusBadge status={task.status} testId="task-status" />
            <CaughtUpBadge task={task} />
            {lastStop}
          </Stack>
        }
        aside={<StopTaskButton task={task} variant="page" />}
        align="flex-start"
      />
      <SystemNotificationsToggle />
    </Stack>
  );
}
