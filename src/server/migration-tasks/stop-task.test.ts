// The stop use case's pure parts: which audit outcome a failed stop records, and the pre-read budget.
import { describe, expect, it } from 'vitest';
import { ApiHttpError } from '../errors';
import { outcomeOf, withinBudget } from './stop-task';

describe('outcome of a failed stop', () => {
  const error = (code: ConstructorParameters<typeof ApiHttpError>[1], status?: number) =>
    new ApiHttpError(502, code, 'x', status === undefined ? {} : { upstream: { status, error_code: null, error_msg: null } });

  it.each([
    ['STOP_NOT_ALLOWED', undefined, 'refused'],
    ['TASK_NOT_FOUND', undefined, 'refused'],
    ['UPSTREAM_REJECTED', 400, 'refused'],
    ['UPSTREAM_FORBIDDEN', 403, 'refused'],
    ['UPSTREAM_AUTH_FAILED', 401, 'refused'],
    ['UPSTREAM_THROTTLED', 429, 'refused'],
    ['UPSTREAM_ERROR', 500, 'failed'],
    ['UPSTREAM_ERROR', 503, 'failed'],
    ['UPSTREAM_ERROR', 502, 'unknown'],
    ['UPSTREAM_ERROR', 504, 'unknown'],
    ['UPSTREAM_TIMEOUT', undefined, 'unknown'],
    ['UPSTREAM_UNREACHABLE', undefined, 'unknown'],
    ['UPSTREAM_BAD_RESPONSE', 200, 'unknown'],
    ['INTERNAL', undefined, 'unknown'],
  ] as const)('%s (HTTP %s) → %s', (code, status, outcome) => {
    expect(outcomeOf(error(code, status))).toBe(outcome);
  });
});

describe('the pre-read budget', () => {
  it('returns the value or the error in time, and gives up on a late answer without an unhandled rejection', async () => {
    expect(await withinBudget(Promise.resolve(1), 50)).toEqual({ kind: 'ok', value: 1 });
    const boom = new Error('boom');
    expect(await withinBudget(Promise.reject(boom), 50)).toEqual({ kind: 'error', error: boom });
    const late = new Promise((_resolve, reject) => setTimeout(() => reject(new Error('late')), 60));
    expect(await withinBudget(late, 10)).toEqual({ kind: 'late' });
    await new Promise((resolve) => setTimeout(resolve, 80));
  });
});
