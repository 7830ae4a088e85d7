import { focusManager, notifyManager, useQueries, useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { MigrationTask } from '../../../../api';
import { isSettled, statusPhase } from '../../../../api/rules';
import { isApiError } from '../../../lib/api-client';
import { DETAIL_POLL_STOPPING_MS, getMigrationTaskQueryOptions } from '../api/get-migration-task';
import { taskKeys, taskRefOfDetailKey, type TaskRef } from '../api/query-keys';
import { stopKey, useStopEntries, useStopTracker, type StopEntry, type StopTracker } from '../lib/stop-tracker';
import { notifyStopOutcomeLearned, notifyStopSettled } from './stop-notifications';

// The follower's own observers of a detail query, told from the others' by these two functions.
const POLLING = () => DETAIL_POLL_STOPPING_MS;
const NOT_POLLING = () => false as const;

/** True when an observer other than the follower's already reads the task every 2 s or sooner. */
function othersPoll(query: Query | undefined): boolean {
  if (!query) return false;
  return query.observers.some((observer) => {
    const { refetchInterval, refetchIntervalInBackground, enabled } = observer.options;
    if (refetchInterval === POLLING || refetchInterval === NOT_POLLING || !observer.hasListeners()) return false;
    if ((typeof enabled === 'function' ? enabled(query) : enabled) === false) return false;
    if (!refetchIntervalInBackground && !focusManager.isFocused()) return false; // its timer skips its reads now
    const every = typeof refetchInterval === 'function' ? refetchInterval(query) : refetchInterval;
    return typeof every === 'number' && every > 0 && every <= DETAIL_POLL_STOPPING_MS;
  });
}

/** The pending stops' refs, each with whether the follower must poll it itself ("1") or another view does ("0"). */
function pollPlan(queryClient: QueryClient, refs: readonly TaskRef[]): string {
  return refs.map((ref) => (othersPoll(queryClient.getQueryCache().find({ queryKey: taskKeys.detail(ref), exact: true })) ? '0' : '1')).join('');
}

/** One following of a task: a later stop of the same task is another. */
const followTag = (e: StopEntry) => `${stopKey(e)}@${e.unknownSince ?? e.requestedAt}`;
const firstReadAt = (e: StopEntry) => (e.unknownSince ?? e.requestedAt) + DETAIL_POLL_STOPPING_MS;
const refOf = ({ targetId, taskId }: StopEntry): TaskRef => ({ targetId, taskId });

/** The tracker's entries of a `followTag` list. */
function entriesOf(tracker: StopTracker, tags: string): StopEntry[] {
  const wanted = new Set(tags.split(','));
  return [...tracker.getSnapshot().values()].filter((e) => wanted.has(followTag(e)));
}

/**
 * Follows every task this tab stopped until it settles, then tells the operator once. A stop whose
 * answer was lost is followed until a read of the task made after the loss shows whether it was
 * applied (stopping or stopped) or not (anything else); failed reads are simply tried again.
 *
 * It runs no loop of its own: it observes each followed task's detail query (the one the task page
 * reads, one cache entry) and has TanStack Query refresh it every 2 s, the first time 2 s after the
 * stop, unless another view of the task (the task page) already polls it that often: then that
 * view's reads are the only ones, so a followed task is read once per 2 s whatever is open. Every
 * answer lands in the query cache, which it watches to settle the stop or learn its outcome. It
 * lives in the layout, so it keeps following after a target switch or a closed dialog.
 */
export function StopFollower() {
  const tracker = useStopTracker();
  const queryClient = useQueryClient();
  const entries = useStopEntries();
  const pendingKey = [...entries.values()]
    .filter((e) => e.settledAt === undefined)
    .map(followTag)
    .join(',');
  const pending = useMemo(() => entriesOf(tracker, pendingKey), [pendingKey, tracker]);

  // The first read of a followed task is one poll period after following began, as every later one:
  // right after a lost answer the cloud may not have applied the stop yet. Until then it is not observed.
  const [due, setDue] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const waiting = pending.filter((e) => !due.has(followTag(e)));
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map(firstReadAt));
    const timer = setTimeout(() => {
      const now = Date.now();
      const tags = new Set(entriesOf(tracker, pendingKey).map(followTag)); // prunes the settled
      setDue(new Set([...due, ...waiting.filter((e) => firstReadAt(e) <= now).map(followTag)].filter((tag) => tags.has(tag))));
    }, Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [pending, due, pendingKey, tracker]);
  const polled = useMemo(() => pending.filter((e) => due.has(followTag(e))).map(refOf), [pending, due]);

  // Which of them another view polls: re-read as views come and go, statuses change, the tab hides.
  const subscribe = useCallback(
    (onChange: () => void) => {
      // Batched like TanStack's own hooks: a cache event during another component's render re-renders this one after it.
      const changed = notifyManager.batchCalls(onChange);
      const unsubscribeCache = queryClient.getQueryCache().subscribe(() => changed());
      const unsubscribeFocus = focusManager.subscribe(() => changed());
      return () => {
        unsubscribeCache();
        unsubscribeFocus();
      };
    },
    [queryClient],
  );
  const plan = useSyncExternalStore(subscribe, () => pollPlan(queryClient, polled));

  useQueries({
    queries: useMemo(
      () =>
        polled.map((ref, i) => ({
          ...getMigrationTaskQueryOptions(ref),
          refetchInterval: plan[i] === '1' ? POLLING : NOT_POLLING,
          // A hidden tab still learns how its stops ended (and may say so in a system notification).
          refetchIntervalInBackground: true,
          // An answer younger than a poll period is not read again when observing begins.
          staleTime: DETAIL_POLL_STOPPING_MS - 500,
          // The answers are watched in the cache below; they need not render this component.
          notifyOnChangeProps: [],
        })),
      [polled, plan],
    ),
  });

  // Every answer about a pending stop, whoever read it, settles it or tells its outcome.
  useEffect(() => {
    if (pending.length === 0) return;
    const refs = pending.map(refOf);
    const keys = new Set(refs.map(stopKey));
    const entryOf = (ref: TaskRef): StopEntry | undefined => tracker.getSnapshot().get(stopKey(ref));
    const finish = (ref: TaskRef, outcome: { status: string | null | undefined; lost?: boolean }) => {
      if (!tracker.settle(ref, outcome)) return;
      const entry = entryOf(ref);
      if (entry && !entry.batchId) notifyStopSettled(entry); // a batch's own notification tells its end
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
    };
    const check = (ref: TaskRef) => {
      const state = queryClient.getQueryState<MigrationTask>(taskKeys.detail(ref));
      const entry = entryOf(ref);
      if (!state || !entry || entry.settledAt !== undefined) return;
      // The task is gone. Any other failed read (a cloud error, a cancelled read) is tried again at the next poll.
      if (state.status === 'error' && isApiError(state.error) && state.error.code === 'TASK_NOT_FOUND' && state.errorUpdatedAt >= entry.requestedAt) {
        finish(ref, { status: null, lost: true });
        return;
      }
      const task = state.data;
      if (!task) return;
      if (entry.outcome === 'unknown') {
        if (state.dataUpdatedAt <= (entry.unknownSince ?? 0)) return; // read before the answer was lost
        const phase = statusPhase(task.status);
        const applied = phase === 'stopping' || phase === 'stopped';
        if (tracker.learn(ref, { applied, status: task.status })) {
          const learned = entryOf(ref);
          if (learned && !learned.batchId) notifyStopOutcomeLearned(learned);
          void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
        }
        if (!applied) return;
      }
      if (isSettled(task.status)) finish(ref, { status: task.status });
    };
    refs.forEach(check);
    return queryClient.getQueryCache().subscribe((event) => {
      const ref = taskRefOfDetailKey(event.query.queryKey);
      if (event.type === 'updated' && ref && keys.has(stopKey(ref))) check(ref);
    });
  }, [pending, queryClient, tracker]);

  return null;
}
