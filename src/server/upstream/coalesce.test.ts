// Identical reads in flight share one upstream call; different ones do not; an error is shared
// but not kept; a read asked for after a stop never joins one that began before it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { Coalescer } from './coalesce';
import { DcsClient } from './dcs-client';

const LIST = 'GET /migration-tasks';
const DETAIL = 'GET /migration-task/{id}';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.control('POST', '/reset'));

const count = async (route: string) => (await stack.upstreamRequests()).routes[route] ?? 0;
const fault = (spec: Record<string, unknown>) => stack.control('POST', '/faults', spec);
const inject = (url: string) => stack.app.inject({ url });

describe('identical reads in flight share one upstream call', () => {
  it('20 concurrent identical list requests: one upstream call, 20 identical answers', async () => {
    await fault({ route: LIST, latency_ms: 200 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => inject('/api/migration-tasks?limit=5&offset=1')));
    expect(answers.map((res) => res.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((res) => res.body)).size).toBe(1);
    expect(await count(LIST)).toBe(1);
  });

  it('the same query in another order or spelling is the same read', async () => {
    await fault({ route: LIST, latency_ms: 200 });
    const urls = ['/api/migration-tasks?limit=5&offset=0', '/api/migration-tasks?offset=0&limit=5', '/api/migration-tasks?limit=05'];
    await Promise.all(urls.map(inject));
    expect(await count(LIST)).toBe(1);
  });

  it('different queries, tasks and routes are not merged', async () => {
    await fault({ latency_ms: 200 });
    const tasks: { task_id: string }[] = (await inject('/api/migration-tasks?limit=3')).json().tasks;
    const urls = [
      ...[1, 2, 3, 4, 5].map((limit) => `/api/migration-tasks?limit=${limit}`),
      '/api/migration-tasks?limit=5&name=a',
      ...tasks.map((t) => `/api/migration-tasks/${t.task_id}`),
      `/api/migration-tasks/${tasks[0]!.task_id}/stats`,
    ];
    await stack.control('DELETE', '/requests');
    const answers = await Promise.all(urls.map(inject));
    expect(answers.every((res) => res.statusCode === 200)).toBe(true);
    expect((await stack.upstreamRequests()).total).toBe(urls.length);
  });

  it('an error is shared by the requests waiting for it, and not kept afterwards', async () => {
    // Every attempt of the one shared read fails (3 attempts with retries).
    await fault({ route: LIST, status: 500, error_code: 'DCS.5000', latency_ms: 150, times: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => inject('/api/migration-tasks')));
    expect(answers.map((res) => errorOf(res).code)).toEqual(Array(10).fill('UPSTREAM_ERROR'));
    expect(new Set(answers.map((res) => errorOf(res).request_id)).size).toBe(10); // each request keeps its own id
    expect(await count(LIST)).toBe(3);
    const next = await inject('/api/migration-tasks');
    expect(next.statusCode).toBe(200);
    expect(await count(LIST)).toBe(4);
  });
});

describe('reads and stops', () => {
  it('a read asked for after a stop was sent does not join a read that began before it', async () => {
    const { simulator } = stack;
    const client = new DcsClient({
      endpoint: new URL(simulator.url),
      projectId: simulator.projectId,
      auth: { kind: 'aksk', ak: simulator.ak, sk: simulator.sk },
      connectTimeoutMs: 1000,
      timeoutMs: 3000,
      clock: stack.clock.now,
    });
    try {
      const listed = await client.listMigrationTasks({ offset: 0, limit: 1000 });
      const taskId = listed.migration_tasks!.find((t) => t.status === 'INCRMIGEATING')!.task_id!;
      await fault({ route: DETAIL, latency_ms: 500, times: 1 });
      const settled: string[] = [];
      const before = client.showMigrationTask(taskId).finally(() => settled.push('before'));
      await expect.poll(() => count(DETAIL)).toBe(1); // the slow read has reached the cloud and waits there
      const stopped = await client.stopMigrationTask(taskId);
      const after = await client.showMigrationTask(taskId).finally(() => settled.push('after'));
      expect(stopped.status).toBe('TERMINATING');
      expect(after.status).not.toBe('INCRMIGEATING');
      expect(settled).toEqual(['after']); // its own call, answered while the older read still waits
      await before;
      expect(await count(DETAIL)).toBe(2);
    } finally {
      await client.close();
    }
  });
});

describe('Coalescer', () => {
  it('forgets a settled call, and forgetAll() lets the next caller start afresh while waiters keep theirs', async () => {
    const coalescer = new Coalescer();
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 20));
    const [a, b] = [coalescer.run('k', slow), coalescer.run('k', slow)];
    coalescer.forgetAll();
    const c = coalescer.run('k', slow);
    expect(await Promise.all([a, b, c])).toEqual([1, 1, 2]);
    expect(coalescer.size).toBe(0);
    expect(await coalescer.run('k', slow)).toBe(3);
  });
});
