// GET /healthz (the process answers) and GET /readyz (every DCS target answers a cheap read),
// both public; readiness is cached so probes do not spend the cloud's quota.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readinessSchema } from '../../api/readiness';
import { loadAuthConfig } from '../config';
import { openPostgresAuditStore } from '../audit/sqlite-store';
import { startTestPostgres } from '../testing/postgres';
import { startTestStack, type TestStack } from '../testing/stack';

const LIST = 'GET /migration-tasks';

let cached: TestStack; // readiness cached for the default 5 s
let fresh: TestStack; // readiness probed on every request
beforeAll(async () => {
  [cached, fresh] = await Promise.all([startTestStack(), startTestStack({ app: { readiness: { cacheMs: 0, probeTimeoutMs: 400 } } })]);
});
afterAll(() => Promise.all([cached.close(), fresh.close()]));
beforeEach(() => fresh.control('POST', '/reset'));

const SQLITE_UP = { kind: 'sqlite', reachable: true, latency_ms: expect.any(Number) };

const lists = async (stack: TestStack) => (await stack.upstreamRequests()).routes[LIST] ?? 0;

describe('GET /readyz', () => {
  it('200 ready, with each target reachable and its latency; never cached by clients', async () => {
    const res = await fresh.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(readinessSchema.parse(res.json())).toEqual({ status: 'ready', targets: [{ id: 'test', reachable: true, latency_ms: expect.any(Number) }], store: SQLITE_UP });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await lists(fresh)).toBe(1);
  });

  it('asks the cloud at most once per cache period, however often it is probed, and again once it has passed', async () => {
    const before = await lists(cached);
    const answers = await Promise.all(Array.from({ length: 10 }, () => cached.app.inject({ url: '/readyz' })));
    for (let i = 0; i < 5; i++) answers.push(await cached.app.inject({ url: '/readyz' }));
    expect(answers.every((res) => res.statusCode === 200)).toBe(true);
    expect((await lists(cached)) - before).toBeLessThanOrEqual(1);

    // The period is 5 s on the console's clock (the test's): the verdict is asked for again once it has passed.
    const kept = await lists(cached);
    cached.clock.advance(4_999);
    await cached.app.inject({ url: '/readyz' });
    expect(await lists(cached)).toBe(kept);
    cached.clock.advance(1);
    await cached.app.inject({ url: '/readyz' });
    expect(await lists(cached)).toBe(kept + 1);
  });

  it.each([
    ['a 500', { status: 500, error_code: 'DCS.5000' }, 'UPSTREAM_ERROR'],
    ['throttling', { status: 429, error_code: 'APIGW.0308' }, 'UPSTREAM_THROTTLED'],
    ['rejected credentials', { status: 401, error_code: 'APIGW.0301' }, 'UPSTREAM_AUTH_FAILED'],
    ['a dropped connection', { drop_connection: true }, 'UPSTREAM_UNREACHABLE'],
    ['no answer in time', { latency_ms: 1000 }, 'UPSTREAM_TIMEOUT'],
  ])('503 not ready when the target fails with %s (one attempt, no retry)', async (_name, spec, code) => {
    await fresh.control('POST', '/faults', { route: LIST, times: 1, ...spec });
    const res = await fresh.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(readinessSchema.parse(res.json())).toEqual({ status: 'not_ready', targets: [{ id: 'test', reachable: false, error_code: code }], store: SQLITE_UP });
    expect(await lists(fresh)).toBe(1); // one attempt: no retry, no backoff (a 1 s answer is cut at the 400 ms probe timeout)
    expect((await fresh.app.inject({ url: '/readyz' })).statusCode).toBe(200); // the failure is not kept
  });

  it('503 when one of several targets cannot be reached, naming it', async () => {
    const port = await freePort();
    const sim = fresh.simulator;
    const auth = { kind: 'aksk' as const, ak: sim.ak, sk: sim.sk };
    const dcs = { projectId: sim.projectId, auth, connectTimeoutMs: 300, timeoutMs: 500 };
    const two = await startTestStack({
      app: {
        targets: [
          { id: 'up', label: 'Up', region: 'r1', simulated: true, dcs: { ...dcs, endpoint: new URL(sim.url) } },
          { id: 'down', label: 'Down', region: 'r2', simulated: false, dcs: { ...dcs, endpoint: new URL(`http://127.0.0.1:${port}`) } },
        ],
      },
    });
    try {
      const res = await two.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'not_ready',
        targets: [
          { id: 'up', reachable: true, latency_ms: expect.any(Number) },
          { id: 'down', reachable: false, error_code: 'UPSTREAM_UNREACHABLE' },
        ],
        store: SQLITE_UP,
      });
    } finally {
      await two.close();
    }
  });

  it('reports the store: 503 naming it when the PostgreSQL server goes away, while the cloud still answers', async () => {
    const postgres = await startTestPostgres();
    const audit = openPostgresAuditStore(postgres.url);
    await audit.ready();
    const stack = await startTestStack({ app: { audit, readiness: { cacheMs: 0, probeTimeoutMs: 1000 } } });
    try {
      const up = await stack.app.inject({ url: '/readyz' });
      expect(up.statusCode).toBe(200);
      expect(up.json().store).toEqual({ kind: 'postgres', reachable: true, latency_ms: expect.any(Number) });
      await postgres.close();
      const down = await stack.app.inject({ url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(readinessSchema.parse(down.json())).toMatchObject({ status: 'not_ready', targets: [{ id: 'test', reachable: true }], store: { kind: 'postgres', reachable: false } });
      expect(down.json().store.error).not.toMatch(/password/i);
    } finally {
      await stack.close();
    }
  });

  it('needs no sign-in, like /healthz, while the API does', async () => {
    const oidc = loadAuthConfig(
      { AUTH_MODE: 'oidc', SESSION_SECRET: 's'.repeat(32), AUTH_OIDC_ISSUER: 'https://login.example.com/realms/x', AUTH_OIDC_CLIENT_ID: 'c', AUTH_OPERATOR_GROUPS: 'ops', PUBLIC_URL: 'https://console.example.com' },
      { host: '0.0.0.0', port: 8080, cloud: true },
    );
    const signedOut = await startTestStack({ app: { auth: oidc } });
    try {
      expect((await signedOut.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      expect((await signedOut.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await signedOut.app.inject({ url: '/api/targets' })).statusCode).toBe(401);
    } finally {
      await signedOut.close();
    }
  });
});

describe('METRICS_TOKEN', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';

  it('when set, /readyz and /metrics answer 401 without the bearer token (or with a wrong one); /healthz stays public; the token is never logged', async () => {
    const auth = loadAuthConfig({ METRICS_TOKEN: TOKEN }, { host: '127.0.0.1', port: 8080, cloud: false });
    const guarded = await startTestStack({ app: { auth } });
    try {
      const denied = [undefined, 'Bearer wrong-token-0123456789abcdef', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN.slice(0, -1)}`];
      for (const url of ['/readyz', '/metrics']) {
        for (const authorization of denied) {
          const res = await guarded.app.inject({ url, headers: authorization === undefined ? {} : { authorization } });
          expect(res.statusCode, `${url} ${authorization}`).toBe(401);
          expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED', request_id: res.headers['x-request-id'] });
          expect(res.json().error).not.toHaveProperty('login_url');
          expect(res.headers['www-authenticate']).toBe('Bearer realm="dcs-console"');
          expect(res.headers['x-frame-options']).toBe('DENY'); // the security headers, like every answer
        }
        const ok = await guarded.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
        expect(ok.statusCode, url).toBe(200);
        expect((await guarded.app.inject({ url, headers: { authorization: `bearer  ${TOKEN}` } })).statusCode).toBe(200);
      }
      expect((await guarded.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body).toContain('http_requests_total');
      expect((await guarded.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect(guarded.logs.join('')).not.toContain(TOKEN);
    } finally {
      await guarded.close();
    }
  });

  it('unset, both stay public', async () => {
    expect((await cached.app.inject({ url: '/metrics' })).statusCode).toBe(200);
    expect((await cached.app.inject({ url: '/readyz' })).statusCode).toBe(200);
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
