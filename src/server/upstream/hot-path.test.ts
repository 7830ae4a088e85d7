// The cheap path of a cached read (derived-memo.ts, http/security.ts): answers served from the
// cache are the same as the first one, cannot be altered between requests, follow a stop at once,
// and carry every security header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack';
import { DerivedMemo } from './derived-memo';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ dcs: { cacheTtlMs: 60_000 } });
});
afterAll(async () => stack.close());

const list = (query = 'limit=10') => stack.app.inject({ url: `/api/migration-tasks?${query}` });

describe('a cached read', () => {
  it('answers the same JSON as the first read, with one upstream call and no password', async () => {
    const before = (await stack.upstreamRequests()).total;
    const first = await list();
    const again = await list();
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toBe(first.body);
    expect(JSON.parse(again.body).tasks).toHaveLength(10);
    expect(again.body).not.toMatch(/"password"/);
    expect((await stack.upstreamRequests()).total - before).toBe(1);
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('shows a stop at once: the next read is the new state, not the kept one', async () => {
    const task = JSON.parse((await list('status=INCRMIGEATING&limit=1')).body).tasks[0] as { task_id: string };
    const detail = () => stack.app.inject({ url: `/api/migration-tasks/${task.task_id}` });
    expect(JSON.parse((await detail()).body).status).toBe('INCRMIGEATING');
    const { cookie, token } = await stack.csrf();
    const stop = await stack.app.inject({ method: 'POST', url: `/api/migration-tasks/${task.task_id}/stop`, headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' }, payload: '{}' });
    expect(stop.statusCode).toBe(200);
    expect(JSON.parse((await detail()).body).status).not.toBe('INCRMIGEATING');
  });

  it('pages of one cached status scan are each their own page', async () => {
    const page = async (offset: number) => (JSON.parse((await list(`status=TERMINATED,SUCCESS,INCRMIGEATING&offset=${offset}&limit=3`)).body) as { tasks: { task_id: string }[] }).tasks.map((t) => t.task_id);
    const [a, b] = [await page(0), await page(3)];
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
    expect(b.filter((id) => a.includes(id))).toEqual([]);
    expect(await page(0)).toEqual(a);
  });
});

describe('DerivedMemo', () => {
  it('derives once per source and key, and what it hands out cannot be changed by anyone it is shared with', () => {
    const memo = new DerivedMemo();
    const source = {};
    let runs = 0;
    const derive = () => ({ runs: ++runs, tasks: [{ status: 'INCRMIGEATING' }] });
    const first = memo.get(source, 'k', derive);
    expect(memo.get(source, 'k', derive)).toBe(first);
    expect(memo.get(source, 'other', derive).runs).toBe(2);
    expect(memo.get({}, 'k', derive).runs).toBe(3); // another upstream answer: derived anew
    expect(() => {
      (first.tasks[0] as { status: string }).status = 'TERMINATED';
    }).toThrow(TypeError);
    expect(first.tasks[0]!.status).toBe('INCRMIGEATING');
  });
});

describe('security headers, precomputed', () => {
  const HELMET = {
    'content-security-policy': expect.stringContaining("default-src 'self';"),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };

  it.each(['/api/migration-tasks?limit=10', '/api/migration-tasks?limit=0', '/api/migration-tasks/bad%20id', '/nope.js', '/healthz'])('%s carries the full set', async (url) => {
    const res = await stack.app.inject({ url });
    expect(res.headers).toMatchObject(HELMET);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
