// AUTH_MODE=oidc against a real OpenID provider (oidc-provider) on loopback: the console listens
// on a real port, and a hand-driven "browser" (cookie jar, manual redirects) signs in through the
// provider's login and consent pages.
import { randomBytes } from 'node:crypto';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import { loadAuthConfig } from '../config';
import { SESSION_COOKIE } from './principal';
import { expectConsole } from '../../api/testing/console-guard';
import { browse, CookieJar, freePort, OIDC_PROVIDER_WARNINGS, oidcEnv, signInAtProvider, startOidcProvider, type TestOidcProvider } from '../testing/oidc';

expectConsole('warn', OIDC_PROVIDER_WARNINGS);
import { startTestStack, type TestStack } from '../testing/stack';
import { safeReturnTo } from './oidc';
import { sealValue } from './sealed-value';
import { sessionCookieValue } from './session-cookie';
import { openSqliteSessionStore } from './session-store';

const SECRET = 'oidc-test-session-secret-0123456789abcdef';
let port: number;
let appUrl: string;
let idp: TestOidcProvider;
let stack: TestStack;
/** Every token the provider issued, to prove none of them reaches a log line. */
const issuedTokens: string[] = [];

beforeAll(async () => {
  port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({
    redirectUri: `${appUrl}/auth/callback`,
    postLogoutRedirectUri: `${appUrl}/`,
    accounts: {
      alice: { name: 'Alice Operator', email: 'alice@example.com', groups: ['dcs-operators', 'staff'] },
      rita: { name: 'Rita Operator', groups: ['dcs-operators'] },
      olga: { name: 'Olga Operator', groups: ['dcs-operators'] },
      victor: { name: 'Victor Viewer', groups: ['dcs-viewers'] },
      nadia: { name: 'Nadia Nobody', groups: ['marketing'] },
    },
  });
  idp.provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const body = ctx.body as Record<string, unknown>;
    for (const key of ['access_token', 'id_token', 'refresh_token']) if (typeof body[key] === 'string') issuedTokens.push(body[key]);
  });
  const auth = loadAuthConfig(
    oidcEnv(idp, appUrl, SECRET, {
      AUTH_VIEWER_GROUPS: 'dcs-viewers',
      STOP_RATE_LIMIT: '3',
      LOGIN_RATE_LIMIT: '1000', // every sign-in here comes from 127.0.0.1 within one minute of the test clock
    }),
    { host: '127.0.0.1', port, cloud: false },
  );
  stack = await startTestStack({ app: { auth } });
  await stack.app.listen({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await stack?.close();
  await idp?.close();
});

