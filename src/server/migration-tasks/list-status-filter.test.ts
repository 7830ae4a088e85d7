// The status filter and the two spellings of incremental sync (dcs-api §4.1: the wire says
// INCRMIGEATING, the doc prose INCRMIGRATING; accept both): a filter on either finds both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
let wireSpelled: string[];
let docSpelled: string;

const idsOf = (res: { json(): { tasks: { task_id: string }[] } }) => res.json().tasks.map((task) => task.task_id).sort();

beforeAll(async () => {
  // The stack's clock stands still unless moved: no task changes status during the test.
  stack = await startTestStack({ simulator: { tasks: 40 }, dcs: { cacheTtlMs: 0 } });
  const all = (await stack.app.inject({ url: '/api/migration-tasks?limit=1000' })).json().tasks as { task_id: string; status: string }[];
  const incremental = all.filter((task) => task.status === 'INCRMIGEATING').map((task) => task.task_id);
  expect(incremental.length).toBeGreaterThanOrEqual(2);
  docSpelled = incremental[0]!;
  await stack.control('POST', `/tasks/${docSpelled}/status`, { status: 'INCRMIGRATING' });
  wireSpelled = incremental.slice(1);
});
afterAll(() => stack.close());

describe('status filter on incremental sync', () => {
  it.each(['INCRMIGEATING', 'INCRMIGRATING'])('status=%s finds the tasks of both spellings', async (status) => {
    const res = await stack.app.inject({ url: `/api/migration-tasks?status=${status}&limit=1000` });
    expect(res.statusCode).toBe(200);
    expect(res.json().count).toBe(wireSpelled.length + 1);
    expect(idsOf(res)).toEqual([docSpelled, ...wireSpelled].sort());
  });

  it('counts a task once when both spellings are asked for, and other statuses still filter exactly', async () => {
    const both = await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING,INCRMIGRATING&limit=1000' });
    expect(both.json().count).toBe(wireSpelled.length + 1);
    const terminated = await stack.app.inject({ url: '/api/migration-tasks?status=TERMINATED&limit=1000' });
    expect(terminated.json().tasks.every((task: { status: string }) => task.status === 'TERMINATED')).toBe(true);
  });
});
