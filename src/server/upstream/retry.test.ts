// The retry rules on their own, with a clock and sleep the test controls.
import { describe, expect, it } from 'vitest';
import { DcsUpstreamError } from './dcs-client';
import { delayBefore, parseRetryAfter, retryPolicy, retryVerdict, withRetries, type RetryPolicy } from './retry';

const NOW = Date.parse('2025-01-01T00:00:00Z');

/** A policy on a virtual clock: sleeping advances it, attempts take `attemptMs` each. */
function virtual(overrides: Partial<RetryPolicy> = {}, attemptMs = 10) {
  let now = NOW;
  const slept: number[] = [];
  const policy = retryPolicy(1500, {
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    ...overrides,
  });
  const timeouts: number[] = [];
  const run = <T>(answers: (() => T)[]) => {
    let i = 0;
    return withRetries(policy, 1500, async (timeoutMs) => {
      timeouts.push(timeoutMs);
      now += attemptMs;
      return answers[Math.min(i++, answers.length - 1)]!();
    });
  };
  return { policy, slept, timeouts, run, elapsed: () => now - NOW };
}

const http = (status: number, extra: { errorCode?: string; retryAfter?: string } = {}) => () => {
  throw new DcsUpstreamError('http', `HTTP ${status}`, { status, ...extra });
};
const transport = (cause: string) => () => {
  throw new DcsUpstreamError('unreachable', cause, { cause });
};
const ok = () => 'ok';

describe('which failures are retried', () => {
  it.each([
    ['500', true, new DcsUpstreamError('http', '', { status: 500 })],
    ['503', true, new DcsUpstreamError('http', '', { status: 503 })],
    ['429', true, new DcsUpstreamError('http', '', { status: 429 })],
    ['APIGW.0308 on any status', true, new DcsUpstreamError('http', '', { status: 403, errorCode: 'APIGW.0308' })],
    ['connection refused', true, new DcsUpstreamError('unreachable', '', { cause: 'ECONNREFUSED' })],
    ['connection reset', true, new DcsUpstreamError('unreachable', '', { cause: 'ECONNRESET' })],
    ['dropped connection', true, new DcsUpstreamError('unreachable', '', { cause: 'UND_ERR_SOCKET' })],
    ['connect timeout', true, new DcsUpstreamError('timeout', '', { cause: 'UND_ERR_CONNECT_TIMEOUT' })],
    ['timeout of the whole attempt', false, new DcsUpstreamError('timeout', '')],
    ['a bad certificate', false, new DcsUpstreamError('unreachable', '', { cause: 'CERT_HAS_EXPIRED' })],
    ['DNS: no such host', false, new DcsUpstreamError('unreachable', '', { cause: 'ENOTFOUND' })],
    ['400', false, new DcsUpstreamError('http', '', { status: 400, errorCode: 'DCS.4800' })],
    ['401', false, new DcsUpstreamError('http', '', { status: 401 })],
    ['404', false, new DcsUpstreamError('http', '', { status: 404 })],
    ['501', false, new DcsUpstreamError('http', '', { status: 501 })],
    ['an unreadable answer', false, new DcsUpstreamError('bad_response', '', { status: 200 })],
    ['a bug', false, new TypeError('x is undefined')],
  ])('%s → retried: %s', (_name, expected, error) => {
    expect(retryVerdict(error, NOW).retry).toBe(expected);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates; ignores what it cannot read', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1000);
    expect(parseRetryAfter(' 3 ', NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW + 4000).toUTCString(), NOW)).toBe(4000);
    expect(parseRetryAfter(new Date(NOW - 4000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('is full jitter on an exponential ceiling, capped', () => {
    const policy = retryPolicy(1000, { random: () => 0.999 });
    expect([1, 2, 3, 4, 5, 6].map((n) => delayBefore(policy, n, { throttled: false }))).toEqual([199, 399, 799, 1598, 1998, 1998]);
    expect(delayBefore(retryPolicy(1000, { random: () => 0 }), 3, { throttled: false })).toBe(0);
  });

  it('waits at least the Retry-After, and at least throttleDelayMs when throttled without one', () => {
    const policy = retryPolicy(1000, { random: () => 0.5 });
    expect(delayBefore(policy, 1, { throttled: true, retryAfterMs: 1000 })).toBe(1000);
    expect(delayBefore(policy, 1, { throttled: true })).toBe(2000);
    expect(delayBefore(policy, 1, { throttled: false, retryAfterMs: 0 })).toBe(100);
  });
});

describe('withRetries', () => {
  it('a read survives one 500 after a short wait', async () => {
    const v = virtual();
    await expect(v.run([http(500), ok])).resolves.toBe('ok');
    expect(v.slept).toEqual([100]);
  });

  it('a 429 with Retry-After: 1 is retried after one second', async () => {
    const v = virtual();
    await expect(v.run([http(429, { errorCode: 'APIGW.0308', retryAfter: '1' }), ok])).resolves.toBe('ok');
    expect(v.slept).toEqual([1000]);
  });

  it('a Retry-After beyond maxRetryAfterMs is not waited for: the 429 is the answer', async () => {
    const v = virtual();
    await expect(v.run([http(429, { retryAfter: '30' }), ok])).rejects.toMatchObject({ details: { status: 429 } });
    expect(v.slept).toEqual([]);
  });

  it('gives up after the attempts with the last error', async () => {
    const v = virtual();
    await expect(v.run([http(500), transport('ECONNRESET'), http(503), ok])).rejects.toMatchObject({ details: { status: 503 } });
    expect(v.timeouts).toHaveLength(3);
  });

  it('gives up when the next wait would not leave time for an attempt, and cuts attempts to the budget', async () => {
    const v = virtual({ budgetMs: 2000 }, 900);
    await expect(v.run([http(500), http(502), ok])).rejects.toMatchObject({ details: { status: 502 } });
    expect(v.timeouts).toEqual([1500, 1000]); // the second attempt gets what is left: 2000 − 900 − 100
    expect(v.elapsed()).toBeLessThanOrEqual(2000);
  });

  it('a throttled read whose Retry-After outlasts the budget is not retried', async () => {
    const v = virtual({ budgetMs: 1500 }, 600);
    await expect(v.run([http(429, { retryAfter: '1' }), ok])).rejects.toMatchObject({ details: { status: 429 } });
    expect(v.slept).toEqual([]);
  });

  it.each([
    ['a 400', http(400, { errorCode: 'DCS.4800' })],
    ['a timeout', () => { throw new DcsUpstreamError('timeout', 'late'); }],
  ])('%s is not retried', async (_name, failure) => {
    const v = virtual();
    await expect(v.run([failure, ok])).rejects.toBeInstanceOf(DcsUpstreamError);
    expect(v.timeouts).toHaveLength(1);
  });

  it('attempts: 1 turns retries off', async () => {
    const v = virtual({ attempts: 1 });
    await expect(v.run([http(500), ok])).rejects.toMatchObject({ details: { status: 500 } });
  });
});
