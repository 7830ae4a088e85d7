// The configured targets (`GET /api/targets`): the target pages, the switcher and the activity's
// target filter and column all read them.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetList } from '../../api';
import { SHAPES } from './response-shape';
import { apiClient } from './api-client';

export function getTargets(signal?: AbortSignal): Promise<TargetList> {
  return apiClient.get<TargetList>('/api/targets', SHAPES.targets, { signal });
}

export const targetsQueryKey = ['targets'] as const;

/** The configured targets change only when the server restarts: fetch once, keep for long. */
export function getTargetsQueryOptions() {
  return queryOptions({
    queryKey: targetsQueryKey,
    queryFn: ({ signal }) => getTargets(signal),
    staleTime: 30 * 60_000,
  });
}

export function useTargets() {
  return useQuery(getTargetsQueryOptions());
}
