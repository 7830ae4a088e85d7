import { Skeleton, Table, VisuallyHidden } from '@mantine/core';
import type { MigrationTaskSummary } from '../../../../api';
import { TaskRow } from './task-row';

const COLUMNS = ['Name', 'Task ID', 'Status', 'Type', 'Method', 'Source → target', 'Created'];

function SkeletonRows({ rows }: { rows: number }) {
  return Array.from({ length: rows }, (_, i) => (
    <Table.Tr key={i} data-testid="task-row-skeleton">
      {COLUMNS.map((column) => (
        <Table.Td key={column}>
          <Skeleton height={14} radius="sm" />
        </Table.Td>
      ))}
      <Table.Td />
    </Table.Tr>
  ));
}

interface TaskTableProps {
  tasks: MigrationTaskSummary[] | undefined;
  loadingRows?: number;
  /** Showing the previous page's rows while the next loads. */
  stale?: boolean;
}

export function TaskTable({ tasks, loadingRows = 5, stale }: TaskTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="sm"
        aria-busy={!tasks || stale ? true : undefined}
        style={{ opacity: stale ? 0.6 : 1 }}
      >
        <VisuallyHidden component="caption">Migration tasks</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <Table.Th key={column} scope="col">
                {column}
              </Table.Th>
            ))}
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks ? tasks.map((task) => <TaskRow key={task.task_id} task={task} />) : <SkeletonRows rows={loadingRows} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
