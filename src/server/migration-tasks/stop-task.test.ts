// The stop use case: which audit outcome a failed stop records, the pre-read budget, and the name
// recorded when the read before a stop fails (a real simulator with a fault on the detail route).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack';
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
    let rejectLate: (error: Error) => void = () => {};
    const late = new Promise((_resolve, reject) => (rejectLate = reject));
    expect(await withinBudget(late, 10)).toEqual({ kind: 'late' });
    rejectLate(new Error('late')); // after the budget, with no one waiting for it
    // Node reports an unhandled rejection once the microtasks have run: before the next setImmediate.
    await new Promise((resolve) => setImmediate(resolve));
  });
});

describe('the audit record of a stop whose read before it fails', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ dcs: { retry: { attempts: 1 } } });
  });
  afterAll(() => stack.close());

  async function stopWithDetailFailing(taskId: string) {
    // The read before the stop fails (a 500 from the cloud); the stop itself goes through.
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}', status: 500, error_code: 'DCS.5000', error_msg: 'down', times: 1 });
    const { cookie, token } = await stack.csrf();
    const res = await stack.app.inject({ method: 'POST', url: `/api/migration-tasks/${taskId}/stop`, headers: { cookie, 'x-csrf-token': token } });
    expect(res.statusCode).toBe(200);
    const audit = await stack.app.inject({ url: `/api/audit?task_id=${taskId}&limit=10` });
    return audit.json().records as { task_name: string | null; status_before: string | null; outcome: string }[];
  }

  it('keeps the name the console last read for the task (list or detail), never "not known"', async () => {
    const list = await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING&limit=2' });
    const [fromList, fromDetail] = list.json().tasks as { task_id: string; task_name: string }[];
    expect(fromList && fromDetail).toBeTruthy();

    // Named by the list only.
    const [listed] = await stopWithDetailFailing(fromList!.task_id);
    expect(listed).toMatchObject({ task_name: fromList!.task_name, status_before: null, outcome: 'accepted' });

    // Named by a detail read (the task page).
    expect((await stack.app.inject({ url: `/api/migration-tasks/${fromDetail!.task_id}` })).statusCode).toBe(200);
    const [read] = await stopWithDetailFailing(fromDetail!.task_id);
    expect(read).toMatchObject({ task_name: fromDetail!.task_name, status_before: null, outcome: 'accepted' });
  });
});
