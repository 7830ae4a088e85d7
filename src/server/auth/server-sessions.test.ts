// Server-side sessions (AUTH_MODE=oidc) through the console's HTTP API: real sign-ins at a real
// OpenID provider, consoles driven with inject(), one ManualClock. Several consoles share one real
// PostgreSQL database and SESSION_SECRET, as instances behind a load balancer do.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectConsole } from '../../api/testing/console-guard';
import { ManualClock } from '../../dcs/testing/manual-clock';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import { loadAuthConfig } from '../config';
import { CookieJar, freePort, OIDC_PROVIDER_WARNINGS, oidcEnv, signInAtProvider, startOidcProvider, type TestOidcProvider } from '../testing/oidc';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { openPostgresSessionStore, type SessionStore } from './session-store';

expectConsole('warn', OIDC_PROVIDER_WARNINGS);

const SECRET = 'server-sessions-test-secret-0123456789abcdef';
const clock = new ManualClock();
let appUrl: string;
let idp: TestOidcProvider;
let sim: RunningSimulator;
let postgres: TestPostgres;
let databases = 0;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  appUrl = `http://127.0.0.1:${await freePort()}`;
  [idp, sim, postgres] = await Promise.all([
    startOidcProvider({
      redirectUri: `${appUrl}/auth/callback`,
      postLogoutRedirectUri: `${appUrl}/`,
      accounts: { alice: { name: 'Alice Operator', groups: ['dcs-operators'] } },
    }),
    startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 300, now: clock.now }),
    startTestPostgres(),
  ]);
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(async () => {
  await Promise.all([idp?.close(), sim?.close(), postgres?.close()]);
});

function authConfig(env: Record<string, string> = {}) {
  return loadAuthConfig(
    oidcEnv(idp, appUrl, SECRET, { AUTH_VIEWER_GROUPS: 'dcs-viewers', STOP_RATE_LIMIT: '3', ...env }),
    { host: '127.0.0.1', port: 8080, cloud: false },
  );
}

