import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
type Summary = { task_id: string; task_name: string; status: string; migration_type: string };
let all: Summary[];

const byStatus = (status: string) => {
  const task = all.find((t) => t.status === status);
  if (!task) throw new Error(`the simulator seeded no ${status} task`);
  return task;
};

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.control('POST', '/reset');
  all = (await stack.app.inject({ url: '/api/migration-tasks?limit=1000' })).json().tasks;
});

describe('GET /api/migration-tasks', () => {
  it('passes offset, limit and name through and returns the total count', async () => {
    const page = await stack.app.inject({ url: '/api/migration-tasks?offset=2&limit=5' });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.count).toBe(all.length);
    expect(body.tasks.map((t: Summary) => t.task_id)).toEqual(all.slice(2, 7).map((t) => t.task_id));

    const name = all[0]!.task_name;
    const filtered = (await stack.app.inject({ url: `/api/migration-tasks?name=${encodeURIComponent(name)}` })).json();
    expect(filtered.tasks.length).toBeGreaterThan(0);
    for (const task of filtered.tasks) expect(task.task_name).toContain(name);
  });

  it('filters by status across the whole upstream list, with count and paging over the matches', async () => {
    const incremental = all.filter((t) => t.status === 'INCRMIGEATING');
    expect(incremental.length).toBeGreaterThanOrEqual(3);
    const res = await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING,TERMINATED&limit=2&offset=1' });
    const body = res.json();
    const expected = all.filter((t) => t.status === 'INCRMIGEATING' || t.status === 'TERMINATED');
    expect(body.count).toBe(expected.length);
    expect(body.tasks.map((t: Summary) => t.task_id)).toEqual(expected.slice(1, 3).map((t) => t.task_id));
  });

  it('keeps fields and statuses the console does not know', async () => {
    const task = byStatus('SUCCESS');
    await stack.control('POST', `/tasks/${task.task_id}/status`, { status: 'SWITCHING_OVER' });
    const body = (await stack.app.inject({ url: '/api/migration-tasks?limit=1000' })).json();
    expect(body.tasks.find((t: Summary) => t.task_id === task.task_id).status).toBe('SWITCHING_OVER');
  });
});

