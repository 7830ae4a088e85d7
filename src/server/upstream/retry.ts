// Retries of idempotent upstream reads (GETs only; a stop is never retried). Retried: connection
// refused, reset or dropped; 5xx; throttling (429 / APIGW.0308). Not retried: a timeout, any other
// 4xx, an unreadable answer. Waits grow exponentially with full jitter; a Retry-After (seconds or
// HTTP date) is honoured when it is within `maxRetryAfterMs` and the budget, otherwise the console
// gives up at once and passes the throttling on. Attempts are bounded (`attempts`) and so is the
// whole call (`budgetMs`): every attempt's timeout is cut to what is left of the budget.

export interface RetryPolicy {
  /** Attempts in all, the first included (DCS_RETRY_ATTEMPTS); 1 = no retries. */
  attempts: number;
  /** The whole call, waits included, ends within this (default: the attempt timeout + 1 s). */
  budgetMs: number;
  /** First backoff ceiling; the n-th retry waits random(0, base · 2^(n-1)) up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Throttled without Retry-After: wait at least this (the gateway asks for 2–5 s). */
  throttleDelayMs: number;
  /** A longer Retry-After is not waited for: the error goes back to the operator. */
  maxRetryAfterMs: number;
  /** An attempt gets at least this much time, or it is not started. */
  minAttemptMs: number;
  /** Injectable for tests. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const DEFAULT_RETRY_ATTEMPTS = 3;

export function retryPolicy(timeoutMs: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    attempts: DEFAULT_RETRY_ATTEMPTS,
    budgetMs: timeoutMs + 1000,
    baseDelayMs: 200,
    maxDelayMs: 2000,
    throttleDelayMs: 2000,
    maxRetryAfterMs: 5000,
    minAttemptMs: 100,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
    ...overrides,
  };
}

/** What the retry decision needs to know of a failed call (a DcsUpstreamError fits). */
export interface FailureFacts {
  kind: string;
  details: { status?: number; errorCode?: string; retryAfter?: string; cause?: string };
}

/** Transport failures where the request cannot have been processed, or a read may simply be repeated. */
const TRANSIENT_TRANSPORT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export type RetryVerdict = { retry: false } | { retry: true; throttled: boolean; retryAfterMs?: number };

export function retryVerdict(error: unknown, now: number): RetryVerdict {
  if (typeof error !== 'object' || error === null || !('kind' in error) || !('details' in error)) return { retry: false };
  const { kind, details } = error as FailureFacts;
  if (kind === 'unreachable' || (kind === 'timeout' && details.cause === 'UND_ERR_CONNECT_TIMEOUT')) {
    return TRANSIENT_TRANSPORT.has(details.cause ?? '') ? { retry: true, throttled: false } : { retry: false };
  }
  if (kind !== 'http' || details.status === undefined) return { retry: false };
  const throttled = details.status === 429 || details.errorCode === 'APIGW.0308';
  if (!throttled && (details.status < 500 || details.status === 501 || details.status === 505)) return { retry: false };
  const retryAfterMs = parseRetryAfter(details.retryAfter, now);
  return retryAfterMs === undefined ? { retry: true, throttled } : { retry: true, throttled, retryAfterMs };
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN; // an HTTP date names its day and month
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Runs `attempt(timeoutMs)` until it succeeds, fails for good, or the attempts or the budget run
 * out; the last error is thrown. `timeoutMs` is the attempt's own limit, cut to what is left.
 */
export async function withRetries<T>(policy: RetryPolicy, attemptTimeoutMs: number, attempt: (timeoutMs: number) => Promise<T>): Promise<T> {
  const deadline = policy.now() + policy.budgetMs;
  for (let n = 1; ; n++) {
    const timeoutMs = Math.max(1, Math.min(attemptTimeoutMs, deadline - policy.now()));
    try {
      return await attempt(timeoutMs);
    } catch (error) {
      if (n >= policy.attempts) throw error;
      const verdict = retryVerdict(error, policy.now());
      if (!verdict.retry) throw error;
      if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const delay = delayBefore(policy, n, verdict);
      if (policy.now() + delay + policy.minAttemptMs > deadline) throw error;
      await policy.sleep(delay);
    }
  }
}

/** The wait before retry number `n` (1-based). */
export function delayBefore(policy: RetryPolicy, n: number, verdict: { throttled: boolean; retryAfterMs?: number }): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  const jittered = Math.floor(policy.random() * ceiling);
  const floor = verdict.retryAfterMs ?? (verdict.throttled ? policy.throttleDelayMs : 0);
  return Math.max(floor, jittered);
}
