// AUTH_MODE=proxy: identity headers believed only from AUTH_PROXY_TRUSTED (the TCP peer, not
// X-Forwarded-For); the same headers from anyone else are ignored.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../config';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { isTrustedPeer, trustedAddressList } from './proxy';

let stack: TestStack;
beforeAll(async () => {
  const auth = loadAuthConfig(
    { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_VIEWER_GROUPS: 'readers', AUTH_PROXY_TRUSTED: '127.0.0.1, ::1, 10.1.0.0/16', STOP_RATE_LIMIT: '2' },
    { host: '0.0.0.0', port: 8080, cloud: true },
  );
  stack = await startTestStack({ app: { auth } });
});
afterAll(() => stack.close());

type As = { user?: string; groups?: string; from?: string; headers?: Record<string, string> };

function inject(method: 'GET' | 'POST', url: string, as: As, payload?: unknown): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...as.headers };
  if (as.user !== undefined) headers['x-forwarded-user'] = as.user;
  if (as.groups !== undefined) headers['x-forwarded-groups'] = as.groups;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return stack.app.inject({ method, url, headers, remoteAddress: as.from ?? '127.0.0.1', payload: payload === undefined ? undefined : JSON.stringify(payload) });
}

async function csrfFor(as: As): Promise<{ cookie: string; token: string }> {
  const res = await inject('GET', '/api/session', as);
  expect(res.statusCode).toBe(200);
  const token = res.json().csrf_token as string;
  return { cookie: `dcs_csrf=${token}`, token };
}

async function stoppable(): Promise<string> {
  const res = await inject('GET', '/api/migration-tasks?status=INCRMIGEATING,FULLMIGRATING,MIGRATING', { user: 'reader', groups: 'readers' });
  return res.json().tasks[0].task_id as string;
}

