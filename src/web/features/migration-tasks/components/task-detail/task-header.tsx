import { Anchor, Group, Stack, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { MigrationTask } from '../../../../../api';
import { CopyId } from '../../../../components/copy-id';
import { useT } from '../../../../i18n';
import { LastStop } from '../../../audit/components/last-stop';
import { useCurrentTarget } from '../../../targets/lib/current-target';
import { StatusBadge } from '../status-badge';
import { StopTaskButton } from '../stop-task-button';
import { SystemNotificationsToggle } from '../system-notifications-toggle';
import '../../lib/english-task-page';

export function TaskHeader({ task, backTo }: { task: MigrationTask; backTo: string }) {
  const t = useT('taskPage');
  const { id: targetId } = useCurrentTarget();
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
          <LastStop targetId={targetId} taskId={task.task_id} status={task.status} />
        </Stack>
        <StopTaskButton task={task} variant="page" />
      </Group>
      <SystemNotificationsToggle />
    </Stack>
  );
}
