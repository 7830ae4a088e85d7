import { Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { MigrationTask } from '../../../../../api';
import { canStop } from '../../../../../api/rules';
import { QueryFailure } from '../../../../components/query-failure';
import { useQueryClient } from '@tanstack/react-query';
import { useCan } from '../../../../lib/use-can';
import { useCurrentTarget } from '../../../../lib/current-target';
import { useMigrationTaskStats } from '../../api/get-migration-task-stats';
import { taskKeys } from '../../api/query-keys';
import { CAUGHT_UP_REFRESH_MS, isWatchActive, useCaughtUpWatch } from '../../api/stop-when-caught-up';
import { Section } from '../task-detail/section';
import { CaughtUpForm } from './caught-up-form';
import { CaughtUpWatchView } from './caught-up-watch';
import { useTaskPageT } from '../../lib/english-task-page';
import { CAUGHT_UP_ANCHOR } from './caught-up-badge';

/**
 * "Stop when caught up" on the page of an incremental migration: the latest watch (everyone sees
 * it: it lives on the console), and for operators the form to set one while the task can stop.
 */
export function CaughtUpPanel({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const { id: targetId } = useCurrentTarget();
  const taskRef = { targetId, taskId: task.task_id };
  const operator = useCan('migrationTask:stop');
  const query = useCaughtUpWatch(taskRef, { enabled: true });
  // The Progress section's query (same key): the offset and full-sync progress the card explains itself with.
  const stats = useMigrationTaskStats(taskRef, { taskStatus: task.status, enabled: true }).data;
  const watch = query.data;
  const active = isWatchActive(watch);
  useRefreshTaskWhenWatchEnds(taskRef, active);

  return (
    <Section title={t('caughtUpTitle')} testId="section-caught-up" anchor={CAUGHT_UP_ANCHOR}>
      <QueryFailure
        query={query}
        title={t('caughtUpLoadFailed')}
        staleTitle={t('caughtUpRefreshFailed')}
        interval={active ? CAUGHT_UP_REFRESH_MS : false}
        what={t('caughtUpWhat')}
      />
      {query.isPending ? (
        !query.isError && <Skeleton height={48} aria-label={t('caughtUpLoading')} />
      ) : (
        <Stack gap="lg">
          {watch && <CaughtUpWatchView watch={watch} taskRef={taskRef} canAct={operator} task={task} stats={stats} />}
          {!active && operator && canStop(task.status) && <CaughtUpForm taskRef={taskRef} task={task} stats={stats} />}
          {!watch && !(operator && canStop(task.status)) && (
            <Text size="sm" c="dimmed">
              {operator ? t('caughtUpNotNow') : t('caughtUpViewerNone')}
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}

/** When the watch ends (it may have stopped the task), the task itself is read again at once. */
function useRefreshTaskWhenWatchEnds(taskRef: { targetId: string; taskId: string }, active: boolean) {
  const queryClient = useQueryClient();
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) void queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskRef) });
    wasActive.current = active;
  }, [active, queryClient, taskRef.targetId, taskRef.taskId]); // eslint-disable-line react-hooks/exhaustive-deps
}
