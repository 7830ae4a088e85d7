// The session (`GET /api/session`): who the browser is, what it may do, and the CSRF token that
// api-client.ts echoes on every state-changing request. Shared by the whole page (permissions,
// header, mutations); the session feature holds its UI (gate, summary, sign-in and -out).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Session } from '../../api';
import { SHAPES } from './response-shape';
import { apiClient } from './api-client';
import { rememberCsrfToken } from './csrf-token';

export async function getSession(signal?: AbortSignal): Promise<Session> {
  const session = await apiClient.get<Session>('/api/session', SHAPES.session, { signal });
  rememberCsrfToken(session.csrf_token);
  return session;
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
