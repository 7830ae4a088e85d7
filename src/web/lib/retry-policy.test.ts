import { ApiError } from './api-client';
import { queryRetryDelay, retryPlan, retryPlanText, shouldRetryQuery, type FailureState } from './retry-policy';

const error = (status: number, code: string, retryAfterSeconds: number | null = null, at = 0) =>
  Object.assign(new ApiError({ status, code, message: code, retryAfterSeconds }), { at });

describe('which reads are retried', () => {
  it('retries no answer, 5xx and throttling, at most twice', () => {
    for (const e of [error(0, 'NETWORK_ERROR'), error(0, 'CLIENT_TIMEOUT'), error(502, 'UPSTREAM_ERROR'), error(504, 'UPSTREAM_TIMEOUT'), error(503, 'UPSTREAM_THROTTLED'), error(502, 'UNEXPECTED_RESPONSE'), error(429, 'RATE_LIMITED')]) {
      expect(shouldRetryQuery(0, e)).toBe(true);
      expect(shouldRetryQuery(1, e)).toBe(true);
      expect(shouldRetryQuery(2, e)).toBe(false);
    }
  });

  it('never retries a 4xx, a contract mismatch or something that is not an API error', () => {
    for (const e of [error(400, 'INVALID_QUERY'), error(404, 'TASK_NOT_FOUND'), error(401, 'UNAUTHENTICATED'), error(403, 'FORBIDDEN'), error(200, 'BAD_RESPONSE'), new Error('bug')]) {
      expect(shouldRetryQuery(0, e)).toBe(false);
    }
  });

  it('waits the Retry-After seconds when given (capped at 60), else 1 s then 2 s', () => {
    expect(queryRetryDelay(0, error(503, 'UPSTREAM_THROTTLED', 7))).toBe(7_000);
    expect(queryRetryDelay(1, error(503, 'UPSTREAM_THROTTLED', 600))).toBe(60_000);
    expect(queryRetryDelay(0, error(502, 'UPSTREAM_ERROR'))).toBe(1_000);
    expect(queryRetryDelay(1, error(502, 'UPSTREAM_ERROR'))).toBe(2_000);
  });
});

describe('what the console says it will do', () => {
  const state = (s: Partial<FailureState>): FailureState => ({ failureCount: 0, failureReason: null, error: null, isFetching: false, ...s });
  const text = (s: Partial<FailureState>, interval: number | false, now: number) => retryPlanText(retryPlan(state(s), interval, now));

  it('counts down to the next retry, naming the attempt', () => {
    const failed = error(502, 'UPSTREAM_ERROR', null, 10_000);
    expect(text({ failureCount: 1, failureReason: failed, isFetching: true }, false, 10_000)).toBe('Retrying automatically in 1 s (attempt 2)…');
    expect(text({ failureCount: 2, failureReason: failed, isFetching: true }, false, 10_500)).toBe('Retrying automatically in 2 s (attempt 3)…');
    expect(text({ failureCount: 1, failureReason: failed, isFetching: true }, false, 11_000)).toBe('Retrying now (attempt 2)…');
    const throttled = error(503, 'UPSTREAM_THROTTLED', 7, 10_000);
    expect(text({ failureCount: 1, failureReason: throttled, isFetching: true }, 5_000, 13_000)).toBe('Retrying automatically in 4 s (attempt 2)…');
  });

  it('then says it keeps polling, or that it stopped retrying', () => {
    const failed = error(502, 'UPSTREAM_ERROR');
    expect(text({ failureCount: 3, failureReason: failed, error: failed }, 5_000, 0)).toBe('Retrying every 5 s.');
    expect(text({ failureCount: 3, failureReason: failed, error: failed }, false, 0)).toBe('Stopped retrying. Use Retry.');
    expect(text({ error: failed, isFetching: true }, false, 0)).toBe('Retrying now…');
    expect(text({ failureCount: 1, error: error(400, 'INVALID_QUERY') }, false, 0)).toMatch(/^Not retried automatically/);
  });
});
