// Tells the operator when a stop-when-caught-up watch ends (stopped, failed, cancelled), wherever
// they are in the console: the watches run server-side, the operator is usually back on the list.
// Two sources feed one "already told" record: the task page's own reads of a watch (seen through
// the query cache) and, while a watch this browser saw is active, a read of the target's active
// watches every CAUGHT_UP_LIST_POLL_MS, in background tabs too (that is when a notification matters).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CaughtUpWatch, CaughtUpWatchList, MigrationTask, MigrationTaskList } from '../../../../api';
import { translate } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import { notify } from '../../../lib/notify';
import { SHAPES } from '../../../lib/response-shape';
import { getCaughtUpWatch, isWatchActive } from '../api/stop-when-caught-up';
import { taskKeys } from '../api/query-keys';
import { caughtUpFailureText } from '../components/caught-up/caught-up-text';
import { firstTimeTold, rememberSeenTargets, seenTargets } from '../lib/caught-up-told';
import { showSystemNotification } from '../lib/system-notifications';

/**
 * 20 s: a watch polls the cloud every 5–300 s and needs several polls in a row, so an ending is
 * told at most 20 s late; the read is the console's in-memory list (no cloud call): 3 a minute.
 */
export const CAUGHT_UP_LIST_POLL_MS = 20_000;

export const caughtUpListKey = (targetId: string) => [...taskKeys.target(targetId), 'caught-up-list'] as const;

function getActiveWatches(targetId: string, signal?: AbortSignal): Promise<CaughtUpWatchList> {
  return apiClient.get<CaughtUpWatchList>('/api/stop-when-caught-up', SHAPES.caughtUpWatchList, { signal, query: { target: targetId } });
}

/** The task's name from whatever this tab has read (its page or a list page), else its id. */
function taskName(queryClient: QueryClient, watch: CaughtUpWatch): string {
  const ref = { targetId: watch.target, taskId: watch.task_id };
  const detail = queryClient.getQueryData<MigrationTask>(taskKeys.detail(ref));
  const listed = queryClient
    .getQueriesData<MigrationTaskList>({ queryKey: taskKeys.lists(watch.target) })
    .flatMap(([, list]) => list?.tasks ?? [])
    .find((task) => task.task_id === watch.task_id);
  return detail?.task_name || listed?.task_name || watch.task_id;
}

function endingText(watch: CaughtUpWatch, name: string): { title: string; message: string; color: string } {
  if (watch.state === 'done') {
    const status = watch.stop?.status_after ?? '—';
    return { title: translate('taskPage', 'caughtUpEndedDoneTitle', { name }), message: translate('taskPage', 'caughtUpEndedDoneMessage', { status }), color: 'green' };
  }
  if (watch.state === 'failed') {
    return { title: translate('taskPage', 'caughtUpEndedFailedTitle', { name }), message: caughtUpFailureText(watch.failure_code), color: 'red' };
  }
  if (watch.state === 'cancelled') {
    const user = watch.cancelled_by ?? '—';
    return { title: translate('taskPage', 'caughtUpEndedCancelledTitle', { name }), message: translate('taskPage', 'caughtUpEndedCancelledMessage', { user }), color: 'gray' };
  }
  return { title: translate('taskPage', 'caughtUpEndedOtherTitle', { name }), message: translate('taskPage', 'caughtUpEndedOtherMessage', { state: watch.state }), color: 'gray' };
}

export function tellWatchEnded(queryClient: QueryClient, watch: CaughtUpWatch) {
  if (!firstTimeTold(watch.id, watch.state)) return;
  const { title, message, color } = endingText(watch, taskName(queryClient, watch));
  showSystemNotification(title, message, `caught-up-${watch.id}`);
  if (document.visibilityState === 'visible') notify.show({ id: `caught-up-${watch.id}`, color, title, message, autoClose: false });
}

const CAUGHT_UP_KEY_KIND = taskKeys.caughtUp({ targetId: '', taskId: '' })[2];

/** The watches this tab saw active (by id), the targets to poll, and the task page's reads as a source. */
export function useCaughtUpEndings() {
  const queryClient = useQueryClient();
  const active = useRef(new Map<string, CaughtUpWatch>());
  const [targets, setTargets] = useState<string[]>(seenTargets);

  useEffect(() => {
    const seen = (watch: CaughtUpWatch) => {
      active.current.set(watch.id, watch);
      setTargets((list) => (list.includes(watch.target) ? list : [...list, watch.target]));
    };
    const fromCache = (data: unknown, queryKey: readonly unknown[]) => {
      if (queryKey[0] !== taskKeys.all[0] || queryKey[2] !== CAUGHT_UP_KEY_KIND || !data || typeof data !== 'object') return;
      const watch = data as CaughtUpWatch;
      if (isWatchActive(watch)) seen(watch);
      else if (active.current.delete(watch.id)) tellWatchEnded(queryClient, watch);
    };
    const cache = queryClient.getQueryCache();
    cache.getAll().forEach((query) => fromCache(query.state.data, query.queryKey));
    return cache.subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') fromCache(event.query.state.data, event.query.queryKey);
    });
  }, [queryClient]);

  useEffect(() => rememberSeenTargets(targets), [targets]);

  const done = (targetId: string) => setTargets((list) => list.filter((id) => id !== targetId));
  return { targets, active, done };
}

/** One target's active watches, read while this tab knows one of them is active. */
export function useActiveWatchesPoll(targetId: string, active: Map<string, CaughtUpWatch>, done: (targetId: string) => void) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: caughtUpListKey(targetId),
    queryFn: ({ signal }) => getActiveWatches(targetId, signal),
    refetchInterval: CAUGHT_UP_LIST_POLL_MS,
    refetchIntervalInBackground: true,
    // Never answered from an old read when polling resumes: a stale list would revive ended watches.
    gcTime: 0,
  });
  const data = query.data;
  useEffect(() => {
    if (!data) return;
    const listed = new Set(data.watches.map((watch) => watch.id));
    data.watches.forEach((watch) => active.set(watch.id, watch));
    const ended = [...active.values()].filter((watch) => watch.target === targetId && !listed.has(watch.id));
    ended.forEach((watch) => active.delete(watch.id));
    // A watch gone from the list has ended: its own read says how (it may have been told already).
    void Promise.all(
      ended.map((watch) =>
        getCaughtUpWatch({ targetId, taskId: watch.task_id })
          .then((latest) => {
            if (latest && latest.id === watch.id && !isWatchActive(latest)) tellWatchEnded(queryClient, latest);
          })
          .catch(() => undefined),
      ),
    ).then(() => {
      if (data.watches.length === 0) done(targetId);
    });
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
}
