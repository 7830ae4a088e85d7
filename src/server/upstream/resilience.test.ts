// When the cloud misbehaves: reads are retried within their budget, stops never are, and a hung
// upstream is cut at the timeout. Faults are injected in a real simulator; the simulator's request
// counts say what was sent.
import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { DcsClient, DcsUpstreamError } from './dcs-client';

const LIST = 'GET /migration-tasks';
const DETAIL = 'GET /migration-task/{id}';
const STOP = 'POST /migration-task/{id}/stop';
const BATCH_STOP = 'POST /migration-task/batch-stop';

let stack: TestStack;
const slept: number[] = [];
beforeAll(async () => {
  // Test target: DCS_TIMEOUT_MS 1500, so a read's budget is 2500 ms; sleeps are recorded.
  stack = await startTestStack({ dcs: { retry: { sleep: (ms) => (slept.push(ms), delay(ms)) } } });
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.control('POST', '/reset');
  slept.length = 0;
});

const count = async (route: string) => (await stack.upstreamRequests()).routes[route] ?? 0;
const fault = (spec: Record<string, unknown>) => stack.control('POST', '/faults', spec);
const firstTask = async (status: string) =>
  ((await stack.app.inject({ url: `/api/migration-tasks?status=${status}` })).json().tasks[0] as { task_id: string }).task_id;

async function post(url: string, payload: unknown = {}) {
  const { cookie, token } = await stack.csrf();
  return stack.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
}

describe('reads are retried', () => {
  it.each([
    ['one 500', { status: 500, error_code: 'DCS.5000' }],
    ['one 503', { status: 503 }],
    ['one dropped connection', { drop_connection: true }],
  ])('a list survives %s', async (_name, spec) => {
    await fault({ route: LIST, times: 1, ...spec });
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await count(LIST)).toBe(2);
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeLessThan(200); // first backoff: full jitter under 200 ms
  });

  it('a 429 with Retry-After: 1 is retried after waiting one second', async () => {
    await fault({ route: DETAIL, status: 429, error_code: 'APIGW.0308', retry_after: 1, times: 1 });
    const taskId = await firstTask('INCRMIGEATING');
    const started = performance.now();
    const res = await stack.app.inject({ url: `/api/migration-tasks/${taskId}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(slept).toEqual([1000]);
    expect(await count(DETAIL)).toBe(2);
  });

  it('gives up after three attempts with the last error', async () => {
    await fault({ route: LIST, status: 502, error_code: 'DCS.5070', times: 5 });
    await fault({ route: LIST, status: 500, error_code: 'DCS.5000', times: 1 }); // the newest fault answers first
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(res.statusCode).toBe(502);
    expect(errorOf(res)).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: { status: 502, error_code: 'DCS.5070' } });
    expect(await count(LIST)).toBe(3);
  });

  it('a read that keeps failing slowly ends within DCS_TIMEOUT_MS + 1 s, with the last error', async () => {
    await fault({ route: LIST, status: 503, latency_ms: 1000 });
    const started = performance.now();
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    const elapsed = performance.now() - started;
    // The last attempt may be cut short by the budget and time out.
    expect([502, 504]).toContain(res.statusCode);
    expect(['UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT']).toContain(errorOf(res).code);
    expect(elapsed).toBeLessThan(2500 + 400); // the budget: DCS_TIMEOUT_MS (1500) + 1 s
    expect(await count(LIST)).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['a 400', { status: 400, error_code: 'DCS.4800' }, 502, 'UPSTREAM_REJECTED'],
    ['a 401', { status: 401, error_code: 'APIGW.0301' }, 502, 'UPSTREAM_AUTH_FAILED'],
    ['a 404', { status: 404, error_code: 'DCS.4133' }, 404, 'TASK_NOT_FOUND'],
  ])('%s is not retried', async (_name, spec, status, code) => {
    await fault({ route: DETAIL, times: 1, ...spec });
    const res = await stack.app.inject({ url: `/api/migration-tasks/${await firstTask('INCRMIGEATING')}` });
    expect(res.statusCode).toBe(status);
    expect(errorOf(res).code).toBe(code);
    expect(await count(DETAIL)).toBe(1);
  });

  it('a timeout is not retried: the slow read is cut at DCS_TIMEOUT_MS', async () => {
    await fault({ route: LIST, latency_ms: 5000 });
    const started = performance.now();
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    const elapsed = performance.now() - started;
    expect(res.statusCode).toBe(504);
    expect(errorOf(res).code).toBe('UPSTREAM_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(1450);
    expect(elapsed).toBeLessThan(4500); // cut, not waited out: the answer would take 5 s (a wide margin for a busy machine)
    expect(await count(LIST)).toBe(1);
  });
});

describe('a stop is never retried', () => {
  it.each([
    ['a 500', { status: 500, error_code: 'DCS.5000' }, 'UPSTREAM_ERROR'],
    ['a 429', { status: 429, error_code: 'APIGW.0308', retry_after: 1 }, 'UPSTREAM_THROTTLED'],
    ['a dropped connection', { drop_connection: true }, 'UPSTREAM_UNREACHABLE'],
  ])('a stop hitting %s is sent exactly once', async (_name, spec, code) => {
    const taskId = await firstTask('INCRMIGEATING');
    await fault({ route: STOP, times: 1, ...spec });
    const res = await post(`/api/migration-tasks/${taskId}/stop`);
    expect(errorOf(res).code).toBe(code);
    expect(await count(STOP)).toBe(1);
    expect(slept).toEqual([]);
  });

  it('a batch stop hitting a 503 is sent exactly once', async () => {
    const taskId = await firstTask('INCRMIGEATING');
    await fault({ route: BATCH_STOP, status: 503, times: 1 });
    const res = await post('/api/migration-tasks/batch-stop', { task_ids: [taskId] });
    expect(res.statusCode).toBe(502);
    expect(await count(BATCH_STOP)).toBe(1);
  });
});

describe('a hung upstream is cut at the timeout', () => {
  let server: Server;
  let mode: 'silent' | 'headers-only' = 'silent';
  let requests = 0; // undici may open a spare connection after an abort; count requests received
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => {
        requests += 1;
        // Reads the request, then never finishes the answer.
        if (mode === 'headers-only') socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"count":');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['silent', 'headers-only'] as const)('an upstream that accepts and then stays %s: timeout after DCS_TIMEOUT_MS, one attempt', async (m) => {
    mode = m;
    requests = 0;
    const { port } = server.address() as { port: number };
    const client = new DcsClient({ endpoint: new URL(`http://127.0.0.1:${port}`), projectId: '0'.repeat(32), auth: { kind: 'token', token: 't' }, connectTimeoutMs: 500, timeoutMs: 800 });
    const started = performance.now();
    const error = await client.listMigrationTasks({ offset: 0, limit: 10 }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    await client.close();
    expect(error).toBeInstanceOf(DcsUpstreamError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(780);
    expect(elapsed).toBeLessThan(3000); // cut near 800 ms; without the timeout it would never end
    expect(requests).toBe(1);
  });
});