describe('AUTH_MODE=proxy', () => {
  it('believes X-Forwarded-User / X-Forwarded-Groups from a trusted proxy and maps the groups to roles', async () => {
    const res = await inject('GET', '/api/session', { user: 'bob', groups: 'readers, ops' });
    expect(res.statusCode).toBe(200);
    const session = res.json();
    expect(session).toMatchObject({ user: { name: 'bob' }, roles: ['operator', 'viewer'], auth_mode: 'proxy' });
    expect(session.allowed_actions).toContain('migrationTask:stop');
    expect(session).not.toHaveProperty('logout_url');
    expect(session).not.toHaveProperty('expires_at');
    // From an address inside a trusted CIDR, also as an IPv4-mapped IPv6 address.
    expect((await inject('GET', '/api/session', { user: 'bob', groups: 'ops', from: '10.1.200.3' })).statusCode).toBe(200);
    expect((await inject('GET', '/api/session', { user: 'bob', groups: 'ops', from: '::ffff:10.1.2.3' })).statusCode).toBe(200);
  });

  it('ignores the same headers from anyone else: 401 UNAUTHENTICATED, and a warning in the log', async () => {
    for (const from of ['203.0.113.9', '10.2.0.1', '::ffff:192.0.2.1', '2001:db8::1']) {
      const res = await inject('GET', '/api/migration-tasks', { user: 'mallory', groups: 'ops', from });
      expect(res.statusCode, from).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
      expect(res.json().error).not.toHaveProperty('login_url');
    }
    // X-Forwarded-For cannot make an untrusted peer look trusted.
    const spoofed = await inject('GET', '/api/session', { user: 'mallory', groups: 'ops', from: '203.0.113.9', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(spoofed.statusCode).toBe(401);
    expect(stack.logs.some((line) => line.includes('"event":"auth.untrusted_proxy_headers"') && line.includes('203.0.113.9'))).toBe(true);
  });

  it('a trusted request without a user header, or with an empty or doubled one, is not signed in', async () => {
    expect((await inject('GET', '/api/session', { groups: 'ops' })).statusCode).toBe(401);
    expect((await inject('GET', '/api/session', { user: '  ', groups: 'ops' })).statusCode).toBe(401);
    const doubled = await stack.app.inject({ url: '/api/session', headers: { 'x-forwarded-user': ['bob', 'alice'] as unknown as string } });
    expect(doubled.statusCode).toBe(401);
    const doubledGroups = await stack.app.inject({ url: '/api/session', headers: { 'x-forwarded-user': 'bob', 'x-forwarded-groups': ['readers', 'ops'] as unknown as string } });
    expect(doubledGroups.statusCode).toBe(401);
  });

  it('viewer: list and details yes, stop 403 FORBIDDEN; a user in no mapped group may do nothing', async () => {
    const taskId = await stoppable();
    const viewer = { user: 'vera', groups: 'readers' };
    expect((await inject('GET', '/api/migration-tasks', viewer)).statusCode).toBe(200);
    expect((await inject('GET', `/api/migration-tasks/${taskId}`, viewer)).statusCode).toBe(200);
    const { cookie, token } = await csrfFor(viewer);
    const stop = await inject('POST', `/api/migration-tasks/${taskId}/stop`, { ...viewer, headers: { cookie, 'x-csrf-token': token } }, {});
    expect(stop.statusCode).toBe(403);
    expect(errorOf(stop).code).toBe('FORBIDDEN');

    const stranger = { user: 'sam', groups: 'marketing' };
    expect((await inject('GET', '/api/session', stranger)).json()).toMatchObject({ roles: [], allowed_actions: [] });
    expect((await inject('GET', '/api/migration-tasks', stranger)).statusCode).toBe(403);
  });

  it("the session names the default target's project and endpoint only to a user with a role", async () => {
    const full = { region: 'test-region', project_id: stack.simulator.projectId, endpoint_host: new URL(stack.simulator.url).host };
    for (const who of [{ user: 'vera', groups: 'readers' }, { user: 'bob', groups: 'ops' }]) {
      expect((await inject('GET', '/api/session', who)).json().target, who.user).toEqual(full);
    }
    const stranger = await inject('GET', '/api/session', { user: 'sam', groups: 'marketing' });
    expect(stranger.statusCode).toBe(200);
    expect(stranger.json().target).toEqual({ region: 'test-region' });
    expect(stranger.body).not.toContain(stack.simulator.projectId);
    expect(stranger.body).not.toContain(new URL(stack.simulator.url).host);
  });

  it('an operator stops with the CSRF token; a token issued to another user, or a cross-site request, is refused', async () => {
    const taskId = await stoppable();
    const bob = { user: 'bob', groups: 'ops' };
    const carol = { user: 'carol', groups: 'ops' };
    const bobs = await csrfFor(bob);
    const carols = await csrfFor(carol);
    const before = (await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0;

    const withCarolsToken = await inject('POST', `/api/migration-tasks/${taskId}/stop`, { ...bob, headers: { cookie: carols.cookie, 'x-csrf-token': carols.token } }, {});
    expect(errorOf(withCarolsToken).code).toBe('CSRF_REJECTED');
    const crossSite = await inject('POST', `/api/migration-tasks/${taskId}/stop`, { ...bob, headers: { cookie: bobs.cookie, 'x-csrf-token': bobs.token, 'sec-fetch-site': 'cross-site' } }, {});
    expect(errorOf(crossSite).code).toBe('CSRF_REJECTED');
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(before);

    const ok = await inject('POST', `/api/migration-tasks/${taskId}/stop`, { ...bob, headers: { cookie: bobs.cookie, 'x-csrf-token': bobs.token, origin: 'http://localhost:80' } }, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('TERMINATING');
  });

  it('takes the protocol from a trusted proxy only: X-Forwarded-Proto https makes cookies Secure and adds HSTS', async () => {
    const viaTls = await inject('GET', '/api/session', { user: 'dora', groups: 'ops', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(String(viaTls.headers['set-cookie'])).toMatch(/; Secure/);
    const plain = await inject('GET', '/api/session', { user: 'dora', groups: 'ops' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
    const untrusted = await inject('GET', '/healthz', { from: '203.0.113.9', headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });

  it('limits stops per user (STOP_RATE_LIMIT=2), stop and batch stop together', async () => {
    const erin = { user: 'erin', groups: 'ops' };
    const { cookie, token } = await csrfFor(erin);
    const headers = { cookie, 'x-csrf-token': token };
    const first = await inject('POST', '/api/migration-tasks/missing-1/stop', { ...erin, headers }, {});
    const second = await inject('POST', '/api/migration-tasks/batch-stop', { ...erin, headers }, { task_ids: ['missing-2'] });
    expect([first.statusCode, second.statusCode]).not.toContain(429);
    const third = await inject('POST', '/api/migration-tasks/missing-3/stop', { ...erin, headers }, {});
    expect(third.statusCode).toBe(429);
    expect(errorOf(third).code).toBe('RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBe(60);
    // The window follows the console's clock: 59 s on, still refused; a minute on, a fresh budget.
    stack.clock.advance(59_000);
    const fourth = await inject('POST', '/api/migration-tasks/missing-5/stop', { ...erin, headers }, {});
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBe(1);
    stack.clock.advance(1_000);
    const nextMinute = await inject('POST', '/api/migration-tasks/missing-6/stop', { ...erin, headers }, {});
    expect(nextMinute.statusCode).not.toBe(429);
    const frank = { user: 'frank', groups: 'ops' };
    const franks = await csrfFor(frank);
    const other = await inject('POST', '/api/migration-tasks/missing-4/stop', { ...frank, headers: { cookie: franks.cookie, 'x-csrf-token': franks.token } }, {});
    expect(other.statusCode).not.toBe(429);
  });
});

describe('AUTH_MODE=proxy: the warning about identity headers from an untrusted address', () => {
  const warnings = (from: string) =>
    stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.event === 'auth.untrusted_proxy_headers' && l.remote === from);

  it('is written at most once per address a minute (on the console clock), the next one counting those left out', async () => {
    const [noisy, other] = ['198.51.100.7', '198.51.100.8'];
    for (let i = 0; i < 5; i++) expect((await inject('GET', '/api/session', { user: 'mallory', groups: 'ops', from: noisy })).statusCode).toBe(401);
    expect(warnings(noisy)).toEqual([expect.objectContaining({ level: 40, suppressed: 0 })]);
    // Another address has its own line.
    await inject('GET', '/api/session', { user: 'mallory', from: other });
    expect(warnings(other)).toHaveLength(1);
    stack.clock.advance(59_999);
    await inject('GET', '/api/session', { user: 'mallory', from: noisy });
    expect(warnings(noisy)).toHaveLength(1);
    stack.clock.advance(1);
    await inject('GET', '/api/session', { user: 'mallory', from: noisy });
    expect(warnings(noisy)).toHaveLength(2);
    expect(warnings(noisy)[1]).toMatchObject({ suppressed: 5 });
    // Without identity headers there is nothing to warn about.
    await inject('GET', '/api/session', { from: '198.51.100.9' });
    expect(warnings('198.51.100.9')).toEqual([]);
  });
});

describe('AUTH_MODE=proxy with header names set by AUTH_PROXY_USER_HEADER / AUTH_PROXY_GROUPS_HEADER', () => {
  it('reads those headers and no others', async () => {
    const auth = loadAuthConfig(
      { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_PROXY_USER_HEADER: 'X-Auth-Request-Email', AUTH_PROXY_GROUPS_HEADER: 'X-Auth-Request-Groups' },
      { host: '127.0.0.1', port: 8080, cloud: false },
    );
    const custom = await startTestStack({ app: { auth } });
    try {
      const mine = await custom.app.inject({ url: '/api/session', headers: { 'x-auth-request-email': 'gil@example.com', 'x-auth-request-groups': 'ops' } });
      expect(mine.json()).toMatchObject({ user: { name: 'gil@example.com' }, roles: ['operator'] });
      const defaults = await custom.app.inject({ url: '/api/session', headers: { 'x-forwarded-user': 'gil', 'x-forwarded-groups': 'ops' } });
      expect(defaults.statusCode).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('trusted address list', () => {
  it('matches IPv4, IPv6, CIDRs and IPv4-mapped addresses', () => {
    const list = trustedAddressList(['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8']);
    for (const yes of ['127.0.0.1', '::1', '10.255.0.1', '::ffff:10.0.0.1', 'fd12::5']) expect(isTrustedPeer(list, yes), yes).toBe(true);
    for (const no of ['127.0.0.2', '11.0.0.1', '::2', 'fe80::1', '', undefined, 'not-an-ip']) expect(isTrustedPeer(list, no), String(no)).toBe(false);
  });
});
