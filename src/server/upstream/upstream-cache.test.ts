// The short upstream cache (DCS_CACHE_TTL_MS) against a real simulator, whose request counts say
// what reached the "cloud": identical reads within the TTL cost one call, a stop (answered or
// failed) drops what it may have changed before the console answers, errors are never kept.
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

const LIST = 'GET /migration-tasks';
const DETAIL = 'GET /migration-task/{id}';
const STATS = 'GET /migration-task/{id}/stats';
const STOP = 'POST /migration-task/{id}/stop';

let stack: TestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** A fresh console and simulator per test: nothing cached by an earlier test. Stops settle after 10 s. */
async function start(cacheTtlMs: number): Promise<TestStack> {
  stack = await startTestStack({ dcs: { cacheTtlMs }, simulator: { stopDelayMs: 10_000 } });
  return stack;
}

const count = async (s: TestStack, route: string) => (await s.upstreamRequests()).routes[route] ?? 0;
const get = (s: TestStack, url: string) => s.app.inject({ url });
async function post(s: TestStack, url: string, payload: unknown = {}) {
  const { cookie, token } = await s.csrf();
  return s.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
}
async function taskWithStatus(s: TestStack, status: string, index = 0): Promise<string> {
  const tasks: { task_id: string; status: string }[] = (await get(s, '/api/migration-tasks?limit=1000')).json().tasks;
  await s.control('DELETE', '/requests');
  return tasks.filter((t) => t.status === status)[index]!.task_id;
}

describe('identical reads within the TTL', () => {
  it('50 identical reads, one after the other: one upstream call, 50 identical answers (no password in any)', async () => {
    const s = await start(5000);
    const taskId = await taskWithStatus(s, 'INCRMIGEATING');
    const answers = [];
    for (let i = 0; i < 50; i++) answers.push(await get(s, `/api/migration-tasks/${taskId}`));
    expect(answers.every((res) => res.statusCode === 200)).toBe(true);
    expect(new Set(answers.map((res) => res.body)).size).toBe(1);
    expect(answers[0]!.json().target_instance.password_set).toBe(true);
    expect(answers[0]!.body).not.toMatch(/"password"/);
    expect(await count(s, DETAIL)).toBe(1);

    // Lists, stats and logs likewise, each its own entry; concurrent ones share the call in flight.
    await Promise.all(Array.from({ length: 20 }, () => get(s, '/api/migration-tasks?limit=5')));
    for (let i = 0; i < 5; i++) await get(s, `/api/migration-tasks/${taskId}/stats`);
    expect(await count(s, LIST)).toBe(1);
    expect(await count(s, STATS)).toBe(1);
  });

  it('after the TTL the next read goes upstream again', async () => {
    const s = await start(400);
    await get(s, '/api/migration-tasks?limit=3');
    await get(s, '/api/migration-tasks?limit=3');
    s.clock.advance(399);
    await get(s, '/api/migration-tasks?limit=3');
    expect(await count(s, LIST)).toBe(1); // 399 ms old: still kept
    s.clock.advance(1);
    await get(s, '/api/migration-tasks?limit=3');
    expect(await count(s, LIST)).toBe(2);
  });

  it('DCS_CACHE_TTL_MS=0: every read goes upstream', async () => {
    const s = await start(0);
    for (let i = 0; i < 5; i++) await get(s, '/api/migration-tasks?limit=3');
    expect(await count(s, LIST)).toBe(5);
  });

  it('errors are not kept: the read after a failed one goes upstream and succeeds', async () => {
    const s = await start(5000);
    await s.control('POST', '/faults', { route: LIST, status: 500, error_code: 'DCS.5000', times: 3 }); // every attempt of one read
    const failed = await get(s, '/api/migration-tasks?limit=3');
    expect(errorOf(failed).code).toBe('UPSTREAM_ERROR');
    expect(await count(s, LIST)).toBe(3);
    expect((await get(s, '/api/migration-tasks?limit=3')).statusCode).toBe(200);
    expect(await count(s, LIST)).toBe(4);
    expect((await get(s, '/api/migration-tasks?limit=3')).statusCode).toBe(200);
    expect(await count(s, LIST)).toBe(4); // the success is kept
  });
});

