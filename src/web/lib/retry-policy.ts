// When the page tries a failed read again by itself, and how it tells the operator what it will do.
// Stops (mutations) are never retried: see app/query-client.ts.
import { translate } from '../i18n';
import { CLIENT_ERROR_CODES, isApiError } from './api-client';

/** Retries after the first failed attempt: 3 attempts in all. */
export const MAX_QUERY_RETRIES = 2;
/** A Retry-After longer than this is capped (the operator can still press Retry). */
export const MAX_RETRY_AFTER_S = 60;

/** A failure a later attempt may not meet: no answer, a 5xx (the console's upstream errors), throttling. */
export function isTransientError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return (
    error.status === 0 ||
    error.status >= 500 ||
    error.status === 429 ||
    error.code === 'UPSTREAM_THROTTLED' ||
    error.code === CLIENT_ERROR_CODES.network ||
    error.code === CLIENT_ERROR_CODES.timeout
  );
}

/** TanStack's `retry`: `failureCount` is the number of failures before this one (0 on the first). */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_QUERY_RETRIES && isTransientError(error);
}

/** TanStack's `retryDelay`: the answer's Retry-After when it gave one, else 1 s, then 2 s. */
export function queryRetryDelay(failureCount: number, error: unknown): number {
  if (isApiError(error) && error.retryAfterSeconds !== null) {
    return Math.min(error.retryAfterSeconds, MAX_RETRY_AFTER_S) * 1000;
  }
  return 1000 * 2 ** failureCount;
}

/** What a query's observer says about its failures (a subset of TanStack's query result). */
export interface FailureState {
  failureCount: number;
  failureReason: unknown;
  error: unknown;
  isFetching: boolean;
}

export type RetryPlan =
  | { kind: 'retrying'; attempt: number; inSeconds: number } // a retry is scheduled or running
  | { kind: 'fetching' } // a new attempt (poll or Retry) is running
  | { kind: 'polling'; everySeconds: number } // no retry left, but the view polls
  | { kind: 'gave-up' } // retried, no more automatic attempts
  | { kind: 'not-retried' }; // an error that retrying does not fix

/** What the console will do next about a failing query; `interval` is its polling interval. */
export function retryPlan(state: FailureState, interval: number | false, now: number): RetryPlan {
  if (state.isFetching && state.failureCount > 0) {
    const reason = state.failureReason;
    const failedAt = isApiError(reason) ? reason.at : now;
    const due = failedAt + queryRetryDelay(state.failureCount - 1, reason);
    return { kind: 'retrying', attempt: state.failureCount + 1, inSeconds: Math.max(0, Math.ceil((due - now) / 1000)) };
  }
  if (state.isFetching) return { kind: 'fetching' };
  if (interval) return { kind: 'polling', everySeconds: Math.round(interval / 1000) };
  return isTransientError(state.error ?? state.failureReason) ? { kind: 'gave-up' } : { kind: 'not-retried' };
}

export function retryPlanText(plan: RetryPlan): string {
  switch (plan.kind) {
    case 'retrying':
      return plan.inSeconds > 0
        ? translate('errors', 'retryingIn', { seconds: plan.inSeconds, attempt: plan.attempt })
        : translate('errors', 'retryingNowAttempt', { attempt: plan.attempt });
    case 'fetching':
      return translate('errors', 'retryingNow');
    case 'polling':
      return translate('errors', 'retryingEvery', { seconds: plan.everySeconds });
    case 'gave-up':
      return translate('errors', 'gaveUp');
    case 'not-retried':
      return translate('errors', 'notRetried');
  }
}
