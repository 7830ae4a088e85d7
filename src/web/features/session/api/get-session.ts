import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Session } from '../../../../api';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient } from '../../../lib/api-client';

export function getSession(signal?: AbortSignal): Promise<Session> {
  return apiClient.get<Session>('/api/session', SHAPES.session, { signal });
}

export const sessionQueryKey = ['session'] as const;

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });
}

export function useSession() {
  return useQuery(getSessionQueryOptions());
}
