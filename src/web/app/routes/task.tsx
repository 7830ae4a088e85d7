import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router-dom';
import { isTaskId } from '../../../api/rules';
import { QueryFailure } from '../../components/query-failure';
import { LoadingState } from '../../components/states';
import { detailRefetchInterval, useMigrationTask } from '../../features/migration-tasks/api/get-migration-task';
import { TaskDetail } from '../../features/migration-tasks/components/task-detail/task-detail';
import { TaskNotFound } from '../../features/migration-tasks/components/task-detail/task-not-found';
import { useCurrentTarget } from '../../features/targets/lib/current-target';
import { isApiError } from '../../lib/api-client';
import { listPath } from '../../lib/paths';
import { useDocumentTitle } from '../../lib/use-document-title';

function isNotFound(error: unknown): boolean {
  return isApiError(error) && (error.code === 'TASK_NOT_FOUND' || error.status === 404);
}

/** Where "back" goes: the target's list, with the filters the operator came from. */
function useBackTo(targetId: string): string {
  const state: unknown = useLocation().state;
  const search =
    state && typeof state === 'object' && 'listSearch' in state && typeof state.listSearch === 'string'
      ? state.listSearch
      : '';
  return listPath(targetId, search.startsWith('?') ? search : '');
}

export function TaskRoute() {
  const { taskId = '' } = useParams();
  const { id: targetId } = useCurrentTarget();
  const backTo = useBackTo(targetId);
  const valid = isTaskId(taskId);
  const query = useMigrationTask({ targetId, taskId }, { enabled: valid });
  useDocumentTitle(query.data ? query.data.task_name || query.data.task_id : 'Migration task');

  if (!valid) return <TaskNotFound taskId={taskId} backTo={backTo} invalid />;
  const failure = (
    <QueryFailure
      query={query}
      title="Could not load this migration task"
      staleTitle="Could not refresh this task"
      interval={query.data ? detailRefetchInterval(query.data.status) : false}
      what="this task"
    />
  );
  if (query.data) {
    return (
      <Stack gap="md">
        {query.isError && isNotFound(query.error) ? (
          <Alert color="yellow" variant="light" title="Could not refresh this task" data-testid="stale-data">
            <Text size="sm">
              The cloud no longer knows this task; it may have been deleted. Showing its last known state.
            </Text>
          </Alert>
        ) : (
          failure
        )}
        <TaskDetail task={query.data} backTo={backTo} updatedAt={query.dataUpdatedAt} fetching={query.isFetching} />
      </Stack>
    );
  }
  if (query.isError && isNotFound(query.error)) return <TaskNotFound taskId={taskId} backTo={backTo} />;
  if (query.isError || query.failureReason) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to={backTo} size="sm">
          ← All migration tasks
        </Anchor>
        {failure}
      </Stack>
    );
  }
  return <LoadingState label="Loading migration task…" />;
}
