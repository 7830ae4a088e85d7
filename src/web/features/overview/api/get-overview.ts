// `GET /api/overview`: every target at a glance (src/api/overview.ts), polled as often as the
// console reads the targets.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Overview } from '../../../../api';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../../../api/rules';
import { apiClient } from '../../../lib/api-client';
import { SHAPES } from '../../../lib/response-shape';
import { overviewKeys } from './query-keys';

export function getOverview(signal?: AbortSignal): Promise<Overview> {
  return apiClient.get<Overview>('/api/overview', SHAPES.overview, { signal });
}

/**
 * As often as the console reads the targets (its answer says how often): reading more often shows
 * nothing new. Before the first answer, the contract's default. Like every poll of the app, it
 * pauses while the tab is in the background (TanStack Query's default).
 */
export function overviewRefetchInterval(data: Overview | undefined): number {
  const seconds = data?.scan_interval_s;
  return (typeof seconds === 'number' && seconds > 0 ? seconds : OVERVIEW_SCAN_INTERVAL_S) * 1000;
}

export function getOverviewQueryOptions() {
  return queryOptions({
    queryKey: overviewKeys.all,
    queryFn: ({ signal }) => getOverview(signal),
    refetchInterval: (query) => overviewRefetchInterval(query.state.data),
  });
}

export function useOverview() {
  return useQuery(getOverviewQueryOptions());
}
