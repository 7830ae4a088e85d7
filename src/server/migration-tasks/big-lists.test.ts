// A status filter over a big upstream list: a simulator seeded with 10,000 tasks. The whole list is
// read once (10 pages of 1000, the pages after the first fetched concurrently), kept as one unit
// for the cache TTL, and shared by every status, name-less query and page. A list longer than the
// scan cap is answered from what was read and marked truncated.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import { startTestStack, type TestStack } from '../testing/stack';
import { DcsClient } from '../upstream/dcs-client';
import { MAX_SCAN_PAGES } from './service';

const LIST = 'GET /migration-tasks';
const TASKS = 10_000;

let stack: TestStack;
/** Tasks per status, counted by reading the simulator directly (no console in between). */
const direct = new Map<string, number>();

beforeAll(async () => {
  // The stack's clock stands still, so no task changes status between the direct count and the console's.
  stack = await startTestStack({ simulator: { tasks: TASKS }, dcs: { cacheTtlMs: 30_000, timeoutMs: 5000 } });
  const { simulator } = stack;
  const client = new DcsClient({ endpoint: new URL(simulator.url), projectId: simulator.projectId, auth: { kind: 'aksk', ak: simulator.ak, sk: simulator.sk }, connectTimeoutMs: 1000, timeoutMs: 5000, clock: stack.clock.now });
  try {
    for (let offset = 0; offset < TASKS; offset += 1000) {
      for (const task of (await client.listMigrationTasks({ offset, limit: 1000 })).migration_tasks ?? []) {
        direct.set(task.status ?? '', (direct.get(task.status ?? '') ?? 0) + 1);
      }
    }
  } finally {
    await client.close();
  }
}, 30_000);
afterAll(() => stack.close());

const lists = async () => (await stack.upstreamRequests()).routes[LIST] ?? 0;

describe('status filter over 10,000 tasks', () => {
  it('counts what a direct count says, with ceil(10000/1000) = 10 upstream calls, pages after the first 4 at a time', async () => {
    expect([...direct.values()].reduce((a, b) => a + b, 0)).toBe(TASKS);
    await stack.control('POST', '/faults', { route: LIST, latency_ms: 300 });
    await stack.control('DELETE', '/requests');
    const res = await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING&limit=50' });
    await stack.control('DELETE', '/faults');
    expect(res.statusCode).toBe(200);
    expect(res.json().count).toBe(direct.get('INCRMIGEATING'));
    expect(res.json().tasks).toHaveLength(50);
    expect(res.json().truncated).toBeUndefined();
    expect(res.headers['x-dcs-list-truncated']).toBeUndefined();
    expect(await lists()).toBe(10);
    // One page, then 9 more in rounds of at most 4, each held 300 ms upstream: 4 side by side.
    const { peak_in_flight } = (await stack.control('GET', '/requests')) as { peak_in_flight: Record<string, number> };
    expect(peak_in_flight[LIST]).toBe(4);
  });

  it('within the TTL, other statuses and pages are answered from the same snapshot: no upstream call', async () => {
    await stack.app.inject({ url: '/api/migration-tasks?status=TERMINATED' }); // the snapshot is kept
    await stack.control('DELETE', '/requests');
    for (const status of ['TERMINATED', 'SUCCESS', 'INCRMIGEATING,FULLMIGRATING']) {
      const res = await stack.app.inject({ url: `/api/migration-tasks?status=${status}&offset=5&limit=20` });
      const expected = status.split(',').reduce((sum, s) => sum + (direct.get(s) ?? 0), 0);
      expect(res.json().count).toBe(expected);
    }
    expect(await lists()).toBe(0);
  });

  it('concurrent identical status queries share one scan', async () => {
    const fresh = await startTestStack({ simulator: { tasks: 3000 }, dcs: { cacheTtlMs: 30_000 } });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => fresh.app.inject({ url: '/api/migration-tasks?status=SUCCESS' })));
      expect(new Set(answers.map((res) => res.json().count)).size).toBe(1);
      expect((await fresh.upstreamRequests()).routes[LIST]).toBe(3);
    } finally {
      await fresh.close();
    }
  });
});

describe(`a list longer than the scan cap (${MAX_SCAN_PAGES} pages of 1000)`, () => {
  let upstream: Server;
  let calls = 0;
  beforeAll(async () => {
    // A cloud that says it has 150,000 tasks, every one RUNNING.
    upstream = createServer((req, res) => {
      calls += 1;
      const offset = Number(new URL(req.url!, 'http://x').searchParams.get('offset'));
      const tasks = Array.from({ length: 1000 }, (_, i) => ({ task_id: `task-${offset + i}`, status: 'RUNNING' }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count: 150_000, migration_tasks: tasks }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  it('answers from the first 100,000 tasks, with truncated: true and x-dcs-list-truncated: true', async () => {
    const endpoint = new URL(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    const app = await buildApp({
      targets: [{ id: 'big', label: 'big', region: 'r', simulated: false, dcs: { endpoint, projectId: '0'.repeat(32), auth: { kind: 'token', token: 't' }, connectTimeoutMs: 1000, timeoutMs: 5000 } }],
      staticDir: null,
      logLevel: 'silent',
      audit: openSqliteAuditStore(':memory:'),
    });
    try {
      const res = await app.inject({ url: '/api/migration-tasks?status=RUNNING&limit=10&offset=99995' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-dcs-list-truncated']).toBe('true');
      expect(res.json()).toMatchObject({ count: MAX_SCAN_PAGES * 1000, truncated: true });
      expect(res.json().tasks.map((t: { task_id: string }) => t.task_id)).toEqual(['task-99995', 'task-99996', 'task-99997', 'task-99998', 'task-99999']);
      expect(calls).toBe(MAX_SCAN_PAGES);
      // Without a status filter the list is the cloud's page, never marked.
      const page = await app.inject({ url: '/api/migration-tasks?limit=5' });
      expect(page.json().truncated).toBeUndefined();
      expect(page.headers['x-dcs-list-truncated']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