/** Signs `login` in through the provider; the jar then holds the console's session cookie. */
async function signIn(login: string, returnTo = '/targets/test/tasks'): Promise<{ jar: CookieJar; landing: string; authorizationUrl: URL }> {
  const jar = new CookieJar();
  const start = await browse(jar, `${appUrl}/auth/login?return_to=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorizationUrl = new URL(start.headers.get('location')!);
  const callback = await signInAtProvider(jar, authorizationUrl.href, login, `${appUrl}/auth/callback`);
  const landed = await browse(jar, callback);
  expect(landed.status, await landed.clone().text()).toBe(303);
  return { jar, landing: landed.headers.get('location')!, authorizationUrl };
}

async function api(jar: CookieJar | null, path: string, init: RequestInit = {}): Promise<Response> {
  return browse(jar ?? new CookieJar(), `${appUrl}${path}`, init);
}

async function session(jar: CookieJar) {
  const res = await api(jar, '/api/session');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { csrf_token: string; allowed_actions: string[]; error?: { code: string } } };
}

function post(jar: CookieJar, path: string, csrf: string | null, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
  return api(jar, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl, 'sec-fetch-site': 'same-origin', ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

async function stoppableTaskIds(jar: CookieJar): Promise<string[]> {
  const res = await api(jar, '/api/migration-tasks?status=INCRMIGEATING,FULLMIGRATING,MIGRATING&limit=100');
  expect(res.status).toBe(200);
  return ((await res.json()) as { tasks: { task_id: string }[] }).tasks.map((t) => t.task_id);
}

describe('sign-in with OpenID Connect (authorization code + PKCE)', () => {
  it('sends the browser to the provider with PKCE (S256), state, nonce, the groups scope and the registered redirect URL', async () => {
    const jar = new CookieJar();
    const res = await browse(jar, `${appUrl}/auth/login?return_to=/x`);
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: idp.clientId,
      response_type: 'code',
      redirect_uri: `${appUrl}/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile email groups',
    });
    for (const param of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
    const loginCookie = res.headers.getSetCookie().find((c) => c.startsWith('dcs_oidc_login='))!;
    expect(loginCookie).toMatch(/HttpOnly/i);
    expect(loginCookie).toMatch(/SameSite=Lax/i);
    expect(loginCookie).toMatch(/Path=\/auth\//);
    // Sealed (AES-256-GCM), not just signed: neither the state and nonce of the URL nor the PKCE verifier can be read from it.
    const value = loginCookie.slice(loginCookie.indexOf('=') + 1, loginCookie.indexOf(';'));
    const readable = [value, ...value.split('.')].map((part) => Buffer.from(part, 'base64url').toString('latin1')).join(' ');
    for (const param of ['state', 'nonce']) expect(readable).not.toContain(url.searchParams.get(param));
    expect(readable).not.toMatch(/verifier|return_to/);
  });

  it('an operator signs in, lands on return_to, and may stop a task (with the session CSRF token)', async () => {
    const { jar, landing } = await signIn('alice');
    expect(landing).toBe('/targets/test/tasks');
    const sessionCookie = jar.cookies.get(SESSION_COOKIE);
    expect(sessionCookie).toBeTruthy();

    const me = await session(jar);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { name: 'alice' }, roles: ['operator'], auth_mode: 'oidc', logout_url: '/auth/logout' });
    expect(me.body.allowed_actions).toContain('migrationTask:stop');
    // The idle end (SESSION_IDLE_TIMEOUT_MIN, 60) comes before the absolute one (8 h), on the console's clock.
    expect(Date.parse(me.body.expires_at as string) - stack.clock.now()).toBe(60 * 60_000);

    const [taskId] = await stoppableTaskIds(jar);
    const stopped = await post(jar, `/api/migration-tasks/${taskId}/stop`, me.body.csrf_token);
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toMatchObject({ task_id: taskId, status: 'TERMINATING' });
  });

  it('the session cookie is HttpOnly, SameSite=Lax, Path=/, 8 h, and not Secure over plain http', async () => {
    const jar = new CookieJar();
    const start = await browse(jar, `${appUrl}/auth/login`);
    const callback = await signInAtProvider(jar, start.headers.get('location')!, 'alice', `${appUrl}/auth/callback`);
    const landed = await browse(jar, callback);
    expect(landed.headers.get('location')).toBe('/');
    const cookie = landed.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/(;|$)/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/i);
    // The login cookie (state, nonce, PKCE verifier) is single-use.
    expect(landed.headers.getSetCookie().some((c) => /^dcs_oidc_login=;/.test(c))).toBe(true);
  });

  it('a viewer may list and read but not stop (403 FORBIDDEN), without anything sent upstream', async () => {
    const { jar } = await signIn('victor');
    const me = await session(jar);
    expect(me.body).toMatchObject({ user: { name: 'victor' }, roles: ['viewer'] });
    expect(me.body.allowed_actions).toEqual(['migrationTask:list', 'migrationTask:get']);
    const [taskId] = await stoppableTaskIds(jar);
    expect((await api(jar, `/api/migration-tasks/${taskId}`)).status).toBe(200);
    expect((await api(jar, `/api/migration-tasks/${taskId}/stats`)).status).toBe(200);
    expect((await api(jar, `/api/migration-tasks/${taskId}/logs`)).status).toBe(200);
    const before = (await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0;
    const stop = await post(jar, `/api/migration-tasks/${taskId}/stop`, me.body.csrf_token);
    expect(stop.status).toBe(403);
    expect(((await stop.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const batch = await post(jar, '/api/migration-tasks/batch-stop', me.body.csrf_token, { task_ids: [taskId] });
    expect(batch.status).toBe(403);
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(before);
  });

  it('a user in neither group is signed in but may do nothing: 403 on every task route', async () => {
    const { jar } = await signIn('nadia');
    const me = await session(jar);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { name: 'nadia' }, roles: [], allowed_actions: [] });
    for (const path of ['/api/migration-tasks', '/api/migration-tasks/abc', '/api/migration-tasks/abc/stats', '/api/targets']) {
      const res = await api(jar, path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    expect((await post(jar, '/api/migration-tasks/abc/stop', me.body.csrf_token)).status).toBe(403);
  });

  it('without a session: GET /api/session and every API route answer 401 UNAUTHENTICATED with the login URL', async () => {
    for (const path of ['/api/session', '/api/migration-tasks', '/api/migration-tasks/abc', '/api/targets']) {
      const res = await api(null, path);
      expect(res.status, path).toBe(401);
      const body = (await res.json()) as { error: { code: string; login_url: string; request_id: string } };
      expect(body.error).toMatchObject({ code: 'UNAUTHENTICATED', login_url: '/auth/login' });
      expect(body.error.request_id).toBe(res.headers.get('x-request-id'));
    }
    const stop = await api(null, '/api/migration-tasks/abc/stop', { method: 'POST', headers: { origin: appUrl, 'content-type': 'application/json' }, body: '{}' });
    expect(stop.status).toBe(401);
    // Liveness stays public.
    expect((await api(null, '/healthz')).status).toBe(200);
  });

  it('a tampered, foreign-signed or unknown session cookie is not a session (401); the cookie holds only a signed random id', async () => {
    const { jar } = await signIn('alice');
    const genuine = jar.cookies.get(SESSION_COOKIE)!;
    expect(genuine).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
    const [id, mac] = genuine.split('.') as [string, string];
    const forgeries = {
      'flipped MAC': `${id}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`,
      'another id, old MAC': `${randomBytes(32).toString('base64url')}.${mac}`,
      'an id the store never issued, signed': sessionCookieValue(SECRET, randomBytes(32).toString('base64url')),
      'signed with another secret': sessionCookieValue('another-secret-of-at-least-32-characters!', id),
      'a login cookie replayed as a session': sealValue(SECRET, 'oidc-login', { id }),
      'garbage': 'not-a-session',
    };
    for (const [what, value] of Object.entries(forgeries)) {
      const forged = new CookieJar();
      forged.cookies.set(SESSION_COOKIE, value);
      const res = await api(forged, '/api/session');
      expect(res.status, what).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
    // The genuine one still works.
    expect((await session(jar)).status).toBe(200);
  });

  it('refuses forged state-changing requests: no CSRF token, a wrong one, another origin, a cross-site fetch or form post', async () => {
    const { jar } = await signIn('alice');
    const { body } = await session(jar);
    const [taskId] = await stoppableTaskIds(jar);
    const path = `/api/migration-tasks/${taskId}/stop`;
    const before = (await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0;
    const attempts = [
      await post(jar, path, null),
      await post(jar, path, 'x'.repeat(32)),
      await post(jar, path, body.csrf_token, {}, { origin: 'https://evil.example' }),
      await post(jar, path, body.csrf_token, {}, { 'sec-fetch-site': 'cross-site' }),
      await api(jar, path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, body: 'x=1' }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED');
    }
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(before);
  });

  it('sign-out clears the session (CSRF-checked) and returns the provider end-session URL', async () => {
    const { jar } = await signIn('alice');
    const { body } = await session(jar);
    const copied = jar.cookies.get(SESSION_COOKIE)!;

    const forged = await post(jar, '/auth/logout', null);
    expect(forged.status).toBe(403);
    expect(jar.cookies.get(SESSION_COOKIE)).toBe(copied);

    const res = await post(jar, '/auth/logout', body.csrf_token);
    expect(res.status).toBe(200);
    const { redirect_url } = (await res.json()) as { redirect_url: string };
    const end = new URL(redirect_url);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('client_id')).toBe(idp.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/`);
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await session(jar)).status).toBe(401);
    // The provider knows the end-session request (its confirmation page, not an error).
    expect((await fetch(redirect_url)).status).toBe(200);
    // Without a session there is nothing to end, and nothing to refuse.
    expect((await post(new CookieJar(), '/auth/logout', null)).status).toBe(200);
  });

  it('goes back only to paths of the console (never another site)', async () => {
    for (const hostile of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/auth/logout']) {
      expect(safeReturnTo(hostile), hostile).toBe('/');
    }
    expect(safeReturnTo('/targets/a/tasks/b?tab=logs')).toBe('/targets/a/tasks/b?tab=logs');
    expect((await signIn('alice', '//evil.example/phish')).landing).toBe('/');
  });

  it('a callback with a wrong state, without the login cookie, or refused by the provider is SIGN_IN_FAILED (no session)', async () => {
    // Wrong state: the response belongs to another sign-in.
    const jar = new CookieJar();
    const start = await browse(jar, `${appUrl}/auth/login`);
    const callback = new URL(await signInAtProvider(jar, start.headers.get('location')!, 'alice', `${appUrl}/auth/callback`));
    callback.searchParams.set('state', 'someone-elses-state-value');
    const wrongState = await browse(jar, callback.href);
    expect(wrongState.status).toBe(400);
    expect(((await wrongState.json()) as { error: unknown }).error).toMatchObject({ code: 'SIGN_IN_FAILED', login_url: '/auth/login' });
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);

    // No login cookie: started in another browser, or expired.
    const noCookie = await browse(new CookieJar(), `${appUrl}/auth/callback?code=abc&state=def`);
    expect(noCookie.status).toBe(400);
    expect(((await noCookie.json()) as { error: { code: string; message: string } }).error.message).toMatch(/expired or was started in another browser/);

    // The user cancels at the provider: access_denied.
    const cancelJar = new CookieJar();
    const cancelStart = await browse(cancelJar, `${appUrl}/auth/login`);
    const interaction = await browse(cancelJar, cancelStart.headers.get('location')!);
    const abortUrl = new URL(`${interaction.headers.get('location')!}/abort`, idp.issuer);
    const aborted = await browse(cancelJar, abortUrl.href);
    let next = new URL(aborted.headers.get('location')!, idp.issuer).href;
    while (!next.startsWith(`${appUrl}/auth/callback`)) next = new URL((await browse(cancelJar, next)).headers.get('location')!, idp.issuer).href;
    const denied = await browse(cancelJar, next);
    expect(denied.status).toBe(401);
    const deniedError = ((await denied.json()) as { error: { code: string; message: string } }).error;
    expect(deniedError.code).toBe('SIGN_IN_FAILED');
    expect(deniedError.message).toMatch(/access_denied/);
    expect(cancelJar.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('limits stops per user (STOP_RATE_LIMIT=3 a minute): the 4th is a 429 RATE_LIMITED with Retry-After; other users are unaffected', async () => {
    const rita = await signIn('rita');
    const ritaCsrf = (await session(rita.jar)).body.csrf_token;
    const answers: Response[] = [];
    for (let i = 0; i < 4; i++) answers.push(await post(rita.jar, '/api/migration-tasks/batch-stop', ritaCsrf, { task_ids: [`missing-task-${i}`] }));
    expect(answers.slice(0, 3).map((r) => r.status)).not.toContain(429);
    const limited = answers[3]!;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const error = ((await limited.json()) as { error: { code: string; message: string; request_id: string } }).error;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/at most 3 a minute/);
    // Single stops share the budget.
    expect((await post(rita.jar, '/api/migration-tasks/missing-task/stop', ritaCsrf)).status).toBe(429);
    // Reading is not limited.
    expect((await api(rita.jar, '/api/migration-tasks')).status).toBe(200);

    const olga = await signIn('olga');
    const olgaCsrf = (await session(olga.jar)).body.csrf_token;
    expect((await post(olga.jar, '/api/migration-tasks/missing-task/stop', olgaCsrf)).status).not.toBe(429);
  });

  it('logs who asked with each request, and never the session cookie, CSRF tokens, codes or provider tokens', async () => {
    const { jar } = await signIn('alice');
    const { body } = await session(jar);
    await api(jar, '/api/migration-tasks?limit=1');
    const logs = stack.logs.join('');
    const lines = stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = lines.filter((l) => l.msg === 'request completed' && (l.req as { path: string }).path === '/api/migration-tasks');
    expect(completed.at(-1)).toMatchObject({ user: 'alice', status: 200, req: { method: 'GET', path: '/api/migration-tasks' } });
    expect((completed.at(-1)!.req as { request_id: string }).request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.msg === 'request completed' && l.user === null && l.status === 401)).toBe(true);
    expect(lines.some((l) => l.event === 'auth.sign_in' && l.user === 'alice')).toBe(true);

    expect(issuedTokens.length).toBeGreaterThan(3);
    const secrets = [jar.cookies.get(SESSION_COOKIE)!, body.csrf_token, idp.clientSecret, SECRET, ...issuedTokens];
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/[?&]code=/);
  });

  it('answers 502 SIGN_IN_FAILED when the provider cannot be reached, and starts anyway', async () => {
    const deadPort = await freePort();
    const app = await buildApp({
      targets: [{ id: 't', label: 't', region: 'r', simulated: true, dcs: { endpoint: new URL(stack.simulator.url), projectId: stack.simulator.projectId, auth: { kind: 'aksk', ak: stack.simulator.ak, sk: stack.simulator.sk }, connectTimeoutMs: 500, timeoutMs: 500 } }],
      staticDir: null,
      logLevel: 'silent',
      audit: openSqliteAuditStore(':memory:'),
      auth: loadAuthConfig(
        { AUTH_MODE: 'oidc', SESSION_SECRET: SECRET, AUTH_OIDC_ISSUER: `http://127.0.0.1:${deadPort}`, AUTH_OIDC_CLIENT_ID: 'x', AUTH_OPERATOR_GROUPS: 'ops' },
        { host: '127.0.0.1', port: 8080, cloud: false },
      ),
    });
    try {
      const res = await app.inject({ url: '/auth/login' });
      expect(res.statusCode).toBe(502);
      expect(res.json().error).toMatchObject({ code: 'SIGN_IN_FAILED', login_url: '/auth/login' });
      expect(res.body).not.toContain(String(deadPort));
    } finally {
      await app.close();
    }
  });
});

describe('sign-in behind https and under load', () => {
  const https = { PUBLIC_URL: 'https://console.example.com', AUTH_OPERATOR_GROUPS: 'dcs-operators', SESSION_SECRET: SECRET, AUTH_OIDC_CLIENT_ID: 'dcs-console' };

  it('behind https the cookies are __Host-dcs_session (Secure, Path=/, no Domain) and __Secure-dcs_oidc_login; the plain names are not read', async () => {
    const auth = loadAuthConfig({ AUTH_MODE: 'oidc', AUTH_OIDC_ISSUER: idp.issuer, ...https }, { host: '0.0.0.0', port: 8080, cloud: false });
    const sessions = openSqliteSessionStore(':memory:', auth.session);
    const behindTls = await startTestStack({ app: { auth, sessions } });
    try {
      const login = await behindTls.app.inject({ url: '/auth/login' });
      expect(login.statusCode).toBe(302);
      expect(String(login.headers['set-cookie'])).toMatch(/^__Secure-dcs_oidc_login=[\w-]+; Max-Age=600; Path=\/auth\/; HttpOnly; Secure; SameSite=Lax$/);

      const made = await sessions.create({ subject: 'alice', name: 'alice', groups: ['dcs-operators'] }, behindTls.clock.now());
      const csrf = made.session.csrfToken;
      const session = sessionCookieValue(SECRET, made.id);
      const me = await behindTls.app.inject({ url: '/api/session', headers: { cookie: `__Host-dcs_session=${session}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ user: { name: 'alice' }, csrf_token: csrf });
      expect((await behindTls.app.inject({ url: '/api/session', headers: { cookie: `dcs_session=${session}` } })).statusCode).toBe(401);

      const out = await behindTls.app.inject({
        method: 'POST',
        url: '/auth/logout',
        headers: { cookie: `__Host-dcs_session=${session}`, 'x-csrf-token': csrf, origin: 'https://console.example.com', 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(out.statusCode).toBe(200);
      const cleared = String(out.headers['set-cookie']);
      expect(cleared).toMatch(/^__Host-dcs_session=; Max-Age=0; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
      expect(cleared).not.toMatch(/Domain/i);
    } finally {
      await behindTls.close();
    }
  });

  it('GET /auth/login is limited per client address (LOGIN_RATE_LIMIT=3 a minute, on the console clock): 429 RATE_LIMITED, a page for a browser', async () => {
    const deadIssuer = `http://127.0.0.1:${await freePort()}`;
    const auth = loadAuthConfig({ AUTH_MODE: 'oidc', AUTH_OIDC_ISSUER: deadIssuer, LOGIN_RATE_LIMIT: '3', ...https }, { host: '0.0.0.0', port: 8080, cloud: false });
    const limited = await startTestStack({ app: { auth } });
    try {
      const start = (remoteAddress: string, headers: Record<string, string> = {}) => limited.app.inject({ url: '/auth/login?return_to=/x', remoteAddress, headers });
      for (let i = 0; i < 3; i++) expect((await start('203.0.113.5')).statusCode).toBe(502); // counted, then the provider is down
      const refused = await start('203.0.113.5');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/at most 3 a minute/), request_id: refused.headers['x-request-id'] });
      const page = await start('203.0.113.5', { accept: 'text/html,application/xhtml+xml' });
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('<code>RATE_LIMITED</code>');
      // Another address has its own budget; the window follows the console's clock.
      expect((await start('203.0.113.6')).statusCode).toBe(502);
      limited.clock.advance(59_000);
      expect((await start('203.0.113.5')).statusCode).toBe(429);
      limited.clock.advance(1_000);
      expect((await start('203.0.113.5')).statusCode).toBe(502);
    } finally {
      await limited.close();
    }
  });
});
