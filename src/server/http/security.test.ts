// Headers and exposure: a strict CSP and friends on every answer, HSTS only over https, no
// internals in error bodies, a 404 in the error shape for anything that is not a route, and an
// access log with user and request id but no cookies or tokens.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAuthConfig, loadAuthConfig } from '../config';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
let spaDir: string;
beforeAll(async () => {
  spaDir = mkdtempSync(join(tmpdir(), 'dcs-spa-'));
  writeFileSync(join(spaDir, 'index.html'), '<!doctype html><div id="root"></div>');
  stack = await startTestStack({ app: { staticDir: spaDir } });
  stack.app.get('/api/__boom', async () => {
    throw new Error('internal detail: password=hunter2 at /srv/secret/path.ts');
  });
});
afterAll(async () => {
  await stack.close();
  rmSync(spaDir, { recursive: true, force: true });
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it.each(['/api/session', '/', '/targets/test/tasks', '/api/nope', '/healthz', '/metrics'])('%s carries a strict CSP, no framing, no referrer', async (url) => {
    const res = await stack.app.inject({ url });
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]); // Mantine's runtime <style> elements
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-eval|\*/);
    expect(csp.has('upgrade-insecure-requests')).toBe(false); // plain http on loopback
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('API answers are never cached', async () => {
    expect((await stack.app.inject({ url: '/api/session' })).headers['cache-control']).toBe('no-store');
  });

  it('behind https (PUBLIC_URL): HSTS, Secure cookies, upgrade-insecure-requests; oidc adds the issuer to form-action', async () => {
    const https = await startTestStack({ app: { auth: { ...demoAuthConfig(), publicUrl: new URL('https://console.example.com') } } });
    try {
      const res = await https.app.inject({ url: '/api/session' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      expect(directives(String(res.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
      // The public origin is an accepted Origin for POSTs.
      const session = res.json();
      const cookie = `dcs_csrf=${session.csrf_token}`;
      const post = await https.app.inject({
        method: 'POST',
        url: '/api/migration-tasks/batch-stop',
        headers: { cookie, 'x-csrf-token': session.csrf_token, origin: 'https://console.example.com', 'content-type': 'application/json' },
        payload: JSON.stringify({ task_ids: ['missing'] }),
      });
      expect(post.statusCode).toBe(200);
    } finally {
      await https.close();
    }
    const oidc = loadAuthConfig(
      { AUTH_MODE: 'oidc', SESSION_SECRET: 's'.repeat(32), AUTH_OIDC_ISSUER: 'https://login.example.com/realms/x', AUTH_OIDC_CLIENT_ID: 'c', AUTH_OPERATOR_GROUPS: 'ops', PUBLIC_URL: 'https://console.example.com' },
      { host: '0.0.0.0', port: 8080, cloud: true },
    );
    const withOidc = await startTestStack({ app: { auth: oidc } });
    try {
      const res = await withOidc.app.inject({ url: '/healthz' });
      expect(directives(String(res.headers['content-security-policy'])).get('form-action')).toEqual(["'self'", 'https://login.example.com']);
    } finally {
      await withOidc.close();
    }
  });
});

describe('exposure', () => {
  it('an internal failure is a 500 INTERNAL in the error shape, with no stack trace or detail', async () => {
    const res = await stack.app.inject({ url: '/api/__boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String), request_id: res.headers['x-request-id'] } });
    expect(res.body).not.toMatch(/hunter2|\/srv\/|\.ts|at \w/);
  });

  it.each([
    ['GET', '/api/instances'],
    ['POST', '/api/instances'],
    ['DELETE', '/api/migration-tasks/abc'],
    ['PUT', '/api/session'],
    ['POST', '/api/session'],
    ['GET', '/assets/missing-1234.js'],
    ['GET', '/metrics.json'],
    ['GET', '/.env'],
    ['POST', '/targets/test'],
  ])('%s %s is a 404 in the error shape', async (method, url) => {
    const res = await stack.app.inject({ method: method as 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', request_id: res.headers['x-request-id'] });
  });

  it('exactly the routes of the design exist', async () => {
    const routes = parseRouteTree(stack.app.printRoutes({ commonPrefix: false })).filter((r) => r !== 'GET /api/__boom'); // this file's own probe
    expect(routes).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'GET /api/session',
        'GET /api/targets',
        'GET /api/migration-tasks',
        'POST /api/migration-tasks/batch-stop',
        'GET /api/migration-tasks/:taskId',
        'GET /api/migration-tasks/:taskId/stats',
        'GET /api/migration-tasks/:taskId/logs',
        'GET /api/migration-tasks/:taskId/history',
        'POST /api/migration-tasks/:taskId/stop-when-caught-up',
        'GET /api/migration-tasks/:taskId/stop-when-caught-up',
        'DELETE /api/migration-tasks/:taskId/stop-when-caught-up',
        'GET /api/stop-when-caught-up',
        'POST /api/migration-tasks/:taskId/stop',
        'GET /api/audit',
        'GET /index.html', // the SPA's files (this test's folder has only index.html)
      ].sort(),
    );
  });

  it('the access log names the user and request id, and never cookies, CSRF tokens or credentials', async () => {
    const { cookie, token } = await stack.csrf();
    const res = await stack.app.inject({ url: '/api/targets', headers: { cookie, 'x-csrf-token': token, authorization: 'Bearer some-bearer-token' } });
    const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).findLast((l) => l.msg === 'request completed' && (l.req as { path: string }).path === '/api/targets');
    expect(line).toMatchObject({ user: 'local operator', status: 200, req: { method: 'GET', path: '/api/targets', request_id: res.headers['x-request-id'] } });
    const logs = stack.logs.join('');
    for (const secret of [token, 'some-bearer-token', stack.simulator.sk]) expect(logs).not.toContain(secret);
  });
});

/** `printRoutes({ commonPrefix: false })` is a tree; flatten it to "METHOD /path" (HEAD omitted). */
function parseRouteTree(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes.sort();
}