/** A console; `database`: a PostgreSQL URL it shares with others (unset: its own in-memory store). */
async function consoleApp(options: { database?: string; env?: Record<string, string> } = {}): Promise<FastifyInstance> {
  const auth = authConfig(options.env);
  const sessions: SessionStore | undefined = options.database ? openPostgresSessionStore(options.database, auth.session) : undefined;
  const app = await buildApp({
    targets: [{ id: 'test', label: 'Test', region: 'test', simulated: true, dcs: { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk', ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 1500 } }],
    staticDir: null,
    logLevel: 'silent',
    audit: openSqliteAuditStore(':memory:'),
    auth,
    sessions,
    clock: clock.now,
    history: { sampler: { intervalMs: 0 } },
    caughtUp: { tickMs: 0 },
  });
  apps.push(app);
  return app;
}

function cookieOf(res: LightMyRequestResponse, name: string): string {
  const line = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in the answer`);
  return line.slice(0, line.indexOf(';'));
}

/** Signs alice in on `app` through the provider: her session cookie (`dcs_session=…`) and CSRF token. */
async function signIn(app: FastifyInstance): Promise<{ cookie: string; csrf: string }> {
  const start = await app.inject({ url: '/auth/login' });
  expect(start.statusCode).toBe(302);
  const callback = await signInAtProvider(new CookieJar(), String(start.headers.location), 'alice', `${appUrl}/auth/callback`);
  const landed = await app.inject({ url: callback.slice(appUrl.length), headers: { cookie: cookieOf(start, 'dcs_oidc_login') } });
  expect(landed.statusCode, landed.body).toBe(303);
  const cookie = cookieOf(landed, 'dcs_session');
  const me = await app.inject({ url: '/api/session', headers: { cookie } });
  expect(me.statusCode).toBe(200);
  return { cookie, csrf: me.json().csrf_token as string };
}

const me = (app: FastifyInstance, cookie: string) => app.inject({ url: '/api/session', headers: { cookie } });
const post = (app: FastifyInstance, url: string, who: { cookie: string; csrf: string }, payload: unknown = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
const stop = (app: FastifyInstance, who: { cookie: string; csrf: string }, task: string) => post(app, `/api/migration-tasks/${task}/stop`, who);
const codeOf = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;

describe('server-side sessions', () => {
  it('after POST /auth/logout the saved cookie and CSRF token get 401 (the review’s repro)', async () => {
    const app = await consoleApp();
    const alice = await signIn(app);
    expect((await post(app, '/auth/logout', alice)).statusCode).toBe(200);
    const replayed = await me(app, alice.cookie);
    expect([replayed.statusCode, codeOf(replayed)]).toEqual([401, 'UNAUTHENTICATED']);
    const replayedStop = await stop(app, alice, 'any-task');
    expect([replayedStop.statusCode, codeOf(replayedStop)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('two consoles on one database: a session made on A works on B, and after sign-out on A, B refuses it', async () => {
    const database = postgres.createDatabase(`consoles_${++databases}`);
    const [a, b] = [await consoleApp({ database }), await consoleApp({ database })];
    const alice = await signIn(a);
    const onB = await me(b, alice.cookie);
    expect(onB.statusCode).toBe(200);
    expect(onB.json()).toMatchObject({ user: { name: 'alice' }, roles: ['operator'], csrf_token: alice.csrf });
    expect((await post(a, '/auth/logout', alice)).statusCode).toBe(200);
    expect((await me(b, alice.cookie)).statusCode).toBe(401);
    expect((await stop(b, alice, 'any-task')).statusCode).toBe(401);
  });

  it('the stop rate limit holds across consoles: 3 stops spread over A and B, the 4th is 429 on either', async () => {
    const database = postgres.createDatabase(`consoles_${++databases}`);
    const [a, b] = [await consoleApp({ database }), await consoleApp({ database })];
    const alice = await signIn(a);
    const answers = [await stop(a, alice, 'missing-1'), await stop(b, alice, 'missing-2'), await stop(a, alice, 'missing-3')];
    expect(answers.map((r) => r.statusCode)).not.toContain(429);
    for (const app of [b, a]) {
      const limited = await stop(app, alice, 'missing-4');
      expect([limited.statusCode, codeOf(limited)]).toEqual([429, 'RATE_LIMITED']);
      // Windows are the minutes of the app clock: Retry-After is the rest of this one.
      expect(Number(limited.headers['retry-after'])).toBe(Math.ceil((60_000 - (clock.now() % 60_000)) / 1000));
      expect(limited.json().error.message).toMatch(/at most 3 a minute/);
    }
    // The next minute of the app clock is a fresh budget, on both.
    clock.advance(60_000);
    expect((await stop(b, alice, 'missing-5')).statusCode).not.toBe(429);
  });

  it('roles follow the current group mapping: a console without dcs-operators in AUTH_OPERATOR_GROUPS gives the same session no operator rights', async () => {
    const database = postgres.createDatabase(`consoles_${++databases}`);
    const a = await consoleApp({ database });
    const b = await consoleApp({ database, env: { AUTH_OPERATOR_GROUPS: 'dcs-admins' } });
    const alice = await signIn(a);
    expect((await me(b, alice.cookie)).json()).toMatchObject({ user: { name: 'alice' }, roles: [], allowed_actions: [] });
    const refused = await stop(b, alice, 'any-task');
    expect([refused.statusCode, codeOf(refused)]).toEqual([403, 'FORBIDDEN']);
    expect((await me(a, alice.cookie)).json().roles).toEqual(['operator']);
  });

  it('ends after SESSION_IDLE_TIMEOUT_MIN without a request, and SESSION_MAX_AGE_H after sign-in however busy', async () => {
    const app = await consoleApp({ env: { SESSION_IDLE_TIMEOUT_MIN: '5', SESSION_MAX_AGE_H: '1' } });
    const idle = await signIn(app);
    clock.advance(4 * 60_000);
    expect((await me(app, idle.cookie)).statusCode).toBe(200);
    clock.advance(4 * 60_000); // 8 min after sign-in, 4 after the last request
    expect((await me(app, idle.cookie)).statusCode).toBe(200);
    clock.advance(5 * 60_000);
    expect((await me(app, idle.cookie)).statusCode).toBe(401);

    const busy = await signIn(app);
    for (let minute = 4; minute < 60; minute += 4) {
      clock.advance(4 * 60_000);
      expect((await me(app, busy.cookie)).statusCode, `after ${minute} min`).toBe(200);
    }
    clock.advance(4 * 60_000); // 64 min after sign-in
    expect((await me(app, busy.cookie)).statusCode).toBe(401);
  });
});
