import { Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { QueryFailure } from '../../components/query-failure';
import { useTargetWatches } from '../../features/migration-tasks/api/get-caught-up-watches';
import { listRefetchInterval, useMigrationTasks } from '../../features/migration-tasks/api/get-migration-tasks';
import { BatchActionBar } from '../../features/migration-tasks/components/batch-stop/batch-action-bar';
import { selectionBlockedReason, useBatchSelection } from '../../features/migration-tasks/components/batch-stop/use-batch-selection';
import { ListKeyboardHint } from '../../features/migration-tasks/components/list-keyboard-hint';
import { ListPagination } from '../../features/migration-tasks/components/list-pagination';
import { ListRefreshStatus } from '../../features/migration-tasks/components/refresh-status';
import { TaskFilters } from '../../features/migration-tasks/components/task-filters';
import { TaskListEmpty } from '../../features/migration-tasks/components/task-list-empty';
import { TaskTable } from '../../features/migration-tasks/components/task-table';
import { useListKeyboard } from '../../features/migration-tasks/hooks/use-list-keyboard';
import { hasActiveFilters, listFilters, toListParams } from '../../features/migration-tasks/lib/list-search-params';
import { stopKey, useStopEntries } from '../../features/migration-tasks/lib/stop-tracker';
import { useCan } from '../../lib/use-can';
import { useCurrentTarget } from '../../lib/current-target';
import { useT } from '../../i18n';
import { taskPath } from '../../lib/paths';
import { useSearchParamFilters } from '../../lib/search-params';

export function TaskListRoute() {
  const t = useT('list');
  const tb = useT('batch');
  const target = useCurrentTarget();
  const navigate = useNavigate();
  const location = useLocation();
  const [filters, update] = useSearchParamFilters(listFilters);
  const query = useMigrationTasks(target.id, toListParams(filters));
  const { data } = query;
  // Only incremental migrations can have a watch: no read for a list without one.
  const watches = useTargetWatches(target.id, { enabled: data?.tasks.some((task) => task.migration_method === 'incremental_migration') ?? false }).data;
  const filtered = hasActiveFilters(filters);
  const clear = () => update({ name: '', status: [] });

  const mayStop = useCan('migrationTask:stop');
  const entries = useStopEntries();
  const selection = useBatchSelection(
    target.id,
    data?.tasks,
    (task) => selectionBlockedReason(task, entries.get(stopKey({ targetId: target.id, taskId: task.task_id })), tb) === null,
  );

  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const keyboard = useListKeyboard({
    taskIds: data?.tasks.map((task) => task.task_id) ?? [],
    rowsFor: { search: filters.name, ready: data !== undefined && !query.isPlaceholderData },
    tableRef,
    searchRef,
    onOpen: (taskId) => void navigate(taskPath(target.id, taskId), { state: { listSearch: location.search } }),
  });

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        documentTitle={t('documentTitle', { target: target.label })}
        subtitle={
          data && (
            <Text c="dimmed" data-testid="task-count">
              {filtered ? t('countMatching', { count: data.count }) : t('count', { count: data.count })}
            </Text>
          )
        }
        aside={data && <ListRefreshStatus list={data} updatedAt={query.dataUpdatedAt} fetching={query.isFetching} />}
      />

      <TaskFilters
        name={filters.name}
        status={filters.status}
        sort={filters.sort}
        onNameChange={(name) => update({ name })}
        onStatusChange={(status) => update({ status })}
        onSortChange={(sort) => update({ sort })}
        onClear={filtered ? clear : undefined}
        searchRef={searchRef}
        onLeaveSearch={(to) => to === 'results' && keyboard.toResults(searchRef.current?.value.trim() ?? '')}
      />

      <QueryFailure
        query={query}
        title={t('loadFailed')}
        staleTitle={t('refreshFailed')}
        interval={data ? listRefetchInterval(data) : false}
        what={t('loadWhat')}
      />

      {mayStop && (
        <BatchActionBar
          targetId={target.id}
          selected={selection.selected}
          onClear={selection.clear}
          onSent={selection.remove}
        />
      )}

      <div ref={tableRef}>
        {query.isPending && !query.failureReason && <TaskTable tasks={undefined} loadingRows={Math.min(filters.size, 10)} />}
        {data && data.tasks.length === 0 && (
          <TaskListEmpty filtered={filtered} count={data.count} onClearFilters={clear} onFirstPage={() => update({ page: 1 })} />
        )}
        {data && data.tasks.length > 0 && (
          <TaskTable
            tasks={data.tasks}
            stale={query.isPlaceholderData}
            selection={mayStop ? { ids: selection.ids, onToggle: selection.toggle, onToggleAll: selection.toggleAll } : undefined}
            highlightedId={keyboard.highlightedId}
            onRowFocus={keyboard.setHighlightedId}
            watches={watches}
          />
        )}
      </div>
      {data && data.count > 0 && (
        <ListPagination
          count={data.count}
          page={filters.page}
          size={filters.size}
          onPageChange={(page) => update({ page })}
          onSizeChange={(size) => update({ size })}
        />
      )}
      <ListKeyboardHint />
    </Stack>
  );
}
