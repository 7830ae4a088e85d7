import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isTaskId } from '../../../api/rules';
import { QueryFailure } from '../../components/query-failure';
import { LoadingState } from '../../components/states';
import { LastStop } from '../../features/audit/components/last-stop';
import { detailRefetchInterval, useMigrationTask } from '../../features/migration-tasks/api/get-migration-task';
import { TaskDetail, type TaskTab } from '../../features/migration-tasks/components/task-detail/task-detail';
import { TaskNotFound } from '../../features/migration-tasks/components/task-detail/task-not-found';
import { useCurrentTarget } from '../../lib/current-target';
import { isApiError } from '../../lib/api-client';
import { listPath, taskPath } from '../../lib/paths';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTaskPageT } from '../../features/migration-tasks/lib/english-task-page';

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

/** /targets/:targetId/tasks/:taskId (details) and …/logs: tabs are pages, so they can be linked. */
export function TaskRoute({ tab = 'details' }: { tab?: TaskTab }) {
  const t = useTaskPageT();
  const { taskId = '' } = useParams();
  const { id: targetId } = useCurrentTarget();
  const location = useLocation();
  const navigate = useNavigate();
  const backTo = useBackTo(targetId);
  const valid = isTaskId(taskId);
  const query = useMigrationTask({ targetId, taskId }, { enabled: valid });
  const name = query.data ? query.data.task_name || query.data.task_id : t('documentTitle');
  useDocumentTitle(tab === 'logs' ? t('logsDocumentTitle', { name }) : name);

  // The list's filters ride along between tabs, so "back" still returns to them.
  const changeTab = (next: TaskTab) =>
    navigate(`${taskPath(targetId, taskId)}${next === 'logs' ? '/logs' : ''}`, { state: location.state as unknown });

  if (!valid) return <TaskNotFound taskId={taskId} backTo={backTo} invalid />;
  const failure = (
    <QueryFailure
      query={query}
      title={t('loadFailed')}
      staleTitle={t('refreshFailed')}
      interval={query.data ? detailRefetchInterval(query.data.status) : false}
      what={t('loadWhat')}
    />
  );
  if (query.data) {
    return (
      <Stack gap="md">
        {query.isError && isNotFound(query.error) ? (
          <Alert color="yellow" variant="light" title={t('refreshFailed')} data-testid="stale-data">
            <Text size="sm">{t('goneKeepingLast')}</Text>
          </Alert>
        ) : (
          failure
        )}
        <TaskDetail
          task={query.data}
          backTo={backTo}
          updatedAt={query.dataUpdatedAt}
          fetching={query.isFetching}
          tab={tab}
          onTabChange={changeTab}
          lastStop={<LastStop targetId={targetId} taskId={query.data.task_id} status={query.data.status} />}
        />
      </Stack>
    );
  }
  if (query.isError && isNotFound(query.error)) return <TaskNotFound taskId={taskId} backTo={backTo} />;
  if (query.isError || query.failureReason) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to={backTo} size="sm">
          {t('backToList')}
        </Anchor>
        {failure}
      </Stack>
    );
  }
  return <LoadingState label={t('loading')} />;
}

/** The logs tab as its own route element. */
export function TaskLogsRoute() {
  return <TaskRoute tab="logs" />;
}
