// Headers and exposure: a strict CSP and friends on every answer, HSTS only over https, no
// internals in error bodies, a 404 in the error shape for anything that is not a route, and an
// access log with user and request id but no cookies or tokens.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
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

  it('behind https (PUBLIC_URL): HSTS, Secure __Host- cookies, upgrade-insecure-requests; oidc adds the issuer to form-action', async () => {
    const https = await startTestStack({ app: { auth: { ...demoAuthConfig(), publicUrl: new URL('https://console.example.com') } } });
    try {
      const res = await https.app.inject({ url: '/api/session' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      // __Host-: the browser keeps it only if Secure, Path=/ and without Domain, so no sibling domain can plant one.
      const session = res.json();
      expect(res.headers['set-cookie']).toBe(`__Host-dcs_csrf=${session.csrf_token}; Path=/; HttpOnly; Secure; SameSite=Strict`);
      expect(directives(String(res.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
      // The public origin is an accepted Origin for POSTs.
      const post = (cookie: string) =>
        https.app.inject({
          method: 'POST',
          url: '/api/migration-tasks/batch-stop',
          headers: { cookie, 'x-csrf-token': session.csrf_token, origin: 'https://console.example.com', 'content-type': 'application/json' },
          payload: JSON.stringify({ task_ids: ['missing'] }),
        });
      expect((await post(`__Host-dcs_csrf=${session.csrf_token}`)).statusCode).toBe(200);
      // The unprefixed name (which a sibling domain could set) is not read behind https.
      expect(errorOf(await post(`dcs_csrf=${session.csrf_token}`)).code).toBe('CSRF_REJECTED');
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
        'GET /api/overview',
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

describe('answers Node gives before any hook runs', () => {
  it('431 (headers over 16 KiB) carries the security headers, a request id and the error shape, on a real socket', async () => {
    const https = await startTestStack({ app: { auth: { ...demoAuthConfig(), publicUrl: new URL('https://console.example.com') } } });
    try {
      await https.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = https.app.server.address() as { port: number };
      const raw = await rawExchange(port, `GET /api/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
      const [head, body] = raw.split('\r\n\r\n') as [string, string];
      const [statusLine, ...lines] = head.split('\r\n');
      expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const csp = directives(headers.get('content-security-policy') ?? '');
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(headers.get('strict-transport-security')).toBe('max-age=31536000');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('connection')).toBe('close');
      expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body));
      expect(JSON.parse(body)).toEqual({ error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/headers are too large/), request_id: headers.get('x-request-id') } });
      // The console still serves the next connection.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await https.close();
    }
  });
});

/** Sends `request` as raw bytes on a fresh connection and returns all that comes back until the server closes it. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      socket.end();
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

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
