import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

// How a failure that persists reads: one attempt per call, so each fault answers the one request.
// Retries of reads are proven in resilience.test.ts.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ dcs: { retry: { attempts: 1 } } });
});
afterAll(() => stack.close());
beforeEach(() => stack.control('POST', '/reset'));

describe('every upstream failure becomes a readable error', () => {
  it.each([
    [500, 'DCS.5000', 502, 'UPSTREAM_ERROR'],
    [429, 'APIGW.0308', 503, 'UPSTREAM_THROTTLED'],
    [401, 'APIGW.0301', 502, 'UPSTREAM_AUTH_FAILED'],
    [403, 'DCS.2003', 502, 'UPSTREAM_FORBIDDEN'],
    [400, 'DCS.4800', 502, 'UPSTREAM_REJECTED'],
  ])('upstream %i %s → %i %s with the DCS code and upstream request id', async (status, errorCode, expectedStatus, code) => {
    await stack.control('POST', '/faults', { status, error_code: errorCode, error_msg: `injected ${errorCode}`, times: 1 });
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(res.statusCode).toBe(expectedStatus);
    const error = errorOf(res);
    expect(error.code).toBe(code);
    expect(error.upstream).toMatchObject({ status, error_code: errorCode, error_msg: `injected ${errorCode}` });
    expect(error.upstream?.request_id).toMatch(/\w/);
    if (status === 429) expect(res.headers['retry-after']).toBeDefined();
  });

  it('DCS.4957 ("not allowed for this task") on a read is not STOP_NOT_ALLOWED', async () => {
    const [task] = (await stack.app.inject({ url: '/api/migration-tasks?limit=1' })).json().tasks as { task_id: string }[];
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}', status: 400, error_code: 'DCS.4957', times: 1 });
    const res = await stack.app.inject({ url: `/api/migration-tasks/${task!.task_id}` });
    expect([res.statusCode, errorOf(res).code]).toEqual([502, 'UPSTREAM_REJECTED']);
  });

  it('a dropped connection is UPSTREAM_UNREACHABLE', async () => {
    await stack.control('POST', '/faults', { drop_connection: true, times: 1 });
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(res.statusCode).toBe(502);
    expect(errorOf(res).code).toBe('UPSTREAM_UNREACHABLE');
    expect(errorOf(res).message).toMatch(/^The DCS API cannot be reached \([A-Z_]+\)\.$/); // said once
  });

  it('a slow cloud is a 504 UPSTREAM_TIMEOUT, and a timed-out stop says its outcome is unknown', async () => {
    const tasks: { task_id: string; status: string }[] = (await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING' })).json().tasks;
    await stack.control('POST', '/faults', { latency_ms: 2500, times: 1 });
    await stack.control('POST', '/faults', { route: 'POST /migration-task/{id}/stop', latency_ms: 2500, times: 1 });
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(res.statusCode).toBe(504);
    expect(errorOf(res).code).toBe('UPSTREAM_TIMEOUT');
    const { cookie, token } = await stack.csrf();
    const stop = await stack.app.inject({
      method: 'POST',
      url: `/api/migration-tasks/${tasks[0]!.task_id}/stop`,
      headers: { cookie, 'x-csrf-token': token },
    });
    expect(stop.statusCode).toBe(504);
    expect(errorOf(stop).message).toMatch(/may or may not have been applied/);
  });

  it('wrong credentials are UPSTREAM_AUTH_FAILED and the secret key is never logged', async () => {
    const wrong = await startTestStack({ auth: (sim) => ({ kind: 'aksk', ak: sim.ak, sk: 'wrong-secret-key-value-123' }) });
    try {
      const res = await wrong.app.inject({ url: '/api/migration-tasks' });
      expect(res.statusCode).toBe(502);
      expect(errorOf(res)).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', upstream: { status: 401, error_code: 'APIGW.0301' } });
      expect(res.body + wrong.logs.join('')).not.toContain('wrong-secret-key-value-123');
    } finally {
      await wrong.close();
    }
  });

  it('a refused connection is UPSTREAM_UNREACHABLE', async () => {
    const port = await freePort();
    const dcs = { endpoint: new URL(`http://127.0.0.1:${port}`), projectId: '0'.repeat(32), auth: { kind: 'token' as const, token: 't' }, connectTimeoutMs: 500, timeoutMs: 1000 };
    const down = await startTestStack({ app: { targets: [{ id: 'down', label: 'Down', region: 'r', simulated: false, dcs }] } });
    try {
      const res = await down.app.inject({ url: '/api/migration-tasks' });
      expect(res.statusCode).toBe(502);
      expect(errorOf(res).code).toBe('UPSTREAM_UNREACHABLE');
      expect(errorOf(res).message).toBe('The DCS API cannot be reached (ECONNREFUSED).');
      expect(errorOf(res).upstream).toEqual({ status: 0, error_code: null, error_msg: null, request_id: null });
    } finally {
      await down.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
