import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { sessionQueryKey } from '../features/session/api/get-session';
import { handleAuthError, signInSucceeded } from '../features/session/lib/sign-in';
import { isApiError } from '../lib/api-client';

/** Retry once, and only what a retry can fix: no answer at all, throttling, a gateway blip. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1 || !isApiError(error)) return false;
  return error.status === 0 || error.code === 'UPSTREAM_THROTTLED' || error.status === 502 || error.status === 503;
}

export const DEFAULT_QUERY_OPTIONS: DefaultOptions = {
  queries: {
    retry: shouldRetry,
    retryDelay: 2_000,
    staleTime: 2_000,
  },
  mutations: { retry: false },
};

const isSessionKey = (key: readonly unknown[]) => key.length === sessionQueryKey.length && key[0] === sessionQueryKey[0];

/**
 * The page's query client. Every failed query and mutation passes through the sign-in handling:
 * a 401 anywhere (the session ended) sends the browser to sign in, once.
 */
export function createQueryClient(defaultOptions: DefaultOptions = DEFAULT_QUERY_OPTIONS): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => handleAuthError(client, error, { fromSession: isSessionKey(query.queryKey) }),
      onSuccess: (_data, query) => {
        if (isSessionKey(query.queryKey)) signInSucceeded();
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => handleAuthError(client, error) }),
    defaultOptions,
  });
  return client;
}
