// DNS rebinding: the console answers only to its own names. The review's repro (a page on
// attacker.example re-pointed at 127.0.0.1, stopping a task with the cookies and CSRF token it got
// from the console itself) is replayed over a real socket, where the port check applies.
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadAuthConfig } from '../config';
import { proxyAuth } from '../testing/proxy-users';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { parseHost } from './host-guard';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with a Host header of our choosing (fetch() will not send one). */
function send(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookieValue = (answer: RawAnswer, name: string) =>
  [answer.headers['set-cookie'] ?? []].flat().map((c) => new RegExp(`^${name}=([^;]+)`).exec(c)?.[1]).find(Boolean);

describe('AUTH_MODE=none on a real socket: loopback names on the console port only', () => {
  let stack: TestStack;
  let port: number;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'dcs-host-guard-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    stack = await startTestStack({ app: { staticDir } });
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    port = (stack.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await stack.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("refuses the review's rebinding repro with 421 before the stop reaches the cloud or the audit", async () => {
    const taskId = (await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING,FULLMIGRATING,MIGRATING' })).json().tasks[0].task_id as string;
    const host = `attacker.example:${port}`;
    const session = await send(port, '/api/session', { host });
    expect(session.status).toBe(421);
    expect(JSON.parse(session.body).error).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    expect(JSON.parse(session.body).error.message).toContain('"attacker.example:');
    expect(cookieValue(session, 'dcs_csrf')).toBeUndefined(); // no token handed out to the rebinding page

    // Even with a token the page got some other way (the console's own one), the stop is refused.
    const own = await send(port, '/api/session', { host: `127.0.0.1:${port}` });
    const token = cookieValue(own, 'dcs_csrf')!;
    expect(token).toBeTruthy();
    const before = (await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0;
    const stop = await send(
      port,
      `/api/migration-tasks/${taskId}/stop`,
      { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', cookie: `dcs_csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ reason: 'x' }),
    );
    expect(stop.status).toBe(421);
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(before);
    expect((await stack.audit.list({ limit: 10, offset: 0 })).records).toEqual([]);
  });

  it('refuses every route with the security headers on: static files, the page, 404s, health', async () => {
    for (const path of ['/', '/assets/app.js', '/targets/test/tasks/x', '/api/nope', '/healthz']) {
      const answer = await send(port, path, { host: 'rebind.attacker.example' });
      expect(answer.status, path).toBe(421);
      expect(answer.headers['x-frame-options'], path).toBe('DENY');
      expect(answer.headers['content-security-policy'], path).toContain("default-src 'self'");
    }
  });

  it('answers to localhost, 127.0.0.1 and [::1] on its own port, not on another or without a Host', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, `localhost.:${port}`]) {
      expect((await send(port, '/api/session', { host })).status, host).toBe(200);
      expect((await send(port, '/assets/app.js', { host })).status, host).toBe(200);
    }
    for (const host of [`localhost:${port + 1}`, 'localhost', `127.0.0.2:${port}`, `localhost.attacker.example:${port}`, `0.0.0.0:${port}`]) {
      expect((await send(port, '/api/session', { host })).status, host).toBe(421);
    }
  });
});

describe('oidc and proxy modes: PUBLIC_URL, ALLOWED_HOSTS and forwarded hosts', () => {
  let stack: TestStack;
  beforeAll(async () => {
    const auth = loadAuthConfig(
      { ...proxyEnv(), PUBLIC_URL: 'https://console.example.com', ALLOWED_HOSTS: 'console.internal:8080, Ops-Console.example.org.' },
      { host: '127.0.0.1', port: 8080, cloud: true },
    );
    stack = await startTestStack({ app: { auth } });
  });
  afterAll(() => stack.close());
  const viewer = { 'x-forwarded-user': 'vera', 'x-forwarded-groups': 'readers' };
  const ask = (headers: Record<string, string>) => stack.app.inject({ url: '/api/session', headers: { ...viewer, ...headers }, remoteAddress: '127.0.0.1' });

  it("answers to PUBLIC_URL's host (any port) and the ALLOWED_HOSTS entries, in any case", async () => {
    for (const host of ['console.example.com', 'console.example.com:443', 'Console.Example.COM', 'console.internal:8080', 'ops-console.example.org']) {
      expect((await ask({ host })).statusCode, host).toBe(200);
    }
  });

  it('refuses other names, an entry on another port, and a forged identity with them', async () => {
    for (const host of ['attacker.example', 'console.internal:9090', 'console.example.com.attacker.example', 'example.com']) {
      const res = await ask({ host });
      expect(res.statusCode, host).toBe(421);
      expect(errorOf(res).code).toBe('HOST_NOT_ALLOWED');
      expect(errorOf(res).message).toContain('ALLOWED_HOSTS');
    }
  });

  it('checks a trusted proxy’s X-Forwarded-Host too: a rebinding page cannot pass one with a loopback Host', async () => {
    expect((await ask({ host: '127.0.0.1:8080', 'x-forwarded-host': 'console.example.com' })).statusCode).toBe(200);
    expect((await ask({ host: '127.0.0.1:8080', 'x-forwarded-host': 'attacker.example' })).statusCode).toBe(421);
    expect((await ask({ host: 'attacker.example', 'x-forwarded-host': 'console.example.com' })).statusCode).toBe(421);
  });
});

function proxyEnv() {
  return { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_VIEWER_GROUPS: 'readers', AUTH_PROXY_TRUSTED: '127.0.0.1' };
}

describe('ALLOWED_HOSTS configuration', () => {
  const where = { host: '127.0.0.1', port: 8080, cloud: true };
  it('is refused with AUTH_MODE=none, and for anything that is not a host name', () => {
    expect(() => loadAuthConfig({ ALLOWED_HOSTS: 'console.example.com' }, { ...where, cloud: false })).toThrow(/^ALLOWED_HOSTS: cannot be used with AUTH_MODE=none/);
    for (const bad of ['https://console.example.com', 'console.example.com/x', '*.example.com', 'user@host', 'host:port']) {
      expect(() => loadAuthConfig({ ...proxyEnv(), ALLOWED_HOSTS: bad }, where), bad).toThrow(ConfigError);
    }
    expect(loadAuthConfig({ ...proxyEnv(), ALLOWED_HOSTS: 'A.example.com,[::1]:8443,10.0.0.5' }, where).allowedHosts).toEqual(['a.example.com', '[::1]:8443', '10.0.0.5']);
  });

  it('in-process requests (inject, no socket) pass on a loopback name whatever the port', async () => {
    const stack = await startTestStack({ app: { auth: proxyAuth() } });
    try {
      const res = await stack.app.inject({ url: '/api/session', headers: { 'x-forwarded-user': 'olga', 'x-forwarded-groups': 'ops' } });
      expect(res.statusCode).toBe(200);
    } finally {
      await stack.close();
    }
  });
});

describe('parseHost', () => {
  it('reads name and port, lower case, without a trailing dot; refuses what is not a host', () => {
    expect(parseHost('Example.COM.:8080')).toEqual({ name: 'example.com', port: 8080 });
    expect(parseHost('[::1]')).toEqual({ name: '[::1]', port: null });
    expect(parseHost('')).toBeNull();
    expect(parseHost('a:b:c')).toBeNull();
  });
});
