import { useMutation, useQueryClient } from '@tanstack/react-query';
import { migrationTaskSchema, type MigrationTask, type MigrationTaskList } from '../../../../api';
import { apiClient, isApiError } from '../../../lib/api-client';
import { getSessionQueryOptions, sessionQueryKey } from '../../session/api/get-session';
import { taskKeys } from './query-keys';

export function stopMigrationTask({ taskId, csrfToken }: { taskId: string; csrfToken: string }): Promise<MigrationTask> {
  return apiClient.post(`/api/migration-tasks/${encodeURIComponent(taskId)}/stop`, {}, migrationTaskSchema, {
    csrfToken,
  });
}

/**
 * The stop mutation. `onStopped` runs with the task the cloud returned, even if the component
 * that asked has unmounted meanwhile.
 */
export function useStopMigrationTask({ onStopped }: { onStopped?: (task: MigrationTask) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...taskKeys.all, 'stop'],
    mutationFn: async ({ taskId }: { taskId: string }) => {
      const session = await queryClient.ensureQueryData(getSessionQueryOptions());
      return stopMigrationTask({ taskId, csrfToken: session.csrf_token });
    },
    onSuccess: (task, { taskId }) => {
      // Show what the cloud returned at once, then let polling follow the task.
      queryClient.setQueryData(taskKeys.detail(taskId), task);
      queryClient.setQueriesData<MigrationTaskList>({ queryKey: taskKeys.lists() }, (old) =>
        old
          ? { ...old, tasks: old.tasks.map((t) => (t.task_id === taskId ? { ...t, status: task.status } : t)) }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: taskKeys.stats(taskId) });
      onStopped?.(task);
    },
    onError: (error, { taskId }) => {
      // A refusal (DCS.4957), a timeout or a vanished task: fetch the task's real status again.
      void queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
      if (isApiError(error) && error.code === 'CSRF_REJECTED') {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      }
    },
  });
}
