// How old what the stop dialog shows is, and whether the cloud still answers: the dialog's reads
// (the task's detail, kept fresh by the page, and its progress) hold their last answer when a read
// fails, so without this a dialog opened during an outage shows old figures as if they were current.
import { Alert, Stack, Text } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { MigrationTask, MigrationTaskStats } from '../../../../api';
import { useCurrentTarget } from '../../../lib/current-target';
import { useNow } from '../../../lib/use-now';
import { getMigrationTaskQueryOptions } from '../api/get-migration-task';
import { useStopDialogT } from '../lib/english-stop-dialog';
import type { TaskLike } from '../lib/task-display';

export interface StopDialogFreshness {
  /** When the data shown was last read (epoch ms), or null when nothing has been read yet. */
  readAt: number | null;
  /** What `readAt` refers to: the progress figures, or (without them) the task's status. */
  of: 'progress' | 'status';
  /** The latest read of the detail or the progress failed while an older answer is still shown. */
  notAnswering: boolean;
}

/**
 * The freshness of the dialog's data. The detail is observed, never fetched here: the page (or the
 * list) that opened the dialog reads it.
 */
export function useStopDialogFreshness(task: TaskLike, stats: UseQueryResult<MigrationTaskStats>): StopDialogFreshness {
  const { id: targetId } = useCurrentTarget();
  const detail: UseQueryResult<MigrationTask> = useQuery({ ...getMigrationTaskQueryOptions({ targetId, taskId: task.task_id }), enabled: false });
  const failedWithOld = (query: UseQueryResult<unknown>) => query.isError && query.data !== undefined;
  const notAnswering = failedWithOld(stats) || failedWithOld(detail);
  if (stats.data !== undefined) return { readAt: stats.dataUpdatedAt || null, of: 'progress', notAnswering };
  return { readAt: detail.data !== undefined ? detail.dataUpdatedAt || null : null, of: 'status', notAnswering };
}

/** "39 s", "3 min": how long ago `readAt` was, at `now`. */
export function useAgeText(readAt: number | null): string | null {
  const t = useStopDialogT();
  const now = useNow(1000);
  if (readAt === null) return null;
  const seconds = Math.max(0, Math.floor((now - readAt) / 1000));
  return seconds < 60 ? t('ageSeconds', { seconds }) : t('ageMinutes', { minutes: Math.floor(seconds / 60) });
}

/** "Progress read 39 s ago", under the progress title (or the status line for a task without progress). */
export function StopDialogAge({ freshness }: { freshness: StopDialogFreshness }) {
  const t = useStopDialogT();
  const age = useAgeText(freshness.readAt);
  if (age === null) return null;
  return (
    <Text size="xs" c={freshness.notAnswering ? 'var(--mantine-color-error)' : 'dimmed'} data-testid="stop-data-age">
      {t(freshness.of === 'progress' ? 'progressReadAgo' : 'statusReadAgo', { age })}
    </Text>
  );
}

/** The cloud stopped answering while the dialog shows older data: said plainly; Stop stays possible. */
export function CloudNotAnswering({ freshness }: { freshness: StopDialogFreshness }) {
  const t = useStopDialogT();
  const age = useAgeText(freshness.readAt);
  if (!freshness.notAnswering) return null;
  return (
    <Alert color="red" variant="light" title={t('notAnsweringTitle')} role="alert" data-testid="stop-cloud-not-answering">
      <Stack gap={6}>
        {age !== null && <Text size="sm">{t('notAnsweringText', { age })}</Text>}
        <Text size="sm" fw={600}>
          {t('notAnsweringStop')}
        </Text>
      </Stack>
    </Alert>
  );
}
