// `GET /api/stop-when-caught-up?target`: a target's active "stop when caught up" watches. Read by the
// list's rows (a badge with the countdown) and by Activity's list of armed watches (useArmedWatches,
// in stop-when-caught-up.ts); kept apart so the list does not download the task page's watch code.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaughtUpWatch, CaughtUpWatchList } from '../../../../api';
import { CAUGHT_UP_ACTIVE_STATES } from '../../../../api/rules';
import { apiClient } from '../../../lib/api-client';
import { taskKeys } from './query-keys';

/** How often an acting watch is read (the countdown is drawn locally between reads). */
export const CAUGHT_UP_REFRESH_MS = 2_000;
/** How soon a watch armed elsewhere (another tab, another operator) shows on the list. */
const NO_WATCH_REFRESH_MS = 30_000;

export function isWatchActive(watch: CaughtUpWatch | null | undefined): boolean {
  return !!watch && (CAUGHT_UP_ACTIVE_STATES as readonly string[]).includes(watch.state);
}

export const caughtUpListKey = (targetId: string) => [...taskKeys.target(targetId), 'caught-up-list'] as const;

// Checked by hand, not in SHAPES: the list's first download stays as it is.
const LIST_SHAPE = { watches: 'array' } as const;

export async function getCaughtUpWatches(targetId: string, signal?: AbortSignal): Promise<CaughtUpWatch[]> {
  const list = await apiClient.get<CaughtUpWatchList>('/api/stop-when-caught-up', LIST_SHAPE, { signal, query: { target: targetId } });
  return list.watches.filter((watch) => isWatchActive(watch));
}

export function getCaughtUpWatchesQueryOptions(targetId: string, { whenNone }: { whenNone: number | false }) {
  return queryOptions({
    queryKey: caughtUpListKey(targetId),
    queryFn: ({ signal }) => getCaughtUpWatches(targetId, signal),
    refetchInterval: (query) => ((query.state.data ?? []).length > 0 ? CAUGHT_UP_REFRESH_MS : whenNone),
  });
}

/** One target's active watches by task id, for the list's rows. */
export function useTargetWatches(targetId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    ...getCaughtUpWatchesQueryOptions(targetId, { whenNone: NO_WATCH_REFRESH_MS }),
    enabled,
    select: (watches) => new Map(watches.map((watch) => [watch.task_id, watch])),
  });
}
