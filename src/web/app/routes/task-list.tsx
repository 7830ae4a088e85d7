import { Group, Stack, Text, Title } from '@mantine/core';
import { QueryFailure } from '../../components/query-failure';
import { listRefetchInterval, useMigrationTasks } from '../../features/migration-tasks/api/get-migration-tasks';
import { ListPagination } from '../../features/migration-tasks/components/list-pagination';
import { RefreshStatus } from '../../features/migration-tasks/components/refresh-status';
import { TaskFilters } from '../../features/migration-tasks/components/task-filters';
import { TaskListEmpty } from '../../features/migration-tasks/components/task-list-empty';
import { TaskTable } from '../../features/migration-tasks/components/task-table';
import { useListFilters } from '../../features/migration-tasks/hooks/use-list-filters';
import { hasActiveFilters, toListParams } from '../../features/migration-tasks/lib/list-search-params';
import { useCurrentTarget } from '../../features/targets/lib/current-target';
import { useDocumentTitle } from '../../lib/use-document-title';

export function TaskListRoute() {
  const target = useCurrentTarget();
  useDocumentTitle(`Migration tasks · ${target.label}`);
  const [filters, update] = useListFilters();
  const query = useMigrationTasks(target.id, toListParams(filters));
  const { data } = query;
  const filtered = hasActiveFilters(filters);
  const clear = () => update({ name: '', status: [] });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            Migration tasks
          </Title>
          {data && (
            <Text c="dimmed" data-testid="task-count">
              {data.count} {data.count === 1 ? 'task' : 'tasks'}
              {filtered ? ' match' : ''}
            </Text>
          )}
        </div>
        {data && (
          <RefreshStatus
            updatedAt={query.dataUpdatedAt}
            interval={listRefetchInterval(data)}
            fetching={query.isFetching}
          />
        )}
      </Group>

      <TaskFilters
        name={filters.name}
        status={filters.status}
        onNameChange={(name) => update({ name })}
        onStatusChange={(status) => update({ status })}
        onClear={filtered ? clear : undefined}
      />

      <QueryFailure
        query={query}
        title="Could not load migration tasks"
        staleTitle="Could not refresh the list"
        interval={data ? listRefetchInterval(data) : false}
        what="the tasks"
      />

      {query.isPending && !query.failureReason && <TaskTable tasks={undefined} loadingRows={Math.min(filters.size, 10)} />}
      {data && data.tasks.length === 0 && (
        <TaskListEmpty
          filtered={filtered}
          count={data.count}
          onClearFilters={clear}
          onFirstPage={() => update({ page: 1 })}
        />
      )}
      {data && data.tasks.length > 0 && <TaskTable tasks={data.tasks} stale={query.isPlaceholderData} />}
      {data && data.count > 0 && (
        <ListPagination
          count={data.count}
          page={filters.page}
          size={filters.size}
          onPageChange={(page) => update({ page })}
          onSizeChange={(size) => update({ size })}
        />
      )}
    </Stack>
  );
}
