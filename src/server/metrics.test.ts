// GET /metrics: Prometheus text, public, one registry per app; the series say what happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './testing/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ dcs: { cacheTtlMs: 60_000 } });
});
afterAll(() => stack.close());

/** The value of the sample `name` whose labels include `labels` (summed over the others); 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total += Number(match[3]);
  }
  return total;
}

const scrape = async (s: TestStack = stack) => {
  const res = await s.app.inject({ url: '/metrics' });
  expect(res.statusCode).toBe(200);
  return res.body;
};

describe('GET /metrics', () => {
  it('answers the Prometheus text format without sign-in, never cached, with the process metrics', async () => {
    const res = await stack.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(sample(res.body, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('counts requests by route template (never the raw URL), method and status, with their durations', async () => {
    const tasks: { task_id: string }[] = (await stack.app.inject({ url: '/api/migration-tasks?limit=3' })).json().tasks;
    for (const task of tasks) await stack.app.inject({ url: `/api/migration-tasks/${task.task_id}` });
    await stack.app.inject({ url: '/api/no-such-route/abc' });
    const text = await scrape();
    const route = '/api/migration-tasks/:taskId';
    expect(sample(text, 'http_requests_total', { route, method: 'GET', status: '200' })).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_count', { route, method: 'GET' })).toBe(3);
    expect(sample(text, 'http_requests_total', { route: 'unmatched', method: 'GET', status: '404' })).toBeGreaterThanOrEqual(1);
    for (const task of tasks) expect(text).not.toContain(task.task_id);
    expect(text).not.toContain('no-such-route');
  });

  it('cache hits after repeated reads, reads served by a call in flight after concurrent identical ones', async () => {
    const taskId = (await stack.app.inject({ url: '/api/migration-tasks?limit=1&offset=4' })).json().tasks[0].task_id as string;
    for (let i = 0; i < 5; i++) await stack.app.inject({ url: `/api/migration-tasks/${taskId}/stats` });
    await stack.control('POST', '/faults', { route: 'GET /migration-tasks', latency_ms: 200, times: 1 });
    await Promise.all(Array.from({ length: 10 }, () => stack.app.inject({ url: '/api/migration-tasks?limit=7' })));
    const text = await scrape();
    expect(sample(text, 'dcs_cache_misses_total', { target: 'test', operation: 'stats' })).toBe(1);
    expect(sample(text, 'dcs_cache_hits_total', { target: 'test', operation: 'stats' })).toBe(4);
    expect(sample(text, 'dcs_coalesced_requests_total', { target: 'test', operation: 'list' })).toBe(9);
    expect(sample(text, 'dcs_upstream_requests_total', { target: 'test', operation: 'stats', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'dcs_upstream_request_duration_seconds_count', { target: 'test', operation: 'list' })).toBeGreaterThanOrEqual(2);
  });

  it('counts console errors by code and failed upstream attempts by outcome', async () => {
    await stack.app.inject({ url: '/api/migration-tasks?limit=0' });
    await stack.app.inject({ url: '/api/migration-tasks/bad!id' });
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}', status: 500, error_code: 'DCS.5000', times: 3 });
    await stack.app.inject({ url: '/api/migration-tasks/00000000-0000-0000-0000-000000000001' });
    const text = await scrape();
    expect(sample(text, 'console_errors_total', { code: 'INVALID_QUERY' })).toBe(1);
    expect(sample(text, 'console_errors_total', { code: 'INVALID_TASK_ID' })).toBe(1);
    expect(sample(text, 'console_errors_total', { code: 'UPSTREAM_ERROR' })).toBe(1);
    expect(sample(text, 'dcs_upstream_requests_total', { target: 'test', operation: 'get', outcome: 'http_5xx' })).toBe(3);
    expect(sample(text, 'http_requests_total', { route: '/api/migration-tasks', method: 'GET', status: '400' })).toBe(1);
  });

  it('each app has its own registry: a second app in the same process starts from zero', async () => {
    const other = await startTestStack();
    try {
      const text = await scrape(other);
      expect(sample(text, 'http_requests_total', { route: '/api/migration-tasks/:taskId' })).toBe(0);
      expect(sample(text, 'console_errors_total')).toBe(0);
      expect(sample(await scrape(), 'http_requests_total', { route: '/api/migration-tasks/:taskId' })).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
