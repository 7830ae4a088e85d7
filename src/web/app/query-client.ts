import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api-client';

/** Retry once, and only what a retry can fix: no answer at all, throttling, a gateway blip. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1 || !isApiError(error)) return false;
  return error.status === 0 || error.code === 'UPSTREAM_THROTTLED' || error.status === 502 || error.status === 503;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: 2_000,
        staleTime: 2_000,
      },
      mutations: { retry: false },
    },
  });
}
