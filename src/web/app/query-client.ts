import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { sessionQueryKey } from '../lib/session';
import { handleAuthError, signInSucceeded } from '../features/session/lib/sign-in';
import { queryRetryDelay, shouldRetryQuery } from '../lib/retry-policy';

export const DEFAULT_QUERY_OPTIONS: DefaultOptions = {
  queries: {
    // At most 2 retries, only of what a retry can fix (no answer, 5xx, throttling), after the
    // answer's Retry-After or 1 s then 2 s. Polling queries keep polling after that.
    retry: shouldRetryQuery,
    retryDelay: queryRetryDelay,
    staleTime: 2_000,
  },
  mutations: { retry: false }, // a stop is never sent twice by the page
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
