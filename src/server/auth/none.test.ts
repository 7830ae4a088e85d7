// AUTH_MODE=none: the local demo, everyone an operator, loopback only; forged requests are still
// refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../main';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
let other: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  other = await startTestStack();
});
afterAll(async () => {
  await stack.close();
  await other.close();
});

async function stoppable(): Promise<string> {
  return (await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING,FULLMIGRATING,MIGRATING' })).json().tasks[0].task_id as string;
}

describe('AUTH_MODE=none', () => {
  it('everyone is the local operator, and the session says so (auth_mode none, no sign-out)', async () => {
    const res = await stack.app.inject({ url: '/api/session' });
    expect(res.statusCode).toBe(200);
    const session = res.json();
    expect(session).toMatchObject({ user: { name: 'local operator' }, roles: ['operator'], auth_mode: 'none', simulated: true });
    expect(session.allowed_actions).toContain('migrationTask:stop');
    expect(session).not.toHaveProperty('logout_url');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^dcs_csrf=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
  });

  it('keeps the CSRF token stable while its cookie is valid', async () => {
    const { cookie, token } = await stack.csrf();
    const again = await stack.app.inject({ url: '/api/session', headers: { cookie } });
    expect(again.json().csrf_token).toBe(token);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('a cross-site form post or fetch cannot stop a task, nor can a token from another console', async () => {
    const taskId = await stoppable();
    const url = `/api/migration-tasks/${taskId}/stop`;
    const before = (await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0;
    const { cookie, token } = await stack.csrf();
    const foreign = await other.csrf();
    const attempts = [
      // <form method=post action=http://127.0.0.1:8080/api/...> on another site: no token, its own origin.
      { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie }, payload: 'x=1' },
      // Same, from a sandboxed page (Origin: null).
      { headers: { 'content-type': 'text/plain', origin: 'null', cookie }, payload: '{}' },
      // fetch() from another site with credentials: it cannot read the token, nor set the header without CORS.
      { headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie, 'x-csrf-token': token }, payload: '{}' },
      // A token minted by another console process (another secret).
      { headers: { 'content-type': 'application/json', cookie: foreign.cookie, 'x-csrf-token': foreign.token }, payload: '{}' },
      // The header without the cookie.
      { headers: { 'content-type': 'application/json', 'x-csrf-token': token }, payload: '{}' },
    ];
    for (const attempt of attempts) {
      const res = await stack.app.inject({ method: 'POST', url, ...attempt });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('CSRF_REJECTED');
    }
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(before);
    const ok = await stack.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': token, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(ok.statusCode).toBe(200);
  });

  it('has no sign-in routes', async () => {
    for (const [method, url] of [
      ['GET', '/auth/login'],
      ['GET', '/auth/callback?code=x&state=y'],
      ['POST', '/auth/logout'],
    ] as const) {
      const res = await stack.app.inject({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(errorOf(res).code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('start-up refuses none on a non-loopback HOST, and cloud targets without an explicit AUTH_MODE', async () => {
    await expect(startConsole({ HOST: '0.0.0.0', PORT: '0' }, { staticDir: null })).rejects.toThrow(/^AUTH_MODE: is none .*loopback/);
    const cloud = { DCS_ENDPOINT: 'https://dcs.ap-southeast-1.myhuaweicloud.com', DCS_PROJECT_ID: 'a'.repeat(32), HUAWEICLOUD_SDK_AK: 'AK', HUAWEICLOUD_SDK_SK: 'SK', PORT: '0' };
    await expect(startConsole(cloud, { staticDir: null })).rejects.toThrow(/^AUTH_MODE: must be set/);
  });
});