describe('GET /api/migration-tasks/:id', () => {
  it('returns the task with every password removed and says a password is set', async () => {
    const task = byStatus('INCRMIGEATING');
    const raw = (await stack.control('GET', `/tasks/${task.task_id}`)) as { source?: { password?: string }; target?: { password?: string } };
    const secrets = [raw.source?.password, raw.target?.password].filter((p): p is string => !!p);
    expect(secrets.length).toBeGreaterThan(0);

    const res = await stack.app.inject({ url: `/api/migration-tasks/${task.task_id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.task_id).toBe(task.task_id);
    expect(body.target_instance.password_set).toBe(true);
    expect(res.body).not.toMatch(/"password"/);
    for (const secret of secrets) {
      expect(res.body).not.toContain(secret);
      expect(stack.logs.join('')).not.toContain(secret);
    }
  });

  it('answers 404 TASK_NOT_FOUND for a task the cloud does not know, keeping the DCS code', async () => {
    const res = await stack.app.inject({ url: '/api/migration-tasks/00000000-0000-0000-0000-000000000000' });
    expect(res.statusCode).toBe(404);
    const error = errorOf(res);
    expect(error.code).toBe('TASK_NOT_FOUND');
    expect(error.upstream).toMatchObject({ status: 400, error_code: 'DCS.4133' });
    expect(error.request_id).toBe(res.headers['x-request-id']);
  });

  it('returns progress for an online migration', async () => {
    const task = all.find((t) => t.status === 'FULLMIGRATING' && t.migration_type === 'online_migration')!;
    const res = await stack.app.inject({ url: `/api/migration-tasks/${task.task_id}/stats` });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).toEqual(expect.arrayContaining(['full_migration_progress', 'offset', 'source_dbsize', 'target_dbsize']));
  });
});

describe('invalid input never reaches the cloud', () => {
  it.each([
    ['/api/migration-tasks/bad_id!', 'INVALID_TASK_ID'],
    [`/api/migration-tasks/${'a'.repeat(65)}`, 'INVALID_TASK_ID'],
    ['/api/migration-tasks/..%2F..%2Fsecret', 'INVALID_TASK_ID'],
    ['/api/migration-tasks/a%20b/stats', 'INVALID_TASK_ID'],
    ['/api/migration-tasks?limit=0', 'INVALID_QUERY'],
    ['/api/migration-tasks?limit=1001', 'INVALID_QUERY'],
    ['/api/migration-tasks?offset=-1', 'INVALID_QUERY'],
    ['/api/migration-tasks?offset=1.5', 'INVALID_QUERY'],
    ['/api/migration-tasks?limit=ten', 'INVALID_QUERY'],
    ['/api/migration-tasks?status=running', 'INVALID_QUERY'],
    ['/api/migration-tasks?name=a&name=b', 'INVALID_QUERY'],
    [`/api/migration-tasks?name=${'x'.repeat(129)}`, 'INVALID_QUERY'],
    ['/api/migration-tasks?project_id=other', 'INVALID_QUERY'],
    // Names every object inherits are still unknown parameters (found by http/fuzz.test.ts).
    ['/api/migration-tasks?constructor=x', 'INVALID_QUERY'],
    ['/api/migration-tasks?__proto__=x', 'INVALID_QUERY'],
    ['/api/migration-tasks?toString=x', 'INVALID_QUERY'],
    [`/api/migration-tasks/${'a'.repeat(300)}`, 'INVALID_TASK_ID'],
  ])('GET %s → 400 %s', async (url, code) => {
    const before = (await stack.upstreamRequests()).total;
    const res = await stack.app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe(code);
    expect(errorOf(res).message.length).toBeGreaterThan(10);
    expect((await stack.upstreamRequests()).total).toBe(before);
  });

  it.each([
    ['/api/migration-tasks?limit=1&limit=2', 'limit'],
    ['/api/migration-tasks?offset=0&name=a&offset=1', 'offset'],
    ['/api/audit?limit=1&limit=1', 'limit'],
    ['/api/migration-tasks/abc/stats?target=sim&target=sim', 'target'],
  ])('GET %s → 400 INVALID_QUERY naming the parameter given twice, nothing sent upstream', async (url, field) => {
    const before = (await stack.upstreamRequests()).total;
    const res = await stack.app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_QUERY', message: `Query parameter given more than once: ${field}.` });
    expect(res.json().error.details).toEqual([{ field, problem: 'given more than once' }]);
    expect((await stack.upstreamRequests()).total).toBe(before);
  });

  it('an unknown route is a 404 in the error shape', async () => {
    const res = await stack.app.inject({ url: '/api/instances' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('ROUTE_NOT_FOUND');
  });

  it('a task id longer than any request line Fastify would route is still answered in the error shape', async () => {
    const res = await stack.app.inject({ url: `/api/migration-tasks/${'a'.repeat(17 * 1024)}` });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', request_id: res.headers['x-request-id'] });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/api/%', '/api/migration-tasks/%zz', '/%ff', '/targets/%E0%A4%A'])('a path that is not valid percent-encoding (%s) is a 404 in the error shape, with the security headers', async (url) => {
    const res = await stack.app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: `No console route for GET ${url}.`, request_id: res.headers['x-request-id'] });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('POST /api/migration-tasks/:id/stop', () => {
  const stop = async (taskId: string, headers: Record<string, string> = {}, payload: unknown = {}) => {
    const { cookie, token } = await stack.csrf();
    return stack.app.inject({
      method: 'POST',
      url: `/api/migration-tasks/${taskId}/stop`,
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(payload),
    });
  };

  it('returns the task as the cloud returned it (TERMINATING, with instance details, no password), then it settles', async () => {
    const task = byStatus('INCRMIGEATING');
    const res = await stop(task.task_id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ task_id: task.task_id, status: 'TERMINATING', target_instance: { password_set: true } });
    expect(body.target_instance.name ?? body.target_instance.addrs).toBeTruthy();
    expect(res.body).not.toMatch(/"password"/);
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop']).toBe(1);

    const statusNow = async () => (await stack.app.inject({ url: `/api/migration-tasks/${task.task_id}` })).json().status;
    stack.clock.advance(299); // the stack's simulator settles a stop after 300 ms of its clock
    expect(await statusNow()).toBe('TERMINATING');
    stack.clock.advance(1);
    expect(await statusNow()).toBe('TERMINATED');
  });

  it('a refused stop keeps the DCS code, message and request id', async () => {
    const task = byStatus('TERMINATED');
    const res = await stop(task.task_id);
    expect(res.statusCode).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('STOP_NOT_ALLOWED');
    expect(error.upstream).toMatchObject({ status: 400, error_code: 'DCS.4957' });
    expect(error.upstream?.error_msg).toMatch(/\w/);
    expect(error.upstream?.request_id).toMatch(/\w/);
  });

  it('refuses a request without the CSRF token or from another site, without calling the cloud', async () => {
    const task = byStatus('INCRMIGEATING');
    const noToken = await stack.app.inject({ method: 'POST', url: `/api/migration-tasks/${task.task_id}/stop` });
    expect(noToken.statusCode).toBe(403);
    expect(errorOf(noToken).code).toBe('CSRF_REJECTED');
    const crossSite = await stop(task.task_id, { 'sec-fetch-site': 'cross-site' });
    expect(errorOf(crossSite).code).toBe('CSRF_REJECTED');
    const otherOrigin = await stop(task.task_id, { origin: 'https://evil.example' });
    expect(errorOf(otherOrigin).code).toBe('CSRF_REJECTED');
    const wrongToken = await stop(task.task_id, { 'x-csrf-token': 'x'.repeat(32) });
    expect(errorOf(wrongToken).code).toBe('CSRF_REJECTED');
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(0);
  });

  it.each([
    ['text/plain', '{"reason":"x"}'],
    ['text/plain; charset=utf-8', 'stop it'],
    ['application/xml', '<stop/>'],
    ['application/x-www-form-urlencoded', 'reason=x'],
  ])('a %s body is 415 INVALID_BODY, like any body that is not JSON, and nothing is sent upstream', async (type, payload) => {
    const before = (await stack.upstreamRequests()).total;
    const { cookie, token } = await stack.csrf();
    for (const url of [`/api/migration-tasks/${byStatus('INCRMIGEATING').task_id}/stop`, '/api/migration-tasks/batch-stop']) {
      const res = await stack.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': token, 'content-type': type }, payload });
      expect([res.statusCode, errorOf(res).code], url).toEqual([415, 'INVALID_BODY']);
      expect(errorOf(res).message).toMatch(/must be JSON/);
    }
    expect((await stack.upstreamRequests()).total).toBe(before);
  });

  it('refuses a malformed body or id before calling the cloud', async () => {
    const before = (await stack.upstreamRequests()).total;
    const { cookie, token } = await stack.csrf();
    const badJson = await stack.app.inject({
      method: 'POST',
      url: `/api/migration-tasks/${byStatus('INCRMIGEATING').task_id}/stop`,
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
      payload: '{"reason":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(errorOf(badJson).code).toBe('INVALID_BODY');
    expect(errorOf(await stop('not/valid'))).toBeTruthy();
    expect(errorOf(await stop('bad!id')).code).toBe('INVALID_TASK_ID');
    expect((await stack.upstreamRequests()).total).toBe(before);
  });
});

describe('GET /api/migration-tasks/:id/logs', () => {
  it('returns the log newest first with its total, filtered by level', async () => {
    const failed = byStatus('MIGRATION_FAILED');
    const all = (await stack.app.inject({ url: `/api/migration-tasks/${failed.task_id}/logs?limit=100` })).json();
    expect(all.count).toBeGreaterThan(2);
    const times = all.logs.map((l: { created_at: string }) => Date.parse(l.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const errors = (await stack.app.inject({ url: `/api/migration-tasks/${failed.task_id}/logs?level=ERROR` })).json();
    expect(errors.count).toBeGreaterThan(0);
    expect(errors.count).toBeLessThan(all.count);
    for (const log of errors.logs) expect(log.log_level).toBe('ERROR');
    const page = (await stack.app.inject({ url: `/api/migration-tasks/${failed.task_id}/logs?offset=1&limit=2` })).json();
    expect(page.logs).toEqual(all.logs.slice(1, 3));
  });

  it.each(['level=DEBUG', 'limit=0', 'limit=101', 'offset=-1', 'log_level=INFO'])('refuses ?%s before calling the cloud', async (query) => {
    const before = (await stack.upstreamRequests()).total;
    const res = await stack.app.inject({ url: `/api/migration-tasks/${byStatus('INCRMIGEATING').task_id}/logs?${query}` });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QUERY');
    expect((await stack.upstreamRequests()).total).toBe(before);
  });
});