describe('a stop drops what it changed before the console answers', () => {
  it('the task read right after its stop is TERMINATING, not the cached INCRMIGEATING, and so is the list', async () => {
    const s = await start(60_000);
    const taskId = await taskWithStatus(s, 'INCRMIGEATING');
    expect((await get(s, `/api/migration-tasks/${taskId}`)).json().status).toBe('INCRMIGEATING');
    const listed = (await get(s, '/api/migration-tasks?limit=1000')).json().tasks.find((t: { task_id: string }) => t.task_id === taskId);
    expect(listed.status).toBe('INCRMIGEATING');
    expect((await get(s, '/api/migration-tasks?status=INCRMIGEATING&limit=1000')).json().tasks.map((t: { task_id: string }) => t.task_id)).toContain(taskId);
    expect(await count(s, DETAIL)).toBe(1);

    const stopped = await post(s, `/api/migration-tasks/${taskId}/stop`);
    expect(stopped.json().status).toBe('TERMINATING');
    // The audit read the real status before the stop: past the cache.
    expect(await count(s, DETAIL)).toBe(2);

    expect((await get(s, `/api/migration-tasks/${taskId}`)).json().status).toBe('TERMINATING');
    const relisted = (await get(s, '/api/migration-tasks?limit=1000')).json().tasks.find((t: { task_id: string }) => t.task_id === taskId);
    expect(relisted.status).toBe('TERMINATING');
    const running = (await get(s, '/api/migration-tasks?status=INCRMIGEATING&limit=1000')).json().tasks.map((t: { task_id: string }) => t.task_id);
    expect(running).not.toContain(taskId);
  });

  it('a failed stop drops it too', async () => {
    const s = await start(60_000);
    const taskId = await taskWithStatus(s, 'INCRMIGEATING');
    expect((await get(s, `/api/migration-tasks/${taskId}`)).json().status).toBe('INCRMIGEATING');
    await s.control('POST', `/tasks/${taskId}/status`, { status: 'PAUSED_BY_OPS' }); // changed behind the console's back
    expect((await get(s, `/api/migration-tasks/${taskId}`)).json().status).toBe('INCRMIGEATING'); // still cached
    await s.control('POST', '/faults', { route: STOP, status: 500, error_code: 'DCS.5000', times: 1 });
    expect((await post(s, `/api/migration-tasks/${taskId}/stop`)).statusCode).toBe(502);
    expect((await get(s, `/api/migration-tasks/${taskId}`)).json().status).toBe('PAUSED_BY_OPS');
  });

  it('a batch stop drops the stopped tasks and the lists, and keeps other tasks', async () => {
    const s = await start(60_000);
    const [a, b, other] = [await taskWithStatus(s, 'INCRMIGEATING', 0), await taskWithStatus(s, 'INCRMIGEATING', 1), await taskWithStatus(s, 'INCRMIGEATING', 2)];
    for (const id of [a, b, other]) await get(s, `/api/migration-tasks/${id}`);
    await get(s, '/api/migration-tasks?limit=10');
    await s.control('DELETE', '/requests');
    const res = await post(s, '/api/migration-tasks/batch-stop', { task_ids: [a, b] });
    expect(res.json().results.map((r: { result: string }) => r.result)).toEqual(['success', 'success']);
    expect(await count(s, LIST)).toBe(1); // the audit's read of names and statuses, past the cache
    for (const id of [a, b]) expect((await get(s, `/api/migration-tasks/${id}`)).json().status).toBe('TERMINATING');
    await get(s, `/api/migration-tasks/${other}`);
    expect(await count(s, DETAIL)).toBe(2); // `other` still came from the cache
    await get(s, '/api/migration-tasks?limit=10');
    expect(await count(s, LIST)).toBe(2);
  });

  it('a read that began before the stop does not put its answer in the cache after it (cached-reads.test.ts shows it with a stale answer)', async () => {
    const s = await start(60_000);
    const taskId = await taskWithStatus(s, 'INCRMIGEATING');
    await s.control('POST', '/faults', { route: DETAIL, latency_ms: 600, times: 1 });
    const slow = get(s, `/api/migration-tasks/${taskId}`); // answered after the stop
    await expect.poll(() => count(s, DETAIL)).toBe(1); // it has reached the cloud
    expect((await post(s, `/api/migration-tasks/${taskId}/stop`)).json().status).toBe('TERMINATING');
    await slow;
    expect(await count(s, DETAIL)).toBe(2); // the slow read and the audit's read before the stop
    expect((await get(s, `/api/migration-tasks/${taskId}`)).json().status).toBe('TERMINATING');
    expect(await count(s, DETAIL)).toBe(3); // not served by what the slow read brought back
    await get(s, `/api/migration-tasks/${taskId}`);
    expect(await count(s, DETAIL)).toBe(3);
  });
});
