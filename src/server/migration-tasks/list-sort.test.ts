import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { createdMs, sortTasks } from './list-sort';

type Summary = { task_id: string; task_name: string; status: string; created_at: string };

let stack: TestStack;
/** The whole list in the cloud's order. */
let all: Summary[];
let renamed: Summary;

const list = async (query: string) => {
  const res = await stack.app.inject({ url: `/api/migration-tasks?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { count: number; tasks: Summary[] };
};
const ids = (tasks: Summary[]) => tasks.map((t) => t.task_id);
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

beforeAll(async () => {
  stack = await startTestStack({ simulator: { tasks: 40 } });
  const seeded = (await stack.app.inject({ url: '/api/migration-tasks?limit=1000' })).json().tasks as Summary[];
  // Before any scan is cached: one task in a status this console does not know yet.
  renamed = seeded.find((t) => t.status === 'SUCCESS')!;
  await stack.control('POST', `/tasks/${renamed.task_id}/status`, { status: 'SWITCHING_OVER' });
  all = seeded.map((t) => (t.task_id === renamed.task_id ? { ...t, status: 'SWITCHING_OVER' } : t));
});
afterAll(() => stack.close());

describe('GET /api/migration-tasks?sort=', () => {
  it('sorts by name over the whole list, so the pages follow each other', async () => {
    const whole = await list('sort=name_asc&limit=1000');
    expect(whole.count).toBe(all.length);
    expect(new Set(ids(whole.tasks))).toEqual(new Set(ids(all)));
    const names = whole.tasks.map((t) => t.task_name);
    for (let i = 1; i < names.length; i++) expect(collator.compare(names[i - 1]!, names[i]!)).toBeLessThanOrEqual(0);
    expect(names).not.toEqual(all.map((t) => t.task_name)); // the cloud's order is not by name

    const second = await list('sort=name_asc&offset=5&limit=5');
    expect(second.count).toBe(all.length);
    expect(ids(second.tasks)).toEqual(ids(whole.tasks.slice(5, 10)));
    const reversed = await list('sort=name_desc&limit=1000');
    expect(reversed.tasks.map((t) => t.task_name)).toEqual([...names].reverse());
  });

  it('sorts by creation time, oldest or newest first', async () => {
    const oldest = await list('sort=oldest&limit=1000');
    const times = oldest.tasks.map((t) => Date.parse(t.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeLessThan(times.at(-1)!);
    const newest = await list('sort=newest&limit=3');
    expect(newest.tasks.map((t) => Date.parse(t.created_at))).toEqual([...times].reverse().slice(0, 3));
  });

  it('filters by status first, then sorts and pages the matches', async () => {
    const statuses = 'INCRMIGEATING,TERMINATED,FULLMIGRATING';
    const wanted = new Set(statuses.split(','));
    const expected = all.filter((t) => wanted.has(t.status));
    expect(expected.length).toBeGreaterThan(3);
    const page = await list(`status=${statuses}&sort=name_desc&offset=1&limit=2`);
    expect(page.count).toBe(expected.length);
    const sortedNames = expected.map((t) => t.task_name).sort((a, b) => collator.compare(b, a));
    expect(page.tasks.map((t) => t.task_name)).toEqual(sortedNames.slice(1, 3));
  });

  it('puts tasks moving data first and statuses it does not know last', async () => {
    const { tasks } = await list('sort=status&limit=1000');
    const moving = all.filter((t) => ['MIGRATING', 'FULLMIGRATING', 'INCRMIGEATING', 'INCRMIGRATING'].includes(t.status));
    expect(moving.length).toBeGreaterThan(0);
    expect(new Set(ids(tasks.slice(0, moving.length)))).toEqual(new Set(ids(moving)));
    expect(tasks.at(-1)?.task_id).toBe(renamed.task_id);
    expect(tasks.at(-1)?.status).toBe('SWITCHING_OVER');
  });

  it('refuses an unknown order without asking the cloud', async () => {
    const before = (await stack.upstreamRequests()).total;
    const res = await stack.app.inject({ url: '/api/migration-tasks?sort=created' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QUERY');
    expect((await stack.upstreamRequests()).total).toBe(before);
  });
});

describe('sortTasks', () => {
  it('keeps the cloud order for ties and puts missing names and unreadable times last', () => {
    const tasks = [
      { task_id: 'a', task_name: '', created_at: 'yesterday' },
      { task_id: 'b', task_name: 'task-10', created_at: '2025/01/14 10:11:37' },
      { task_id: 'c', task_name: 'Task-2', created_at: '2025-01-14T10:11:36.000Z' },
      { task_id: 'd', task_name: 'task-2', created_at: null },
    ];
    expect(sortTasks(tasks, 'name_asc').map((t) => t.task_id)).toEqual(['c', 'd', 'b', 'a']);
    expect(sortTasks(tasks, 'name_desc').map((t) => t.task_id)).toEqual(['b', 'c', 'd', 'a']);
    expect(sortTasks(tasks, 'oldest').map((t) => t.task_id)).toEqual(['c', 'b', 'a', 'd']);
    expect(sortTasks(tasks, undefined).map((t) => t.task_id)).toEqual(['a', 'b', 'c', 'd']);
    expect(createdMs('2025/01/14 10:11:37')).toBe(Date.parse('2025-01-14T10:11:37Z'));
  });
});
