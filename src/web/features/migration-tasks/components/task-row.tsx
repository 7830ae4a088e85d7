import { Anchor, Table, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import type { MigrationTaskSummary } from '../../../../api';
import { CopyId } from '../../../components/copy-id';
import { RelativeTime } from '../../../components/date-time';
import { MISSING } from '../../../lib/format';
import { taskPath } from '../../../lib/paths';
import { useCurrentTarget } from '../../targets/lib/current-target';
import { migrationMethodLabel, migrationTypeLabel, shortId, taskEndpoints } from '../lib/task-display';
import { StatusBadge } from './status-badge';
import { StopTaskButton } from './stop-task-button';

export function TaskRow({ task }: { task: MigrationTaskSummary }) {
  const location = useLocation();
  const { id: targetId } = useCurrentTarget();
  const { source, target } = taskEndpoints(task);
  return (
    <Table.Tr data-testid="task-row" data-task-id={task.task_id}>
      <Table.Td>
        <Anchor component={Link} to={taskPath(targetId, task.task_id)} state={{ listSearch: location.search }} fw={600}>
          {task.task_name || '(unnamed task)'}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <CopyId value={task.task_id} display={shortId(task.task_id)} label="Task ID" />
      </Table.Td>
      <Table.Td>
        <StatusBadge status={task.status} />
      </Table.Td>
      <Table.Td>{migrationTypeLabel(task.migration_type) ?? MISSING}</Table.Td>
      <Table.Td>{migrationMethodLabel(task.migration_method) ?? MISSING}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {source} → {target}
        </Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime value={task.created_at} size="sm" />
      </Table.Td>
      <Table.Td ta="right">
        <StopTaskButton task={task} variant="row" />
      </Table.Td>
    </Table.Tr>
  );
}
